import { formatBinding, type ParsedBinding } from '../config/index.js';

/**
 * What a finding is about, in the catalogue's forms (§2 "Reporting scope"). Exceptions and
 * baselines match findings by rule id and this exact text, so every rule builds it with the helpers
 * below and never by hand: one spelling per object.
 */
export type Scope =
  | 'server'
  | `site:${string}`
  | `location:${string}`
  | `pool:${string}`
  | `binding:${string}`
  | `principal:${string}`
  | `user:${string}`
  | `path:${string}`;

export type ScopeKind = 'server' | 'site' | 'location' | 'pool' | 'binding' | 'principal' | 'user' | 'path';

export const SCOPE_KINDS: readonly ScopeKind[] = ['server', 'site', 'location', 'pool', 'binding', 'principal', 'user', 'path'];

export const scope = {
  server: (): Scope => 'server',
  site: (name: string): Scope => `site:${name}`,
  /**
   * A URL location of a site. The site root is the site itself (`site:NAME`): a value set under
   * the `locations:` key `NAME` is set at the site, the way IIS reports a site-level setting.
   */
  location: (site: string, path: string): Scope => (path === '/' ? `site:${site}` : `location:${site}${path}`),
  pool: (name: string): Scope => `pool:${name}`,
  /** `binding:SITE proto/IP:PORT:HOST`, the binding in its canonical text. */
  binding: (site: string, binding: ParsedBinding): Scope => `binding:${site} ${formatBinding(binding)}`,
  principal: (name: string): Scope => `principal:${name}`,
  user: (name: string): Scope => `user:${name}`,
  /** An absolute file-system path (real path: symlinks resolved). */
  path: (path: string): Scope => `path:${path}`,
};

/**
 * The `SITE` or `SITE/path` a command takes (`usher auth set`, `usher authz add`) for a location
 * scope, e.g. an origin from `LocationModel.origins`; `server` (Usher's default) becomes the site.
 */
export function locationTarget(where: Scope, site: string): string {
  if (where.startsWith('site:')) return where.slice('site:'.length);
  if (where.startsWith('location:')) return where.slice('location:'.length);
  return site;
}

export interface ParsedScope {
  readonly kind: ScopeKind;
  /** Everything after `kind:`; empty for `server`. */
  readonly value: string;
}

/** Takes a scope apart, or undefined when the text is not one (an exception written by hand, say). */
export function parseScope(text: string): ParsedScope | undefined {
  if (text === 'server') return { kind: 'server', value: '' };
  const colon = text.indexOf(':');
  const kind = text.slice(0, colon) as ScopeKind;
  if (colon <= 0 || kind === 'server' || !SCOPE_KINDS.includes(kind) || colon === text.length - 1) return undefined;
  return { kind, value: text.slice(colon + 1) };
}

export function isScope(text: string): text is Scope {
  return parseScope(text) !== undefined;
}
