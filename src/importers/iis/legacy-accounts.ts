/**
 * Who an `anonymousAuthentication@userName` names. IIS 7+ tells three cases apart that look alike:
 * the attribute absent or `IUSR` (the built-in IUSR), an explicit empty string (the pool identity),
 * and anything else (a specific account, which has a password). IIS 5/6 used a local account
 * `IUSR_<MACHINE>` with a password and a machine-specific SID; it is recognised and becomes IUSR.
 */
export type AnonymousUser =
  | { readonly kind: 'iusr' }
  | { readonly kind: 'pool' }
  | { readonly kind: 'legacy'; readonly name: string }
  | { readonly kind: 'user'; readonly name: string; readonly localName: string };

export function classifyAnonymousUser(userName: string | undefined): AnonymousUser {
  if (userName === undefined) return { kind: 'iusr' };
  const name = userName.trim();
  if (name === '') return { kind: 'pool' };
  const bare = name.slice(name.lastIndexOf('\\') + 1);
  if (/^iusr$/i.test(bare) && (bare === name || /^nt authority\\/i.test(name))) return { kind: 'iusr' };
  if (/^iusr_./i.test(bare)) return { kind: 'legacy', name };
  return { kind: 'user', name, localName: bare };
}
