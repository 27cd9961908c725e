import { performance } from 'node:perf_hooks';
import type { LoadedConfig } from '../config/index.js';
import {
  compileGeneration, listenerKey, runPipeline, RequestContext, type CompiledSite, type Decision, type Generation, type Layer,
} from '../pipeline/index.js';
import { UsherError } from '../shared/index.js';
import { createContentView } from './content/index.js';
import { createStages } from './stages.js';

export interface Explanation {
  readonly url: string;
  readonly method: string;
  readonly user: string | undefined;
  readonly decidedBy: Layer | 'site';
  readonly status: number;
  readonly substatus: number;
  readonly win32: number;
  readonly layers: readonly { readonly layer: Layer | 'site'; readonly verdict: Decision['verdict']; readonly detail: string }[];
  readonly fix: string | undefined;
}

interface ParsedUrl {
  readonly protocol: 'http' | 'https';
  readonly host: string;
  readonly port: number;
  /** The request-target exactly as typed after the authority, so hostile forms are explained as sent. */
  readonly target: string;
}

function parseUrl(text: string): ParsedUrl {
  const match = /^(https?):\/\/(\[[^\]]*\]|[^/?#:]*)(?::(\d{1,5}))?([/?#].*)?$/i.exec(text);
  if (!match) throw new UsherError('USHER_ERR_CLI_USAGE', `'${text}' is not an http:// or https:// URL, e.g. http://127.0.0.1:8080/index.html`);
  const protocol = match[1]!.toLowerCase() as 'http' | 'https';
  const host = match[2]!.replace(/^\[|\]$/g, '').toLowerCase();
  const port = match[3] === undefined ? (protocol === 'https' ? 443 : 80) : Number(match[3]);
  const rest = match[4] ?? '/';
  return { protocol, host, port, target: rest.startsWith('/') ? rest : `/${rest}` };
}

/** The site a URL would reach: a binding of its protocol and port (or port 0) that accepts its host. */
function findSite(generation: Generation, url: ParsedUrl): { site: CompiledSite; binding: string } | undefined {
  for (const site of generation.sites) {
    for (const binding of site.resolved.bindings) {
      if (binding.protocol !== url.protocol || (binding.port !== url.port && binding.port !== 0)) continue;
      const chosen = generation.siteFor(listenerKey(binding), url.host);
      if (chosen) return { site: chosen, binding: chosen.resolved.bindings.find((b) => listenerKey(b) === listenerKey(binding))?.text ?? binding.text };
    }
  }
  return undefined;
}

/**
 * `usher explain`: runs the same stages as a served request, without sending anything, and
 * returns every layer's verdict in order, the one that decided, and the fix.
 */
export async function explainRequest(loaded: LoadedConfig, urlText: string, options: { user?: string; method?: string } = {}): Promise<Explanation> {
  const url = parseUrl(urlText);
  const method = (options.method ?? 'GET').toUpperCase();
  const generation = compileGeneration(loaded);
  const found = findSite(generation, url);
  const base = { url: urlText, method, user: options.user };
  if (!found) {
    return {
      ...base, decidedBy: 'site', status: 400, substatus: 0, win32: 0,
      layers: [{ layer: 'site', verdict: 'deny', detail: `no site is bound to ${url.protocol} port ${url.port} for host '${url.host}'` }],
      fix: `usher site list`,
    };
  }
  const cache = generation.resolved.server.contentCache;
  const content = createContentView({ maxBytes: cache.maxBytes, maxFileBytes: cache.maxFileBytes });
  const context = new RequestContext({
    head: { method, target: url.target, headers: { host: url.host }, httpVersion: '1.1' },
    connection: { remoteAddress: '127.0.0.1', remotePort: 0, localAddress: '127.0.0.1', localPort: url.port, encrypted: url.protocol === 'https' },
    generation, site: found.site, content, response: undefined, assumedUser: options.user, startedAt: performance.now(),
  });
  try {
    const outcome = await runPipeline(createStages(), context);
    const layers: Explanation['layers'][number][] = context.trail.map(({ layer, verdict, detail }) => ({ layer, verdict, detail }));
    const filtering = layers.filter((entry) => entry.layer === 'filtering').length;
    layers.splice(filtering, 0, { layer: 'site', verdict: 'pass', detail: `${found.site.name}   binding ${found.binding}` });
    const deciding = [...context.trail].reverse().find((decision) => decision.verdict === 'deny');
    return {
      ...base,
      decidedBy: outcome ? deciding?.layer ?? 'handler' : 'handler',
      status: outcome?.status ?? 200,
      substatus: outcome?.substatus ?? 0,
      win32: outcome?.win32 ?? 0,
      layers,
      fix: [...context.trail].reverse().find((decision) => decision.fix !== undefined)?.fix,
    };
  } finally {
    content.close();
  }
}
