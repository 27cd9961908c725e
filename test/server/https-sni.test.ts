import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect, type PeerCertificate } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initFolder, startUsher, type RunningUsher } from './harness.js';

let folder: { dir: string; cleanup(): void };
let usher: RunningUsher;

function makeCertificate(dir: string, name: string, cn: string): void {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2',
    '-subj', `/CN=${cn}`, '-keyout', join(dir, `${name}.key`), '-out', join(dir, `${name}.crt`)], { stdio: 'ignore' });
}

function peer(url: string, servername: string | undefined): Promise<{ cn: string; body: string }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: Number(port), servername, rejectUnauthorized: false }, () => {
      const cert: PeerCertificate = socket.getPeerCertificate();
      socket.write(`GET /a.txt HTTP/1.1\r\nHost: ${servername ?? 'a.test'}\r\nConnection: close\r\n\r\n`);
      let body = '';
      socket.on('data', (chunk) => (body += chunk.toString()));
      socket.on('end', () => resolve({ cn: String(cert.subject.CN), body }));
    });
    socket.on('error', reject);
  });
}

beforeAll(async () => {
  folder = initFolder();
  makeCertificate(folder.dir, 'a', 'a.test');
  makeCertificate(folder.dir, 'b', 'b.test');
  writeFileSync(join(folder.dir, 'wwwroot', 'a.txt'), 'secure');
  writeFileSync(join(folder.dir, 'usher.yaml'), `
applicationPools: [{ name: DefaultAppPool }]
sites:
  - name: A
    id: 1
    physicalPath: ./wwwroot
    bindings:
      - "http/127.0.0.1:0:"
      - { binding: "https/127.0.0.1:0:a.test", certificate: ./a.crt, key: ./a.key }
  - name: B
    id: 2
    physicalPath: ./wwwroot
    bindings:
      - { binding: "https/127.0.0.1:0:b.test", certificate: ./b.crt, key: ./b.key }
acl:
  ./wwwroot: { aces: ["IUSR:(OI)(CI)(R)"] }
`);
  usher = await startUsher(['serve'], { cwd: folder.dir, listeners: 2 });
});
afterAll(async () => {
  await usher?.stop();
  folder?.cleanup();
});

describe('https bindings', () => {
  it('listens once per protocol/address/port and prints each listener', () => {
    expect(usher.urls.map((url) => url.split(':')[0])).toEqual(['http', 'https']);
  });

  it('chooses the certificate by SNI host name, and the site by Host', async () => {
    const https = usher.urls.find((url) => url.startsWith('https'))!;
    expect((await peer(https, 'a.test')).cn).toBe('a.test');
    const b = await peer(https, 'b.test');
    expect(b.cn).toBe('b.test');
    expect(b.body).toMatch(/^HTTP\/1\.1 200 /);
    expect(b.body).toMatch(/secure$/);
  });

  it('reloads a certificate when its files change, without a restart', async () => {
    const https = usher.urls.find((url) => url.startsWith('https'))!;
    makeCertificate(folder.dir, 'a', 'a-renewed.test');
    const deadline = Date.now() + 5_000;
    let cn = '';
    while (Date.now() < deadline && cn !== 'a-renewed.test') {
      cn = (await peer(https, 'a.test')).cn;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(cn).toBe('a-renewed.test');
  });
});
