import type { Sid } from './sid.js';

/**
 * What a principal is decides what it can do: only accounts log on and get a token; groups and
 * placeholders only ever appear in ACEs and in other tokens.
 */
export type PrincipalKind =
  | 'anonymous-account' // IUSR
  | 'service-account' // SYSTEM, LOCAL SERVICE, NETWORK SERVICE, NT SERVICE\…
  | 'pool-account' // IIS AppPool\<name>
  | 'local-user'
  | 'local-group'
  | 'builtin-group' // BUILTIN\… aliases
  | 'well-known-group' // Everyone, Authenticated Users, SERVICE, … (membership decided by the logon)
  | 'placeholder' // CREATOR OWNER, OWNER RIGHTS: stand for someone else, match no token
  | 'unknown'; // a well-formed SID that names nobody here (orphaned in ACL terms)

export interface Principal {
  readonly sid: Sid;
  /** The name as Windows displays it, domain-qualified where Windows qualifies it. */
  readonly name: string;
  readonly kind: PrincipalKind;
}
