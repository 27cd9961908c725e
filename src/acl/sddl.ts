import type { Ace } from './ace.js';
import { type SddlOptions, SddlReader, readAce } from './sddl-ace.js';

export type { SddlOptions } from './sddl-ace.js';

/** A DACL as SDDL carries it: control flags plus ACEs, inherited ones marked `flags.inherited`. */
export interface SddlDacl {
  /** `P`: inheritance disabled. */
  readonly protected: boolean;
  /** `AI`: the ACL was built by automatic inheritance (informational). */
  readonly autoInherited: boolean;
  /** `AR`: children must be re-propagated (informational). */
  readonly autoInheritRequired: boolean;
  /** `D:NO_ACCESS_CONTROL`: a NULL DACL, which Windows treats as "everyone may do anything". */
  readonly nullDacl: boolean;
  readonly aces: readonly Ace[];
}

const NULL_DACL = 'NO_ACCESS_CONTROL';

/**
 * Reads a security descriptor (`O:…G:…D:…S:…`, only the DACL is kept) or a bare DACL
 * (`D:PAI(A;OICI;0x1200a9;;;S-1-5-17)`) as `icacls /save` and PowerShell write them.
 */
export function parseSddl(text: string, options: SddlOptions = {}): SddlDacl {
  const reader: SddlReader = new SddlReader(text);
  const seen = new Set<string>();
  let dacl: SddlDacl | undefined;
  let at = reader.skipSpace(0);
  if (at === text.length) reader.fail(at, 'empty SDDL', "a DACL such as 'D:PAI(A;OICI;FA;;;SY)'");
  while (at < text.length) {
    if (!reader.isSectionStart(at)) reader.fail(at, `unexpected '${text.slice(at, at + 2)}'`, "a section 'O:', 'G:', 'D:' or 'S:'");
    const section = text[at]!.toUpperCase();
    if (seen.has(section)) reader.fail(at, `a second '${section}:' section`, 'each section at most once');
    seen.add(section);
    const body = at + 2;
    if (section === 'D') {
      const parsed = readDacl(reader, body, options);
      dacl = parsed.dacl;
      at = parsed.end;
    } else if (section === 'S') {
      at = skipSacl(reader, body);
    } else {
      at = body;
      while (at < text.length && !reader.isSectionStart(at)) at++;
      if (text.slice(body, at).trim() === '') reader.fail(body, `empty '${section}:' section`, 'a SID');
    }
    at = reader.skipSpace(at);
  }
  if (dacl === undefined) reader.fail(text.length, 'no DACL', "a 'D:' section such as D:PAI(A;OICI;FA;;;SY)");
  return dacl;
}

function readDacl(reader: SddlReader, start: number, options: SddlOptions): { dacl: SddlDacl; end: number } {
  const text = reader.text;
  let at = start;
  let isProtected = false;
  let autoInherited = false;
  let autoInheritRequired = false;
  let nullDacl = false;
  for (;;) {
    const rest = text.slice(at, at + NULL_DACL.length).toUpperCase();
    if (rest === NULL_DACL) {
      nullDacl = true;
      at += NULL_DACL.length;
    } else if (/^A[IR]$/i.test(text.slice(at, at + 2))) {
      if (text[at + 1]!.toUpperCase() === 'I') autoInherited = true;
      else autoInheritRequired = true;
      at += 2;
    } else if ((text[at] ?? '').toUpperCase() === 'P') {
      isProtected = true;
      at += 1;
    } else {
      break;
    }
  }
  const aces: Ace[] = [];
  for (;;) {
    at = reader.skipSpace(at);
    if (text[at] !== '(') break;
    if (nullDacl) reader.fail(at, `an ACE after 'D:${NULL_DACL}'`, 'the end of the DACL (a NULL DACL has no ACEs)');
    const parsed = readAce(reader, at, aces.length + 1, options);
    aces.push(parsed.ace);
    at = parsed.end;
  }
  if (at < text.length && !reader.isSectionStart(at)) {
    reader.fail(at, `unexpected '${text[at]}' in the DACL`, "DACL flags (P, AI, AR), '(' to start an ACE, or the next section");
  }
  return { dacl: { protected: isProtected, autoInherited, autoInheritRequired, nullDacl, aces }, end: at };
}

// The SACL is ignored, but it may hold conditional ACEs with nested parentheses and quoted
// strings, so it is skipped by structure rather than by searching for the next letter-colon.
function skipSacl(reader: SddlReader, start: number): number {
  const text = reader.text;
  let depth = 0;
  let at = start;
  while (at < text.length) {
    const char = text[at]!;
    if (char === '"') {
      const close = text.indexOf('"', at + 1);
      if (close < 0) reader.fail(at, 'unterminated quoted string in the SACL', 'a closing double quote');
      at = close + 1;
      continue;
    }
    if (depth === 0 && reader.isSectionStart(at)) break;
    if (char === '(') depth++;
    if (char === ')' && --depth < 0) reader.fail(at, "unbalanced ')' in the SACL", "a matching '('");
    at++;
  }
  if (depth > 0) reader.fail(text.length, 'unclosed ACE in the SACL', "')'");
  return at;
}
