/**
 * `WWW-Authenticate: Basic realm="…"`: added by authentication when credentials fail, and by
 * authorization when the anonymous identity is refused where Basic is enabled (IIS's behaviour).
 */
export function basicChallenge(realm: string): Record<string, string> {
  return { 'WWW-Authenticate': `Basic realm="${realm.replace(/["\\]/g, '\\$&')}", charset="UTF-8"` };
}
