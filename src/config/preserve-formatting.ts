/**
 * The yaml library keeps comments and key order but re-formats as it prints: `[a, b]` becomes
 * `[ a, b ]` and aligned comments lose their padding. So that an edit changes only the lines it
 * touches, the lines the edit did not change are copied from the user's original text.
 *
 * `printedBefore` is the unedited document as the library prints it, `printedAfter` the edited one.
 * When the original lines line up one-to-one with `printedBefore` (same lines, up to whitespace),
 * the diff between the two printings is applied to the original; otherwise `printedAfter` is
 * returned as it is. The caller confirms the result means what `printedAfter` means (it parses it
 * anyway) and falls back to `printedAfter` if not.
 */
export function keepOriginalFormatting(original: string, printedBefore: string, printedAfter: string): string {
  const crlf = original.includes('\r\n');
  const source = original.split('\n');
  const before = printedBefore.split('\n');
  const after = printedAfter.split('\n');
  const squash = (line: string): string => line.replace(/\s+/g, '');
  if (source.length !== before.length || source.some((line, i) => squash(line) !== squash(before[i]!))) return printedAfter;

  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start += 1;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore -= 1;
    endAfter -= 1;
  }
  const oldMiddle = before.slice(start, endBefore);
  const newMiddle = after.slice(start, endAfter);
  // A quadratic diff of the changed region only; an edit that rewrites most of a big file gains
  // nothing from this anyway.
  if (oldMiddle.length * newMiddle.length > 1_000_000) return printedAfter;

  const rows = oldMiddle.length;
  const cols = newMiddle.length;
  const lcs = Array.from({ length: rows + 1 }, () => new Uint32Array(cols + 1));
  for (let i = rows - 1; i >= 0; i -= 1) {
    for (let j = cols - 1; j >= 0; j -= 1) {
      lcs[i]![j] = oldMiddle[i] === newMiddle[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const middle: string[] = [];
  const added = (line: string): string => (crlf && !line.endsWith('\r') ? `${line}\r` : line);
  let i = 0;
  let j = 0;
  while (i < rows || j < cols) {
    if (i < rows && j < cols && oldMiddle[i] === newMiddle[j]) {
      middle.push(source[start + i]!);
      i += 1;
      j += 1;
    } else if (j < cols && (i >= rows || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      middle.push(added(newMiddle[j]!));
      j += 1;
    } else i += 1;
  }
  return [...source.slice(0, start), ...middle, ...source.slice(endBefore)].join('\n');
}
