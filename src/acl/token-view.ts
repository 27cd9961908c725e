import type { Sid, Token, TokenEntry } from '../identity/index.js';
import type { Ace } from './ace.js';

// Placeholders stand for whoever creates or owns an object. Usher does not track owners, so an ACE
// for them is kept and passed down but never matches a token, whatever SIDs the token lists.
const PLACEHOLDERS: ReadonlySet<Sid> = new Set(['S-1-3-0', 'S-1-3-1', 'S-1-3-4']);

export interface TokenView {
  /** The token entry an ACE applies through, if any: allow ACEs skip deny-only SIDs. */
  matches(ace: Pick<Ace, 'type' | 'sid'>): TokenEntry | undefined;
  entry(sid: Sid): TokenEntry | undefined;
}

export function viewToken(token: Pick<Token, 'sids'>): TokenView {
  const bySid = new Map<Sid, TokenEntry>();
  for (const entry of token.sids) {
    const known = bySid.get(entry.sid);
    // A SID listed twice is enabled if any listing is: Windows never lists it twice, but be exact.
    if (known === undefined || (known.denyOnly && !entry.denyOnly)) bySid.set(entry.sid, entry);
  }
  return {
    matches(ace) {
      if (PLACEHOLDERS.has(ace.sid)) return undefined;
      const entry = bySid.get(ace.sid);
      if (entry === undefined) return undefined;
      return ace.type === 'allow' && entry.denyOnly ? undefined : entry;
    },
    entry: (sid) => bySid.get(sid),
  };
}
