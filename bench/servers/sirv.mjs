// sirv in production mode (its default: files listed and headers computed once at start-up),
// with ETags on as Usher sends them. Each request streams the file from disk.
import { createServer } from 'node:http';
import sirv from 'sirv';

const root = process.argv[2];
const serve = sirv(root, { etag: true });
const server = createServer((request, response) => serve(request, response, () => {
  response.statusCode = 404;
  response.end('not found\n');
}));
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening http://127.0.0.1:${server.address().port}\n`));
process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
