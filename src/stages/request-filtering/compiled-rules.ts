import type { EffectiveLocation } from '../../config/index.js';

type Filtering = EffectiveLocation['requestFiltering'];

/** One location's requestFiltering, turned into what a request needs: regexes and Sets, built once. */
export interface CompiledRules {
  readonly settings: Filtering;
  /** Finds the first hidden segment in a path (group 1), ASCII case-insensitively; undefined when nothing is hidden. */
  readonly hidden: RegExp | undefined;
  /** Whether any extension rule can refuse (a deny list, or allowUnlisted=false). */
  readonly checksExtensions: boolean;
  readonly deniedExtensions: ReadonlySet<string>;
  readonly allowedExtensions: ReadonlySet<string>;
  /** Whether any verb rule can refuse. Verbs upper-cased: see `verbRefusal`. */
  readonly checksVerbs: boolean;
  readonly deniedVerbs: ReadonlySet<string>;
  readonly allowedVerbs: ReadonlySet<string>;
  /** denyUrlSequences, lower-cased. */
  readonly sequences: readonly string[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * `(?:^|/)(name|…|\.(?!visible(?:/|$))[^/]*)(?=/|$)`: a whole segment equal to a hidden name, or
 * beginning with a dot unless it is one of the visible dot-segments. One test per request on the
 * common path, instead of splitting the path and looking up each segment.
 */
function hiddenPattern(settings: Filtering): RegExp | undefined {
  const names = settings.hiddenSegments.map(escapeRegExp);
  if (settings.hideDotSegments) {
    const visible = settings.dotSegmentsVisible.filter((name) => name.startsWith('.') && name.length > 1).map((name) => escapeRegExp(name.slice(1)));
    names.push(visible.length > 0 ? `\\.(?!(?:${visible.join('|')})(?:/|$))[^/]*` : '\\.[^/]*');
  }
  return names.length > 0 ? new RegExp(`(?:^|/)(${names.join('|')})(?=/|$)`, 'i') : undefined;
}

function compile(location: EffectiveLocation): CompiledRules {
  const settings = location.requestFiltering;
  const upper = (verbs: readonly string[]) => new Set(verbs.map((verb) => verb.toUpperCase()));
  const lower = (items: readonly string[]) => new Set(items.map((item) => item.toLowerCase()));
  return {
    settings,
    hidden: hiddenPattern(settings),
    checksExtensions: settings.fileExtensions.deny.length > 0 || !settings.fileExtensions.allowUnlisted,
    deniedExtensions: lower(settings.fileExtensions.deny),
    allowedExtensions: lower(settings.fileExtensions.allow),
    checksVerbs: settings.verbs.deny.length > 0 || !settings.verbs.allowUnlisted,
    deniedVerbs: upper(settings.verbs.deny),
    allowedVerbs: upper(settings.verbs.allow),
    sequences: settings.denyUrlSequences.map((sequence) => sequence.toLowerCase()),
  };
}

// A generation's settingsAt() hands out one object per distinct location, kept while the generation
// lives; keying by it means a reload compiles afresh and an old generation's rules are collected with it.
const compiled = new WeakMap<EffectiveLocation, CompiledRules>();

export function rulesFor(location: EffectiveLocation): CompiledRules {
  let rules = compiled.get(location);
  if (!rules) {
    rules = compile(location);
    compiled.set(location, rules);
  }
  return rules;
}
