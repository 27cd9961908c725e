import type { EffectiveLocation } from '../../config/index.js';
import type { DirectoryItem } from '../../pipeline/index.js';

type Filtering = EffectiveLocation['requestFiltering'];

interface Visibility {
  readonly hidden: ReadonlySet<string>;
  readonly hideDot: boolean;
  readonly dotVisible: ReadonlySet<string>;
  readonly deniedExtensions: ReadonlySet<string>;
  readonly allowedExtensions: ReadonlySet<string> | undefined;
}

const lower = (items: readonly string[]) => new Set(items.map((item) => item.toLowerCase()));

// One per distinct location object, which a generation keeps for its lifetime (as request filtering does).
const compiled = new WeakMap<Filtering, Visibility>();

function visibilityOf(filtering: Filtering): Visibility {
  let visibility = compiled.get(filtering);
  if (!visibility) {
    visibility = {
      hidden: lower(filtering.hiddenSegments),
      hideDot: filtering.hideDotSegments,
      dotVisible: lower(filtering.dotSegmentsVisible),
      deniedExtensions: lower(filtering.fileExtensions.deny),
      allowedExtensions: filtering.fileExtensions.allowUnlisted ? undefined : lower(filtering.fileExtensions.allow),
    };
    compiled.set(filtering, visibility);
  }
  return visibility;
}

function unrequestable(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || code === 0x5c) return true;
  }
  return false;
}

/**
 * Whether a listing shows an entry: not when request filtering would refuse its link (a hidden
 * segment, a dot-name, a refused extension; IIS's rule of `.` for "no extension" and for a folder
 * form), nor when it can only fail (a dangling link, a socket, a name with a backslash or a
 * control character, which no URL can carry past filtering).
 */
function shown(item: DirectoryItem, visibility: Visibility): boolean {
  if (item.kind === 'other' || unrequestable(item.name)) return false;
  const name = item.name.toLowerCase();
  if (visibility.hidden.has(name)) return false;
  if (visibility.hideDot && name.startsWith('.') && !visibility.dotVisible.has(name)) return false;
  const dot = name.lastIndexOf('.');
  const extension = item.kind === 'directory' || dot < 0 ? '.' : name.slice(dot);
  if (visibility.deniedExtensions.has(extension)) return false;
  return visibility.allowedExtensions === undefined || visibility.allowedExtensions.has(extension);
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const pad = (n: number) => String(n).padStart(2, '0');
function formatDate(ms: number): string {
  const date = new Date(ms);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}

/** Folders first, then files, each by name ignoring case (IIS lists in name order). */
function order(a: DirectoryItem, b: DirectoryItem): number {
  if (a.kind !== b.kind) return a.kind === 'directory' ? -1 : 1;
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * The directory listing, in the spirit of IIS's: date, size (or <dir>), name. Links are relative
 * to the folder URL (which mapping guarantees ends with a slash), each name percent-encoded as one
 * segment, then HTML-escaped; nothing from the file system reaches the page unescaped.
 */
export function renderListing(urlPath: string, items: readonly DirectoryItem[], filtering: Filtering): string {
  const visibility = visibilityOf(filtering);
  const title = escapeHtml(urlPath);
  const lines: string[] = [];
  if (urlPath !== '/') lines.push('<a href="../">[To Parent Directory]</a>', '');
  for (const item of items.filter((candidate) => shown(candidate, visibility)).sort(order)) {
    const folder = item.kind === 'directory';
    const href = escapeHtml(`${encodeURIComponent(item.name)}${folder ? '/' : ''}`);
    const size = folder ? '&lt;dir&gt;' : item.size.toLocaleString('en-US');
    lines.push(`${formatDate(item.mtimeMs)} ${size.padStart(folder ? 19 : 13)} <a href="${href}">${escapeHtml(item.name)}${folder ? '/' : ''}</a>`);
  }
  return '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
    `<title>${title}</title></head>\n<body><h1>${title}</h1><hr>\n<pre>\n${lines.join('\n')}\n</pre><hr></body></html>\n`;
}
