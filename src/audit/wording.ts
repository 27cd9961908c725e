/** Small wording helpers, so that every finding lists things the same way. */

/** `a, b and c`; past `max` items, `a, b, c and 4 more`. */
export function listSome(items: readonly string[], max = 5): string {
  if (items.length === 0) return '';
  if (items.length === 1) return items[0]!;
  if (items.length <= max) return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** `1 file`, `3 files`. */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}

const ROLE_WORDS: Readonly<Record<string, string>> = {
  content: 'content', log: 'logs', config: 'the configuration', history: 'the configuration history',
  certificate: 'a certificate', 'private-key': 'a private key', install: "Usher's install folder",
};

/** What the objects an ACE reaches are, in words: `content and logs`. */
export function describeRoles(roles: readonly string[]): string[] {
  return [...new Set(roles)].map((role) => ROLE_WORDS[role] ?? role);
}
