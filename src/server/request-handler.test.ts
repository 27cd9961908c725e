import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { CompiledSite, ContentView, FinalStatus, Generation, RequestContext, Stage } from '../pipeline/index.js';
import { createRequestHandler } from './request-handler.js';

/**
 * The request handler's one error path, over a real socket: a stage that fails, synchronously
 * (the hot path runs without promises) or asynchronously, ends in a plain 500 with win32 1359,
 * the failure is reported, and the request is still logged.
 */

const site = {
  id: 1, name: 'Default Web Site', settingsAt: () => ({ httpErrors: { errorMode: 'Custom' } }),
} as unknown as CompiledSite;
const generation = { siteFor: () => site } as unknown as Generation;

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(stages: Stage[]) {
  const failures: unknown[] = [];
  const logged: { status: FinalStatus; outcome: RequestContext['outcome'] }[] = [];
  const handle = createRequestHandler({
    generation: () => generation,
    stages,
    content: {} as ContentView,
    logs: { record: (context, status) => logged.push({ status, outcome: context.outcome }) },
    serverErrors: { record: () => undefined },
    reportFailure: (error) => failures.push(error),
  });
  server = createServer((request, response) => handle('http|127.0.0.1|0', request, response));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { port, failures, logged };
}

function get(port: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port, path: '/', agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    }).on('error', reject).end();
  });
}

const failing = (fail: () => never | Promise<never>): Stage => ({ id: 'mapping', run: fail });

describe('request handler error path', () => {
  it.each([
    ['synchronously', () => { throw new Error('stage broke'); }],
    ['asynchronously', async () => { throw new Error('stage broke'); }],
  ] as const)('answers 500 when a stage throws %s, reports it, and logs the request', async (_how, fail) => {
    const { port, failures, logged } = await serve([failing(fail)]);
    const answer = await get(port);
    expect(answer.status).toBe(500);
    expect(answer.body).toContain('500 - Internal Server Error');
    expect(answer.body).not.toContain('stage broke');
    expect(failures).toHaveLength(1);
    await expect.poll(() => logged.length).toBe(1);
    expect(logged[0]!.status).toMatchObject({ status: 500, substatus: 0, win32: 1359 });
  });

  it('answers a synchronous refusal through the same path', async () => {
    const { port, logged } = await serve([{ id: 'authorization', run: () => ({ status: 401, substatus: 3, win32: 5, reason: 'acl' }) }]);
    expect((await get(port)).status).toBe(401);
    await expect.poll(() => logged.length).toBe(1);
    expect(logged[0]!.status).toMatchObject({ status: 401, substatus: 3, win32: 5 });
  });
});
