import { describe, expect, it } from 'vitest';
import { RequestContext } from './context.js';
import type { CompiledSite, Generation } from './generation.js';
import { refuse, type Outcome } from './outcome.js';
import { runPipeline } from './run.js';
import type { ContentView } from './services.js';
import type { Stage, StageId } from './stage.js';

function context(): RequestContext {
  return new RequestContext({
    head: { method: 'GET', target: '/', headers: {}, httpVersion: '1.1' },
    connection: { remoteAddress: '127.0.0.1', remotePort: 1, localAddress: '127.0.0.1', localPort: 80, encrypted: false },
    generation: {} as Generation, site: {} as CompiledSite, content: {} as ContentView, response: undefined, startedAt: 0,
  });
}

/** A stage that records its id when it runs, and answers `answer` (a value, or a promise of one). */
function stage(id: StageId, ran: string[], answer: () => Outcome | undefined | Promise<Outcome | undefined> = () => undefined): Stage {
  return { id, run: () => (ran.push(id), answer()) };
}

const DENIED = refuse(401, 3, 5, 'denied');

describe('runPipeline', () => {
  it('runs synchronous stages to the end without a promise', () => {
    const ran: string[] = [];
    const ctx = context();
    const result = runPipeline([stage('request-filtering', ran), stage('mapping', ran), stage('handler', ran)], ctx);
    expect(result).toBeUndefined();
    expect(ran).toEqual(['request-filtering', 'mapping', 'handler']);
    expect(ctx.outcome).toBeUndefined();
  });

  it('stops at a synchronous refusal, keeps it on the context and returns it at once', () => {
    const ran: string[] = [];
    const ctx = context();
    const result = runPipeline([stage('request-filtering', ran), stage('authorization', ran, () => DENIED), stage('handler', ran)], ctx);
    expect(result).toBe(DENIED);
    expect(ctx.outcome).toBe(DENIED);
    expect(ran).toEqual(['request-filtering', 'authorization']);
  });

  it('waits for a stage that returns a promise, then goes on with the rest in order', async () => {
    const ran: string[] = [];
    const ctx = context();
    const result = runPipeline([
      stage('request-filtering', ran),
      stage('mapping', ran, () => new Promise((resolve) => setTimeout(() => resolve(undefined), 5))),
      stage('authorization', ran),
      stage('handler', ran),
    ], ctx);
    expect(result).toBeInstanceOf(Promise);
    expect(ran).toEqual(['request-filtering', 'mapping']);
    expect(await result).toBeUndefined();
    expect(ran).toEqual(['request-filtering', 'mapping', 'authorization', 'handler']);
  });

  it('keeps an asynchronous refusal on the context and runs nothing after it', async () => {
    const ran: string[] = [];
    const ctx = context();
    const result = await runPipeline([stage('authentication', ran, async () => DENIED), stage('handler', ran)], ctx);
    expect(result).toBe(DENIED);
    expect(ctx.outcome).toBe(DENIED);
    expect(ran).toEqual(['authentication']);
  });

  it('throws a synchronous failure to its caller and rejects with an asynchronous one', async () => {
    const boom = new Error('boom');
    expect(() => runPipeline([stage('mapping', [], () => { throw boom; })], context())).toThrow(boom);
    await expect(runPipeline([stage('mapping', [], async () => { throw boom; })], context())).rejects.toBe(boom);
  });
});
