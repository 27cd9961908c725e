import type * as z from 'zod';
import type { FieldPath } from './field-path.js';

/** A schema violation in Usher's words: lower-case, says what was expected and what was found. */
export interface SchemaProblem {
  readonly path: FieldPath;
  readonly message: string;
}

type Issue = z.core.$ZodIssue;

// zod's own English messages start like this; anything else was written by us in the schema.
const ZOD_DEFAULT_MESSAGE = /^(Invalid|Too (small|big)|Unrecognized)\b/;

const EXPECTED: Record<string, string> = {
  object: 'a map', array: 'a list', string: 'a string', number: 'a number', int: 'a whole number', boolean: 'true or false',
};

function describe(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

interface SchemaNode {
  _zod: { def: { type: string; shape?: Record<string, SchemaNode>; innerType?: SchemaNode; element?: SchemaNode;
    valueType?: SchemaNode; options?: SchemaNode[]; in?: SchemaNode } };
}

/** The keys an object at `path` accepts, to suggest the one a misspelt key meant. */
function knownKeys(schema: SchemaNode, path: FieldPath): string[] {
  let candidates = [schema];
  const unwrap = (node: SchemaNode): SchemaNode[] => {
    const def = node._zod.def;
    if (def.innerType) return unwrap(def.innerType);
    if (def.type === 'pipe' && def.in) return unwrap(def.in);
    if (def.type === 'union' && def.options) return def.options.flatMap(unwrap);
    return [node];
  };
  for (const segment of path) {
    candidates = candidates.flatMap(unwrap).flatMap((node): SchemaNode[] => {
      const def = node._zod.def;
      if (def.type === 'object' && typeof segment === 'string' && def.shape?.[segment]) return [def.shape[segment]];
      if (def.type === 'array' && typeof segment === 'number' && def.element) return [def.element];
      if (def.type === 'record' && def.valueType) return [def.valueType];
      return [];
    });
  }
  return candidates.flatMap(unwrap).flatMap((node) => Object.keys(node._zod.def.type === 'object' ? node._zod.def.shape ?? {} : {}));
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

function unknownKeyMessage(key: string, known: string[]): string {
  const close = known
    .map((candidate) => ({ candidate, score: candidate.toLowerCase() === key.toLowerCase() ? 0 : distance(key, candidate) }))
    .filter(({ score }) => score <= Math.max(1, Math.floor(key.length / 4)))
    .sort((a, b) => a.score - b.score)[0];
  if (close) return `unknown key (did you mean '${close.candidate}'?)`;
  return known.length > 0 ? `unknown key (expected one of: ${known.join(', ')})` : 'unknown key';
}

function bound(issue: Issue & { code: 'too_small' | 'too_big' }): string {
  const small = issue.code === 'too_small';
  const limit = String(small ? issue.minimum : issue.maximum);
  if (issue.origin === 'string') {
    return small && limit === '1' ? 'cannot be empty' : `must be ${small ? 'at least' : 'at most'} ${limit} characters`;
  }
  if (issue.origin === 'array') return `needs ${small ? 'at least' : 'at most'} ${limit} item${limit === '1' ? '' : 's'}`;
  const inclusive = issue.inclusive !== false;
  return `must be ${small ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than'} ${limit}`;
}

function explain(issue: Issue, prefix: FieldPath, schema: SchemaNode, out: SchemaProblem[]): void {
  const path = [...prefix, ...(issue.path as (string | number)[])];
  const custom = !ZOD_DEFAULT_MESSAGE.test(issue.message);
  switch (issue.code) {
    case 'unrecognized_keys':
      for (const key of issue.keys) out.push({ path: [...path, key], message: unknownKeyMessage(key, knownKeys(schema, path)) });
      return;
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      out.push({ path, message: issue.input === undefined ? `is required (${expected})` : `expected ${expected}, got ${describe(issue.input)}` });
      return;
    }
    case 'invalid_union': {
      if (custom) break;
      // zod reports a union only when no option came close; one that failed on more than its
      // shape is the form the author meant, so its complaints are the useful ones.
      const near = issue.errors.filter((branch) => !branch.every((inner) => inner.code === 'invalid_type' && inner.path.length === 0));
      if (near.length === 1) {
        for (const inner of near[0]!) explain(inner, path, schema, out);
        return;
      }
      out.push({ path, message: 'does not match any of the allowed forms' });
      return;
    }
    case 'invalid_value':
      if (custom) break;
      out.push({ path, message: `expected one of ${issue.values.map(String).join(', ')}, got ${describe(issue.input)}` });
      return;
    case 'too_small':
    case 'too_big':
      if (custom) break;
      out.push({ path, message: bound(issue) });
      return;
    default:
      break;
  }
  const text = custom ? issue.message : issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
  out.push({ path, message: text });
}

export function schemaProblems(issues: readonly Issue[], schema: z.ZodType): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  for (const issue of issues) explain(issue, [], schema as unknown as SchemaNode, out);
  return out;
}
