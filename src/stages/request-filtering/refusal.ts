/**
 * What a filtering rule concludes when it refuses: the answer of DESIGN §8 and a line for the
 * decision trail. The stage turns it into one `deny` decision and one Outcome, so every rule
 * answers the same way in the response, the W3C line and `usher explain`.
 */
export interface Refusal {
  readonly status: number;
  readonly substatus: number;
  readonly win32: number;
  /** Names the rule; attacker-controlled text in it has gone through `printable`. */
  readonly detail: string;
  readonly fix?: string;
}

export const isRefusal = (value: object): value is Refusal => 'status' in value;

const refusal = (status: number, substatus: number, win32: number) => (detail: string, fix?: string): Refusal =>
  fix === undefined ? { status, substatus, win32, detail } : { status, substatus, win32, detail, fix };

/** A target that is not a well-formed origin- or absolute-form path: the client's fault, nothing to configure. */
export const malformed = refusal(400, 0, 0);
export const urlTooLong = refusal(404, 14, 0);
export const queryTooLong = refusal(404, 15, 0);
export const bodyTooLarge = refusal(413, 1, 0);
export const doubleEscaped = refusal(404, 11, 0);
/**
 * IIS's answer for `allowHighBitCharacters: false`. DESIGN §8 has no row for it; 404.12 is what IIS
 * logs (iis-reference §3.1, §4) and keeps the 404.x family "request filtering refused", so an
 * imported IIS configuration answers as it did on Windows.
 */
export const highBit = refusal(404, 12, 0);
export const deniedSequence = refusal(404, 5, 0);
export const deniedVerb = refusal(404, 6, 0);
export const deniedExtension = refusal(404, 7, 0);
export const hiddenSegment = refusal(404, 8, 0);
/** DESIGN §8: a Windows name form is answered like a missing file (ERROR_FILE_NOT_FOUND), revealing nothing. */
export const windowsName = refusal(404, 0, 2);

// Characters that would corrupt or disguise a trail line or a terminal: C0/C1 controls, format
// characters (zero-width, bidi overrides), line/paragraph separators, lone surrogates, private use.
const UNSAFE = /[\\\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}]/u;
const UNSAFE_ALL = /[\\\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}]/gu;
const MAX_SHOWN = 200;

/**
 * Attacker text made safe to show: unsafe characters as `\uXXXX` (a backslash as `\\`, so the
 * escaping is unambiguous), and cut short, so a 9000-byte probe does not flood the trail.
 */
export function printable(text: string): string {
  const cut = text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
  if (!UNSAFE.test(cut)) return cut;
  return cut.replace(UNSAFE_ALL, (c) => {
    if (c === '\\') return '\\\\';
    const code = c.codePointAt(0)!;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
