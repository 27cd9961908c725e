import type { Document } from 'yaml';
import {
  requireItem, SITE_DEFAULTS, urlPathProblem, type ApplicationConfig, type FieldPath, type SiteConfig, type UsherConfig,
} from '../config/index.js';
import { UsherError } from '../shared/index.js';

/** Items named on the command line, found the way IIS compares names (case-insensitively). */

export interface Found<T> {
  readonly item: T;
  /** Where it is in the document, for the edit helpers. */
  readonly path: FieldPath;
  readonly index: number;
}

interface Source {
  readonly document: Document;
  readonly config: UsherConfig;
}

export function requireSite({ document, config }: Source, name: string): Found<SiteConfig> {
  const { index, path } = requireItem(document, ['sites'], 'name', name, 'site');
  return { item: config.sites![index]!, path, index };
}

export function requireApplication(source: Source, site: Found<SiteConfig>, appPath: string): Found<ApplicationConfig> {
  if (appPath === '/') {
    throw new UsherError('USHER_ERR_CLI_USAGE', `the root application / is the site itself: change it with usher site set '${site.item.name}' --path DIR --pool POOL`);
  }
  const { index, path } = requireItem(source.document, [...site.path, 'applications'], 'path', appPath, `application of site '${site.item.name}'`);
  return { item: site.item.applications![index]!, path, index };
}

/** The pool's name as defined, or a refusal that says how to create it. */
export function requirePool(config: UsherConfig, name: string): string {
  const pools = config.applicationPools ?? [];
  const found = pools.find((pool) => pool.name.toLowerCase() === name.toLowerCase());
  if (found) return found.name;
  const known = pools.map((pool) => pool.name).join(', ') || 'none yet';
  throw new UsherError('USHER_ERR_CFG_NO_ITEM', `no application pool named '${name}': create it with usher pool add ${quoteArg(name)}, or choose one with --pool (pools: ${known})`);
}

export const sitePool = (site: SiteConfig): string => site.applicationPool ?? SITE_DEFAULTS.applicationPool;

export const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** A value as it would be typed in a shell, for the commands messages suggest. */
export function quoteArg(text: string): string {
  return /^[\w@%+=:,./\\-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A URL path typed for an application or virtual directory: `/shop`, checked as the schema checks it. */
export function requireUrlPath(text: string, what: string): string {
  const problem = urlPathProblem(text);
  if (problem) throw new UsherError('USHER_ERR_CLI_USAGE', `${what} '${text}' ${problem}`);
  return text;
}

/** Refuses a name the schema would refuse, with the schema's words, before anything else is asked. */
export function requireValidName(schema: { safeParse(value: unknown): { success: boolean; error?: { issues: readonly { message: string }[] } } }, name: string): string {
  const result = schema.safeParse(name);
  if (!result.success) throw new UsherError('USHER_ERR_CLI_USAGE', `'${name}': ${result.error?.issues[0]?.message ?? 'not a valid name'}`);
  return name;
}
