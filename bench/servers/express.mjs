// express with serve-static on its defaults (no request logging middleware).
import express from 'express';
import serveStatic from 'serve-static';

const root = process.argv[2];
const app = express();
app.use(serveStatic(root));
const server = app.listen(0, '127.0.0.1', () => process.stdout.write(`listening http://127.0.0.1:${server.address().port}\n`));
process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
