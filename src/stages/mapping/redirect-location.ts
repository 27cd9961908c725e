/**
 * The `Location` for a folder asked for without its trailing slash: a path-absolute URL on the same
 * host, built from the canonical path (single slashes, so never `//host`) and re-encoded, so nothing
 * from the request can make it point elsewhere or break the header.
 */
export function folderLocation(canonicalPath: string, query: string): string {
  const path = canonicalPath.split('/').map((segment) => encodeURIComponent(segment)).join('/');
  const safeQuery = query.replace(/[^\x21-\x7e]/g, (c) => encodeURIComponent(c));
  return `${path}/${safeQuery === '' ? '' : `?${safeQuery}`}`;
}
