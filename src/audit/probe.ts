import { realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  formatStatus, runPipeline, RequestContext, type CompiledSite, type ContentView, type Generation, type ResolveResult,
} from '../pipeline/index.js';
import { createStages } from '../stages/index.js';

// Asks the server's own stages (the one list in src/stages/index.ts) what an anonymous GET would
// get, without serving it, the way `usher explain` does. Not through explain itself: explain finds
// the site from a URL's binding (a site without bindings, or one behind another site's host name,
// could not be asked about) and compiles a generation per call; the audit already holds both.

/**
 * A ContentView over the real file system without the server's cache and watches (a one-shot
 * walk needs neither): realpath, then stat, with the server's answers for what is not content.
 */
export const fileSystemContentView: ContentView = {
  async resolve(physicalPath): Promise<ResolveResult> {
    try {
      const realPath = realpathSync(resolve(physicalPath));
      const stats = statSync(realPath);
      // FIFOs, sockets and devices are never content (src/server/content/trace.ts does the same).
      if (!stats.isFile() && !stats.isDirectory()) return { found: false, reason: 'missing' };
      const kind = stats.isFile() ? 'file' : 'directory';
      return { found: true, entry: { realPath, kind, size: stats.size, mtimeMs: stats.mtimeMs, etag: `"${stats.ino}-${stats.size}"` } };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'missing' : code === 'ENOTDIR' ? 'not-a-directory' : code === 'ENAMETOOLONG' ? 'name-too-long' : 'unreadable';
      return { found: false, reason };
    }
  },
  // A dry run never reads a body or lists a folder: the handler only records its plan.
  body: async () => undefined,
  list: async () => [],
};

export interface ProbeAnswer {
  /** It would be served: a file, or a folder listing. */
  readonly served: boolean;
  /** `200`, or the refusal as `404.8`, `401.3` … */
  readonly answer: string;
  /** The layer that refused, or `handler`. */
  readonly decidedBy: string;
  /** What it would serve (real path), when served. */
  readonly realPath: string | undefined;
}

export type Probe = (site: CompiledSite, urlPath: string) => Promise<ProbeAnswer>;

/** `/a b/c#d` → `/a%20b/c%23d`: what a client puts on the wire for that path. */
export const encodePath = (path: string) => path.split('/').map((segment) => encodeURIComponent(segment)).join('/');

// A documentation address (RFC 5737): the probe asks as a remote visitor would, never as localhost.
const REMOTE = '203.0.113.10';

export function createProbe(generation: Generation): Probe {
  const stages = createStages();
  return async (site, urlPath) => {
    const binding = site.resolved.bindings[0];
    const context = new RequestContext({
      head: { method: 'GET', target: encodePath(urlPath), headers: { host: binding?.host || 'localhost' }, httpVersion: '1.1' },
      connection: {
        remoteAddress: REMOTE, remotePort: 49152, localAddress: '0.0.0.0', localPort: binding?.port ?? 80, encrypted: binding?.protocol === 'https',
      },
      generation, site, content: fileSystemContentView, response: undefined, startedAt: performance.now(),
    });
    const outcome = await runPipeline(stages, context);
    if (outcome) {
      const deciding = [...context.trail].reverse().find((decision) => decision.verdict === 'deny');
      return {
        served: false,
        answer: formatStatus(outcome),
        decidedBy: deciding?.layer ?? 'handler',
        realPath: undefined,
      };
    }
    const plan = context.plan;
    const served = plan?.kind === 'file' || plan?.kind === 'listing';
    return { served, answer: '200', decidedBy: 'handler', realPath: served ? plan.entry.realPath : undefined };
  };
}
