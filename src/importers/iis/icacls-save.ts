import { UsherError } from '../../shared/index.js';

/** One object of an `icacls /save` file: its path relative to the folder saved from, and its DACL. */
export interface SavedObject {
  /** As written; empty for the folder itself (`icacls dir\ /save`). */
  readonly name: string;
  readonly sddl: string;
  /** The line of the name, 1-based. */
  readonly line: number;
}

/**
 * `icacls DIR\* /save FILE /t` writes two lines per object, CRLF-terminated: the path relative to
 * DIR, then its DACL in SDDL (`D:PAI(A;OICI;FA;;;SY)…`). The text arrives decoded (UTF-16LE, with
 * or without a byte-order mark, is handled by the reader).
 */
export function parseIcaclsSave(text: string, file: string): SavedObject[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length === 0) {
    throw new UsherError('USHER_ERR_IMPORT_ACL_FILE', `${file} is empty: expected the output of icacls DIR\\* /save FILE /t`, { location: { file } });
  }
  const objects: SavedObject[] = [];
  for (let at = 0; at < lines.length; at += 2) {
    const name = lines[at]!.replace(/\s+$/, '');
    const sddl = lines[at + 1]?.trim();
    if (sddl === undefined || !/^[OGDS]:/i.test(sddl)) {
      const line = sddl === undefined ? at + 1 : at + 2;
      const found = sddl === undefined ? 'the end of the file' : `'${sddl.slice(0, 40)}'`;
      throw new UsherError('USHER_ERR_IMPORT_ACL_FILE',
        `${file}:${line}: expected the SDDL line (D:…) of '${name}', found ${found}: icacls /save writes two lines per object`,
        { location: { file, line } });
    }
    objects.push({ name, sddl, line: at + 1 });
  }
  return objects;
}
