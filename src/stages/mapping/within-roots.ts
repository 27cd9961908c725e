/** Whether a real path is one of the roots or lies below one (a symlink out of them does not). */
export function withinRoots(realPath: string, roots: readonly string[]): boolean {
  for (const root of roots) {
    if (realPath === root) return true;
    if (realPath.startsWith(root) && (root.endsWith('/') || realPath.charCodeAt(root.length) === 47)) return true;
  }
  return false;
}
