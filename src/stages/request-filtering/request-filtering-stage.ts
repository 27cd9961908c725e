import type { EffectiveLocation } from '../../config/index.js';
import { refuse, type Outcome, type RequestContext, type Stage } from '../../pipeline/index.js';
import { alreadyCanonical, canonicalPath, type CanonicalPath } from './canonical-path.js';
import { rulesFor, type CompiledRules } from './compiled-rules.js';
import { loosestLimits, type RequestLimits } from './limits.js';
import { extensionProblem, findHiddenSegment, sequenceProblem, verbProblem } from './path-rules.js';
import {
  bodyTooLarge, deniedExtension, deniedSequence, deniedVerb, doubleEscaped, hiddenSegment, highBit, printable, queryTooLong,
  isRefusal, urlTooLong, windowsName, type Refusal,
} from './refusal.js';
import { parseTarget, type RawTarget } from './target.js';
import { findWindowsName } from './windows-names.js';

/**
 * BeginRequest (DESIGN §1): raw target → limits → decode once → canonical path → location → the
 * requestFiltering rules, all on the canonical path. Sets `context.url` and `context.location`
 * as soon as they are known (a refusal's log line and error page use them too) and records one
 * decision: the canonical path, or the rule that refused.
 */
function filterRequest(context: RequestContext): Outcome | undefined {
  // The common case is recognised, split and found canonical by one regex; anything else is taken
  // apart step by step. Either way the lengths are judged on the raw target, before any decoding.
  const common = alreadyCanonical(context.head.target);
  const target = common ?? parseTarget(context.head.target);
  if (isRefusal(target)) return deny(context, target);
  const tooLong = lengthProblem(target, loosestLimits(context.site, context.generation), context.site.name);
  if (tooLong) return deny(context, tooLong);
  const canonical = common ?? canonicalPath(target.rawPath);
  if (isRefusal(canonical)) return deny(context, canonical);

  const location = context.site.settingsAt(canonical.path);
  context.location = location;
  context.url = { path: canonical.path, query: target.query, rawPath: target.rawPath, trailingSlash: canonical.trailingSlash };

  const refusal = locationProblem(context, target, canonical, location);
  if (refusal) return deny(context, refusal);
  // The pass line is what explain and the trace show first; only the decoded path needs escaping.
  const shown = canonical.decoded === target.rawPath && !canonical.nonAscii ? canonical.path : printable(canonical.path);
  context.note({ layer: 'filtering', verdict: 'pass', detail: `${shown} (canonical)` });
  return undefined;
}

/** The rules of the location the canonical path falls in, cheapest and most general first. */
function locationProblem(context: RequestContext, target: RawTarget, canonical: CanonicalPath, location: EffectiveLocation): Refusal | undefined {
  const rules = rulesFor(location);
  const { settings } = rules;
  const at = context.site.name;
  return lengthProblem(target, settings.requestLimits, at)
    ?? contentLengthProblem(context, settings.requestLimits, at)
    ?? escapingProblem(canonical, settings, at)
    ?? verbRefusal(rules, context.head.method, at)
    ?? hiddenRefusal(rules, canonical, at)
    ?? windowsRefusal(canonical, settings, at)
    ?? extensionRefusal(rules, canonical, at)
    ?? sequenceRefusal(rules, target, canonical, at);
}

function lengthProblem(target: RawTarget, limits: RequestLimits, at: string): Refusal | undefined {
  if (target.rawPath.length > limits.maxUrl) {
    return urlTooLong(`URL of ${target.rawPath.length} bytes exceeds maxUrl ${limits.maxUrl}`,
      `raise requestFiltering.requestLimits.maxUrl at '${at}'`);
  }
  if (target.query.length > limits.maxQueryString) {
    return queryTooLong(`query string of ${target.query.length} bytes exceeds maxQueryString ${limits.maxQueryString}`,
      `raise requestFiltering.requestLimits.maxQueryString at '${at}'`);
  }
  return undefined;
}

/** Judged on the declared Content-Length only, as IIS does; a chunked body is not measured here. */
function contentLengthProblem(context: RequestContext, limits: RequestLimits, at: string): Refusal | undefined {
  const declared = context.head.headers['content-length'];
  if (declared === undefined || !(Number(declared) > limits.maxAllowedContentLength)) return undefined;
  return bodyTooLarge(`Content-Length ${printable(declared)} exceeds maxAllowedContentLength ${limits.maxAllowedContentLength}`,
    `raise requestFiltering.requestLimits.maxAllowedContentLength at '${at}'`);
}

// After one decode, a `%` can only be there because `%25` was sent. If it starts an escape again
// (`%252e` → `%2e`), a second decoder would change the path: that is the double escaping IIS
// refuses. IIS's `%uXXXX` counts too, for the sake of anything downstream that still decodes it.
const STILL_ESCAPED = /%[0-9a-f]{2}|%u[0-9a-f]{4}/i;

function escapingProblem(canonical: CanonicalPath, settings: CompiledRules['settings'], at: string): Refusal | undefined {
  if (!settings.allowDoubleEscaping && canonical.path.includes('%') && STILL_ESCAPED.test(canonical.path)) {
    return doubleEscaped(`double escaping: '${printable(canonical.path)}' would change if decoded again`,
      `set requestFiltering.allowDoubleEscaping: true at '${at}' (only if the content really has such names)`);
  }
  if (!settings.allowHighBitCharacters && canonical.nonAscii) {
    return highBit('non-ASCII characters in the path, and allowHighBitCharacters is false',
      `set requestFiltering.allowHighBitCharacters: true at '${at}'`);
  }
  return undefined;
}

function verbRefusal(rules: CompiledRules, method: string, at: string): Refusal | undefined {
  const problem = verbProblem(rules, method);
  return problem === undefined ? undefined : deniedVerb(problem, `change requestFiltering.verbs at '${at}'`);
}

function hiddenRefusal(rules: CompiledRules, canonical: CanonicalPath, at: string): Refusal | undefined {
  const hidden = findHiddenSegment(rules, canonical.path, canonical.nonAscii);
  if (!hidden) return undefined;
  const name = printable(hidden.name);
  const spelled = hidden.spelled === undefined ? '' : ` (spelled '${printable(hidden.spelled)}')`;
  const why = rules.settings.hiddenSegments.includes(hidden.name) ? '' : ' (segments beginning with a dot are hidden)';
  return hiddenSegment(`hidden segment '${name}'${spelled}${why}`,
    `to serve it, add '${name}' to requestFiltering.hiddenSegments.remove at '${at}'`);
}

function windowsRefusal(canonical: CanonicalPath, settings: CompiledRules['settings'], at: string): Refusal | undefined {
  if (!settings.windowsNames) return undefined;
  const problem = findWindowsName(canonical.path, canonical.nonAscii);
  return problem === undefined ? undefined
    : windowsName(`Windows name form: ${problem}`, `set requestFiltering.windowsNames: false at '${at}' (only if no Windows semantics can apply)`);
}

function extensionRefusal(rules: CompiledRules, canonical: CanonicalPath, at: string): Refusal | undefined {
  const problem = extensionProblem(rules, canonical.path, canonical.trailingSlash, canonical.nonAscii);
  return problem === undefined ? undefined : deniedExtension(problem, `change requestFiltering.fileExtensions at '${at}'`);
}

function sequenceRefusal(rules: CompiledRules, target: RawTarget, canonical: CanonicalPath, at: string): Refusal | undefined {
  const problem = sequenceProblem(rules, [target.rawPath, canonical.decoded, canonical.path]);
  return problem === undefined ? undefined : deniedSequence(problem, `change requestFiltering.denyUrlSequences at '${at}'`);
}

function deny(context: RequestContext, refusal: Refusal): Outcome {
  context.note(refusal.fix === undefined
    ? { layer: 'filtering', verdict: 'deny', detail: refusal.detail }
    : { layer: 'filtering', verdict: 'deny', detail: refusal.detail, fix: refusal.fix });
  return refuse(refusal.status, refusal.substatus, refusal.win32, refusal.detail);
}

export function createRequestFilteringStage(): Stage {
  return { id: 'request-filtering', run: filterRequest };
}
