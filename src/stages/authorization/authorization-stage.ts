import { dirname } from 'node:path';
import { formatAce, formatMask, icaclsRights, LIST_DIRECTORY, READ_FILE, type AccessCheckResult } from '../../acl/index.js';
import type { Directory } from '../../identity/index.js';
import { basicChallenge, refuse, type Decision, type Outcome, type RequestContext, type Stage } from '../../pipeline/index.js';
import { describeRule, evaluateUrlRules } from './url-rules.js';

const quote = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;

/** A refusal of the anonymous identity where Basic is enabled invites the client to sign in. */
function challengeFor(context: RequestContext): Record<string, string> | undefined {
  const settings = context.location!.authentication;
  return context.user!.method === 'anonymous' && settings.basic.enabled ? basicChallenge(settings.basic.realm) : undefined;
}

// Trail text is built once per rule and once per cached access decision, not once per request:
// served requests keep their trail, and the hot path should not pay for formatting it again.
const ruleText = new WeakMap<object, string>();
const describe = (rule: Parameters<typeof describeRule>[0]) => {
  let text = ruleText.get(rule);
  if (text === undefined) ruleText.set(rule, (text = describeRule(rule)));
  return text;
};
const grantedTrail = new WeakMap<AccessCheckResult, readonly Decision[]>();

function urlRules(context: RequestContext): Outcome | undefined {
  const verdict = evaluateUrlRules(context.location!, context.generation.directory, context.user!, context.head.method);
  if (verdict.allowed) {
    context.note({ layer: 'url-rules', verdict: 'pass', detail: describe(verdict.rule!) });
    return undefined;
  }
  const detail = verdict.rule ? describe(verdict.rule) : 'no allow rule matches';
  const location = `${context.site.name}${context.url!.path === '/' ? '' : context.url!.path}`;
  context.note({ layer: 'url-rules', verdict: 'deny', detail, fix: `usher authz list ${quote(location)}` });
  return refuse(401, 2, 5, `URL authorization: ${detail}`, challengeFor(context));
}

/**
 * AuthorizeRequest: URL rules, then the ACL access check on the real path for the request's token
 * (DESIGN §4: a file needs R, a listing needs RD and SYNCHRONIZE on the folder).
 */
function authorize(context: RequestContext): Outcome | undefined {
  const refusedByRules = urlRules(context);
  if (refusedByRules) return refusedByRules;
  const entry = context.mapped!.entry;
  const isDirectory = entry.kind === 'directory';
  if (isDirectory && !context.location!.directoryBrowse.enabled) {
    context.note({ layer: 'acl', verdict: 'info', detail: 'a folder with no default document and browsing off: nothing is read' });
    return undefined;
  }
  const desired = isDirectory ? LIST_DIRECTORY : READ_FILE;
  const token = context.user!.token;
  const result = context.generation.checkAccess(entry.realPath, isDirectory, token, desired);
  context.access = { object: entry.realPath, desired, result };
  const directory = context.generation.directory;
  if (result.allowed) {
    let trail = grantedTrail.get(result);
    if (!trail) grantedTrail.set(result, (trail = aclTrail(result, desired, directory)));
    for (const decision of trail) context.note(decision);
    return undefined;
  }
  for (const decision of aclTrail(result, desired, directory).slice(0, -1)) context.note(decision);
  const needs = needsText(result, desired);
  const who = directory.shortName(token.token.identity.sid);
  const deny = result.decisions.find((d) => d.decisive && d.effect === 'deny');
  const folder = isDirectory ? entry.realPath : dirname(entry.realPath);
  const fix = deny
    ? `usher acl remove ${quote(deny.from)} ${quote(directory.shortName(deny.ace.sid))} --denies`
    : `usher acl grant ${quote(folder)} ${quote(`${who}:(OI)(CI)(${isDirectory ? 'RX' : 'R'})`)}`;
  const why = result.notes[0]?.text;
  context.note({ layer: 'acl', verdict: 'deny', detail: `${needs}${why ? `: ${why}` : ''}`, fix });
  return refuse(401, 3, 5, `the ACL refuses ${token.token.identity.name}`, challengeFor(context));
}

function needsText(result: AccessCheckResult, desired: number): string {
  return `needs ${icaclsRights(desired)} (${formatMask(desired)}); granted ${formatMask(result.grantedMask)}`;
}

/** The ACEs that decided a requested right, then the verdict line. */
function aclTrail(result: AccessCheckResult, desired: number, directory: Directory): Decision[] {
  const trail: Decision[] = result.decisions.filter((d) => d.decisive).map((decision) => ({
    layer: 'acl',
    verdict: decision.effect === 'allow' ? 'pass' : 'deny',
    detail: `${decision.effect} ${formatAce(decision.ace.origin, directory.shortName)} on ${decision.from}${decision.inherited ? ' (inherited)' : ''}`,
  }));
  trail.push({ layer: 'acl', verdict: result.allowed ? 'pass' : 'deny', detail: needsText(result, desired) });
  return trail;
}

export function createAuthorizationStage(): Stage {
  return { id: 'authorization', run: authorize };
}
