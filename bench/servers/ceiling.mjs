// The ceiling of one Node process: node:http answering the bench files' bytes from memory, with
// no checks, no validators and no log. Whatever Usher does on top of this costs throughput.
import { createServer } from 'node:http';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2];
const files = new Map();
for (const name of readdirSync(root)) {
  const path = join(root, name);
  if (statSync(path).isFile()) files.set(`/${name}`, readFileSync(path));
}
const NOT_FOUND = Buffer.from('not found\n');

const server = createServer((request, response) => {
  const body = files.get(request.url);
  if (body === undefined) {
    response.writeHead(404, ['Content-Type', 'text/plain', 'Content-Length', NOT_FOUND.length]);
    response.end(NOT_FOUND);
    return;
  }
  response.writeHead(200, ['Content-Type', 'application/octet-stream', 'Content-Length', body.length]);
  response.end(request.method === 'HEAD' ? undefined : body);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening http://127.0.0.1:${server.address().port}\n`));
process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
