import { hasNonAscii, spellings } from './unicode-fold.js';
import { printable } from './refusal.js';

/**
 * Names Windows resolves to something other than what they say (DESIGN §5 `windowsNames`): Win32
 * trims trailing dots and spaces (`web.config.` opens web.config), `name:stream` opens an NTFS
 * alternate data stream (`::$DATA` is the file's content, `:$i30:$INDEX_ALLOCATION` the folder),
 * a DOS device name opens the device whatever the extension (`NUL.txt`, `COM¹`), and `~N` is how
 * 8.3 short names (`WEB~1.CON`) are spelled, which scanners enumerate. Usher serves from Linux, but
 * its content may come from or go to Windows, pool workers may hand paths to Windows-minded code,
 * and these names are never legitimate requests, so they are refused like a missing file.
 */

// DOS devices (Microsoft "Naming Files, Paths, and Namespaces": CON PRN AUX NUL COM0–9 LPT0–9 and
// the superscript digits ¹²³), plus the console and clock devices, optionally followed by spaces
// (trimmed by Win32) and an extension.
const DEVICE = 'con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3]|conin\\$|conout\\$|clock\\$';
const DEVICE_SEGMENT = new RegExp(`^(?:${DEVICE}) *(?:\\..*)?$`, 'i');

// A cheap superset of the forms, for the common case: a colon or tilde anywhere, a segment ending in
// a dot or space, or one starting like a device name. A hit only means the exact per-segment
// checks below run (`/console` passes them).
const MAYBE_FORM = /[:~]|[. ](?:\/|$)|\/(?:co[mn]|prn|aux|nul|lpt|clock)/i;

function segmentProblem(segment: string): string | undefined {
  if (segment.endsWith('.')) return `trailing dot in '${printable(segment)}' (Windows trims it)`;
  if (segment.endsWith(' ')) return `trailing space in '${printable(segment)}' (Windows trims it)`;
  if (segment.includes(':')) return `':' in '${printable(segment)}' (an NTFS stream or drive)`;
  if (/~[0-9]/.test(segment)) return `8.3 short-name form '~N' in '${printable(segment)}'`;
  if (DEVICE_SEGMENT.test(segment)) return `DOS device name '${printable(segment)}'`;
  return undefined;
}

/**
 * A segment sent in Unicode that folds (best-fit, NFKC, invisible characters dropped, upper-cased)
 * into path syntax: a separator (`／`, `＼`, `∕`), a dot-segment (`．．`), or one of the forms above
 * (`ｗｅｂ.config．`, `ＣＯＭ¹`). Refusing only what folds *into* something refused keeps ordinary
 * non-ASCII names (`ünï.txt`, ligatures, Persian with ZWNJ) servable.
 */
function foldedProblem(segment: string): string | undefined {
  for (const spelling of spellings(segment)) {
    const shown = () => `'${printable(segment)}' folds to '${printable(spelling)}'`;
    if (/[/\\]/.test(spelling)) return `${shown()}, a path separator (Unicode best-fit/NFKC)`;
    if (spelling === '.' || spelling === '..') return `${shown()}, a dot-segment (Unicode best-fit/NFKC)`;
    const problem = segmentProblem(spelling);
    if (problem) return `${shown()}: ${problem}`;
  }
  return undefined;
}

/** The first Windows name form in a canonical path, described for the trail; undefined if none. */
export function findWindowsName(path: string, nonAscii: boolean): string | undefined {
  if (!nonAscii && !MAYBE_FORM.test(path)) return undefined;
  for (const segment of path.split('/')) {
    if (segment === '') continue;
    const problem = segmentProblem(segment) ?? (nonAscii && hasNonAscii(segment) ? foldedProblem(segment) : undefined);
    if (problem) return problem;
  }
  return undefined;
}
