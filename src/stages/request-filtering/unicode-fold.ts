/**
 * Other spellings a name with characters above U+007F can take on the way to a file system or an
 * application: Windows "best-fit" conversion to a code page, NFKC compatibility folding (fullwidth
 * `．／＼`, `ＷＥＢ`, superscript digits, `․` ONE DOT LEADER), invisible characters dropped, and
 * Unicode upper-casing (dotless `ı` upper-cases to `I`, long `ſ` to `S`). A name that is refused
 * in any of these spellings is refused as sent: the rules are applied to each variant.
 */

// Characters NFKC leaves alone but Windows best-fit maps to path syntax (WC_NO_BEST_FIT_CHARS
// warnings; "WorstFit"). Only characters that become a separator or a stream colon are listed:
// nothing else in a name matters for path resolution. Applied before NFKC, to characters as sent,
// so `½` (NFKC `1⁄2`) is not turned into `1/2`.
const BEST_FIT: Readonly<Record<string, string>> = {
  '\u2215': '/', // DIVISION SLASH
  '\u2044': '/', // FRACTION SLASH
  '\u29f8': '/', // BIG SOLIDUS
  '\u2216': '\\', // SET MINUS
  '\u29f9': '\\', // BIG REVERSE SOLIDUS
  '\u2236': ':', // RATIO
};
const BEST_FIT_CHARS = /[\u2215\u2044\u29f8\u2216\u29f9\u2236]/g;
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/** The best-fit, NFKC, ignorables-dropped form of a segment (unchanged for plain ASCII). */
export function foldSegment(segment: string): string {
  return segment.replace(BEST_FIT_CHARS, (c) => BEST_FIT[c]!).normalize('NFKC').replace(IGNORABLE, '');
}

/**
 * The spellings of a non-ASCII segment worth checking besides the segment itself: its fold, and the
 * upper-case of both (case-insensitive rules compare ASCII; `ı`→`I` is how a Unicode upper-casing
 * file system or framework would reach `BIN`). Duplicates are dropped.
 */
export function spellings(segment: string): readonly string[] {
  let known = recent.get(segment);
  if (!known) {
    const folded = foldSegment(segment);
    known = [...new Set([folded, segment.toUpperCase(), folded.toUpperCase()])].filter((spelling) => spelling !== segment);
    // Several rules ask for the same segment, and popular non-ASCII names recur across requests;
    // bounded, so hostile names cannot grow it.
    if (recent.size >= RECENT_MAX) recent.clear();
    recent.set(segment, known);
  }
  return known;
}

const RECENT_MAX = 512;
const recent = new Map<string, readonly string[]>();

export const hasNonAscii = (text: string): boolean => /[\u0080-\uffff]/.test(text);
