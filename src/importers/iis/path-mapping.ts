import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsherError } from '../../shared/index.js';
import type { Place, WarningSink } from './warnings.js';

/**
 * Windows paths in IIS configuration, turned into paths on this machine. Variables IIS expands
 * (`%SystemDrive%` and the like) are expanded with Windows' stock values, then the longest
 * `--map-path WINDIR=DIR` prefix decides. A path nothing maps is kept as written and reported:
 * `usher config check` then warns that it does not exist, and the site that needs it does not start.
 */

// The values a stock Windows Server gives; a machine that differs is mapped by its own spelling.
const VARIABLES: Readonly<Record<string, string>> = {
  systemdrive: 'C:',
  systemroot: 'C:\\Windows',
  windir: 'C:\\Windows',
  programfiles: 'C:\\Program Files',
  'programfiles(x86)': 'C:\\Program Files (x86)',
  programdata: 'C:\\ProgramData',
  allusersprofile: 'C:\\ProgramData',
  public: 'C:\\Users\\Public',
};

/** `%SystemDrive%\inetpub` → `C:\inetpub`; unknown variables stay as they are. */
export function expandVariables(path: string): string {
  return path.replace(/%([^%\\/]+)%/g, (whole, name: string) => VARIABLES[name.toLowerCase()] ?? whole);
}

/** How two Windows paths are compared: expanded, backslashes, no trailing one, case-insensitive. */
function canonical(path: string): string {
  return expandVariables(path.trim()).replace(/\//g, '\\').replace(/(?<!^)\\{2,}/g, '\\').replace(/\\+$/, '').toLowerCase();
}

function segmentsOf(path: string): string[] {
  return expandVariables(path.trim()).split(/[\\/]+/).filter((part) => part !== '');
}

/** `C:\x`, `\\server\share`, or a variable IIS has not expanded (`%IIS_SITES_HOME%\x`). */
function isRooted(path: string): boolean {
  return /^[a-z]:[\\/]?/i.test(path) || /^[\\/]{2}/.test(path) || /^%[^%]+%/.test(path);
}

export interface PathMapping {
  readonly windows: string;
  /** Absolute, on this machine. */
  readonly local: string;
}

/** Reads `WINDIR=DIR` options; DIR is relative to the current folder. */
export function parseMapPath(option: string, cwd: string): PathMapping {
  const at = option.indexOf('=');
  const windows = at < 0 ? '' : option.slice(0, at).trim();
  const local = at < 0 ? '' : option.slice(at + 1).trim();
  if (windows === '' || local === '') {
    throw new UsherError('USHER_ERR_IMPORT_ARGUMENT', `--map-path '${option}': expected WINDIR=DIR, e.g. --map-path 'C:\\inetpub\\wwwroot=/srv/www'`);
  }
  return { windows, local: resolve(cwd, local) };
}

export type MappedPath =
  | { readonly mapped: true; readonly local: string; readonly written: string }
  | { readonly mapped: false; readonly written: string };

export interface PathMapper {
  /** The local path for a Windows path, or the path as written (and a warning) when nothing maps it. */
  map(windowsPath: string, place: Place, what: string): MappedPath;
  /** The local path, without reporting anything. */
  lookup(windowsPath: string): string | undefined;
  /** How an absolute local path is written in usher.yaml: `./x` inside the output's folder, else absolute. */
  written(local: string): string;
}

export function createPathMapper(mappings: readonly PathMapping[], outputDir: string, sink: WarningSink): PathMapper {
  const prepared = mappings
    .map((mapping) => ({ ...mapping, key: canonical(mapping.windows) }))
    .sort((a, b) => b.key.length - a.key.length);
  const written = (local: string): string => {
    const rel = relative(outputDir, local);
    if (rel === '') return '.';
    if (rel.startsWith('..') || isAbsolute(rel)) return local;
    return `./${rel.split(sep).join('/')}`;
  };
  const lookup = (windowsPath: string): string | undefined => {
    const key = canonical(windowsPath);
    for (const mapping of prepared) {
      if (key !== mapping.key && !key.startsWith(`${mapping.key}\\`)) continue;
      // The rest keeps the source's spelling: Linux file names are case-sensitive.
      const segments = segmentsOf(windowsPath);
      return join(mapping.local, ...segments.slice(segmentsOf(mapping.windows).length));
    }
    return undefined;
  };
  return {
    lookup,
    written,
    map(windowsPath, place, what) {
      const local = lookup(windowsPath);
      if (local !== undefined) return { mapped: true, local, written: written(local) };
      const expanded = expandVariables(windowsPath.trim()).replace(/\\+$/, '');
      const shown = expanded === windowsPath ? windowsPath : `${windowsPath} (${expanded})`;
      if (!isRooted(expanded)) {
        // IIS resolves a relative path against its own folder; kept as written it would point into
        // the output's folder (`.` would serve usher.yaml itself), so it is parked where nothing is.
        const parked = `./iis-relative-path/${expanded.replace(/\\/g, '/')}`;
        sink.warn(place, `${what} ${shown} is relative to IIS's own folder and has no --map-path: written as ${parked}, ` +
          `which does not exist; copy the content and add --map-path '${expanded}=DIR'`);
        return { mapped: false, written: parked };
      }
      sink.warn(place, `${what} ${shown} has no --map-path: kept as written, so usher config check warns that it does not exist; ` +
        `copy the content and add --map-path '${expanded}=DIR'`);
      return { mapped: false, written: windowsPath };
    },
  };
}
