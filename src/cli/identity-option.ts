import type { AnonymousIdentity, PoolIdentity, UsherConfig } from '../config/index.js';
import { UsherError } from '../shared/index.js';
import { quoteArg } from './config-lookup.js';

/**
 * `--identity` values: the file's one spelling (`ApplicationPoolIdentity`, `NetworkService`, …,
 * `{user: NAME}`), typed case-insensitively, with the short aliases people reach for.
 */

const squash = (text: string) => text.toLowerCase().replace(/[\s_-]/g, '');

const APP_POOL = ['applicationpoolidentity', 'apppoolidentity', 'apppool', 'pool'];

const POOL_ALIASES: Readonly<Record<string, Exclude<PoolIdentity, object>>> = {
  ...Object.fromEntries(APP_POOL.map((alias) => [alias, 'ApplicationPoolIdentity' as const])),
  networkservice: 'NetworkService',
  localservice: 'LocalService',
  localsystem: 'LocalSystem',
  system: 'LocalSystem',
};

const ANONYMOUS_ALIASES: Readonly<Record<string, Exclude<AnonymousIdentity, object>>> = {
  ...Object.fromEntries(APP_POOL.map((alias) => [alias, 'ApplicationPoolIdentity' as const])),
  iusr: 'IUSR',
};

/** A local user's name as defined, or a refusal that says how to add one. */
export function requireLocalUser(config: UsherConfig, name: string): string {
  const users = config.identities?.users ?? [];
  const found = users.find((user) => user.name.toLowerCase() === name.toLowerCase());
  if (found) return found.name;
  const known = users.map((user) => user.name).join(', ') || 'none yet';
  throw new UsherError('USHER_ERR_CFG_NO_ITEM', `no local user named '${name}': add it with usher user add ${quoteArg(name)} (local users: ${known})`);
}

function userReference(text: string, config: UsherConfig): { user: string } | undefined {
  const match = /^user:(.*)$/i.exec(text.trim());
  if (!match) return undefined;
  const name = match[1]!.trim();
  if (name === '') throw new UsherError('USHER_ERR_CLI_USAGE', "user: needs a local user's name, e.g. --identity user:alice");
  return { user: requireLocalUser(config, name) };
}

export function parsePoolIdentity(text: string, config: UsherConfig): PoolIdentity {
  const known = POOL_ALIASES[squash(text)];
  if (known) return known;
  const user = userReference(text, config);
  if (user) return user;
  throw new UsherError('USHER_ERR_CLI_USAGE',
    `'${text}' is not a pool identity: use ApplicationPoolIdentity (apppool), NetworkService, LocalService, LocalSystem or user:NAME`);
}

export function parseAnonymousIdentity(text: string, config: UsherConfig): AnonymousIdentity {
  const known = ANONYMOUS_ALIASES[squash(text)];
  if (known) return known;
  const user = userReference(text, config);
  if (user) return user;
  throw new UsherError('USHER_ERR_CLI_USAGE', `'${text}' is not an anonymous identity: use IUSR, ApplicationPoolIdentity (apppool) or user:NAME`);
}

/** `user:alice` for `{user: alice}`, the name otherwise: the form `--identity` takes. */
export function formatIdentity(identity: PoolIdentity | AnonymousIdentity): string {
  return typeof identity === 'string' ? identity : `user:${identity.user}`;
}
