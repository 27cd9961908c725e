import type { Sid } from './sid.js';

/** One SID carried by a token, with the name people know it by. */
export interface TokenEntry {
  readonly sid: Sid;
  readonly name: string;
  /** A deny-only SID matches deny ACEs and never allow ACEs (Windows' SE_GROUP_USE_FOR_DENY_ONLY). */
  readonly denyOnly?: boolean;
}

/**
 * Who a request or worker is: the user SID first, then its groups, as Windows builds them.
 * The JSON of DESIGN §7 prints `identity` and `sids` exactly as they are here.
 */
export interface Token {
  readonly identity: { readonly name: string; readonly sid: Sid };
  readonly sids: readonly TokenEntry[];
}
