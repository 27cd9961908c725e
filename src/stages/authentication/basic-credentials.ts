/** `Authorization: Basic dXNlcjpwYXNz` → {user, password}; undefined when it is not Basic at all. */
export type BasicCredentials = { readonly user: string; readonly password: string } | { readonly malformed: true };

export function parseBasic(header: string | undefined): BasicCredentials | undefined {
  if (header === undefined) return undefined;
  const match = /^Basic[ \t]+([A-Za-z0-9+/]*={0,2})[ \t]*$/i.exec(header);
  if (!match) return /^Basic\b/i.test(header) ? { malformed: true } : undefined;
  // RFC 7617: UTF-8 is what every current client sends.
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return { malformed: true };
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** `.\alice`, `HOST\alice` and `alice` all name the local user alice. */
export function localUserName(user: string): string {
  const slash = user.lastIndexOf('\\');
  return slash < 0 ? user : user.slice(slash + 1);
}
