/**
 * The host a request names, for choosing its site: the Host header (or the authority of an
 * absolute-form target, which RFC 9112 says wins), without the port, lower-case.
 */
export function requestHost(hostHeader: string | undefined, target: string): string {
  let authority = hostHeader ?? '';
  if (target.charCodeAt(0) !== 47 /* / */) {
    const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(target);
    if (match) authority = match[1]!;
  }
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    return close < 0 ? authority.toLowerCase() : authority.slice(1, close).toLowerCase();
  }
  const colon = authority.indexOf(':');
  return (colon < 0 ? authority : authority.slice(0, colon)).toLowerCase();
}

/** Loopback clients see IIS's detailed error pages under `DetailedLocalOnly`. */
export function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}
