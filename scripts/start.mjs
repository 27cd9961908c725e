#!/usr/bin/env node
// `npm start`: serve the bundled demo site (demo/) on 127.0.0.1:8080, or $PORT.
// First start: writes .usher-scratch/demo/usher.yaml from demo/usher.template.yaml with a fresh
// machine SID and a generated password for the demo user (printed, and kept beside the config so
// later starts can print it again). Later starts reuse it; a different $PORT is applied through
// the config store like any other edit.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli', 'main.js');
// USHER_DEMO_DIR lets tests run the demo without touching a developer's .usher-scratch/demo.
const scratch = process.env.USHER_DEMO_DIR ?? join(root, '.usher-scratch', 'demo');
const configFile = join(scratch, 'usher.yaml');
const passwordFile = join(scratch, 'demo-password');
const port = Number(process.env.PORT ?? 8080);

if (!existsSync(cli)) {
  console.error('usher is not built yet: run `npm run build` first (npm start does it for you)');
  process.exit(2);
}
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT=${process.env.PORT} is not a port number (0..65535)`);
  process.exit(2);
}

const dist = (module) => import(pathToFileURL(join(root, 'dist', module, 'index.js')).href);

if (!existsSync(configFile)) {
  const { generateMachineSid, hashPassword } = await dist('identity');
  const { createConfig } = await dist('config');
  mkdirSync(scratch, { recursive: true, mode: 0o700 });
  const password = randomBytes(9).toString('base64url');
  const site = relative(scratch, join(root, 'demo', 'site'));
  const text = readFileSync(join(root, 'demo', 'usher.template.yaml'), 'utf8')
    .replaceAll('../../demo/site', site)
    .replace('{{PORT}}', String(port))
    .replace('{{MACHINE_SID}}', generateMachineSid())
    .replace('{{DEMO_HASH}}', await hashPassword(password));
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  await createConfig(configFile, text, { message: 'npm start: demo configuration' });
  console.log(`created ${relative(process.cwd(), configFile)}`);
} else {
  const current = readFileSync(configFile, 'utf8').match(/http\/127\.0\.0\.1:(\d+):/);
  if (current && Number(current[1]) !== port) {
    const set = spawnSync(process.execPath, [cli, '-c', configFile, 'site', 'set', 'Demo', '--binding', `http/127.0.0.1:${port}:`], { stdio: 'inherit' });
    if (set.status !== 0) process.exit(set.status ?? 2);
  }
}

const password = existsSync(passwordFile) ? readFileSync(passwordFile, 'utf8').trim() : `(see ${passwordFile})`;
const server = spawn(process.execPath, [cli, '-c', configFile, 'serve'], { stdio: ['ignore', 'pipe', 'inherit'] });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));

// Print the address the server really bound (PORT=0 picks a free one), once it is listening.
let announced = false;
server.stdout.setEncoding('utf8');
server.stdout.on('data', (text) => {
  process.stdout.write(text);
  const url = /^listening (\S+)$/m.exec(text)?.[1];
  if (announced || url === undefined) return;
  announced = true;
  console.log(`
Usher demo: ${url}/
  /private/ asks for a password: user demo, password ${password}
  What each page shows, and why: ${url}/explain.html
  Configuration: ${relative(process.cwd(), configFile)}   Logs: ${relative(process.cwd(), join(scratch, 'logs'))}/
Ctrl-C stops it.
`);
});
