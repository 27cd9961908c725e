import type { CompiledApplication, CompiledSite, CompiledVirtualDirectory } from '../../pipeline/index.js';

/** `/shop` covers `/shop` and `/shop/x`, not `/shopping`; `match` is lower-case as IIS compares paths. */
function covers(prefix: string, lowerPath: string): boolean {
  return prefix === '/' || lowerPath === prefix || (lowerPath.startsWith(prefix) && lowerPath.charCodeAt(prefix.length) === 47);
}

export interface VirtualDirectoryMatch {
  readonly application: CompiledApplication;
  readonly virtualDirectory: CompiledVirtualDirectory;
  /** The rest of the URL path below the virtual directory, without a leading slash. */
  readonly rest: string;
}

/** Application by longest path, then its virtual directory by longest path (DESIGN §1 MapRequest). */
export function findVirtualDirectory(site: CompiledSite, path: string): VirtualDirectoryMatch | undefined {
  const lower = path.toLowerCase();
  const application = site.applications.find((app) => covers(app.match, lower));
  if (!application) return undefined;
  const inApp = application.match === '/' ? path : path.slice(application.match.length) || '/';
  const inAppLower = inApp.toLowerCase();
  const virtualDirectory = application.virtualDirectories.find((vdir) => covers(vdir.match, inAppLower));
  if (!virtualDirectory) return undefined;
  const rest = virtualDirectory.match === '/' ? inApp.slice(1) : inApp.slice(virtualDirectory.match.length + 1);
  return { application, virtualDirectory, rest };
}
