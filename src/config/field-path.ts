/** A field's address in the configuration: map keys and sequence indexes, outermost first. */
export type FieldPath = readonly (string | number)[];

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `sites[0].bindings[1]`, `locations."Default Web Site/private".authentication`. */
export function formatFieldPath(path: FieldPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else {
      const key = IDENTIFIER.test(segment) ? segment : JSON.stringify(segment);
      text += text === '' ? key : `.${key}`;
    }
  }
  return text;
}

/** The inverse of `formatFieldPath`, for commands that take a field path as an argument. */
export function parseFieldPath(text: string): FieldPath | undefined {
  const path: (string | number)[] = [];
  const token = /\s*(?:\[(\d+)\]|"((?:[^"\\]|\\.)*)"|([A-Za-z_$][\w$]*))\s*/y;
  let index = 0;
  while (index < text.length) {
    if (path.length > 0 && text[index] === '.') index += 1;
    else if (path.length > 0 && text[index] !== '[') return undefined;
    token.lastIndex = index;
    const match = token.exec(text);
    if (!match) return undefined;
    if (match[1] !== undefined) path.push(Number(match[1]));
    else if (match[2] !== undefined) path.push(JSON.parse(`"${match[2]}"`) as string);
    else path.push(match[3]!);
    index = token.lastIndex;
  }
  return path;
}
