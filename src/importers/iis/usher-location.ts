import { LOCATION_DEFAULTS, type AnonymousIdentity, type AuthorizationEntryConfig, type AuthorizationRuleConfig, type LocationConfig } from '../../config/index.js';
import { classifyAnonymousUser } from './legacy-accounts.js';
import type { PrincipalMapper } from './principals.js';
import type { IisLocationState } from './sections/location-state.js';
import type { Place, WarningSink } from './warnings.js';

type Limits = { maxAllowedContentLength: number; maxUrl: number; maxQueryString: number };

/** A place's settings as Usher's location merge would hold them, in comparable form. */
export interface UsherView {
  readonly anonymous: { readonly enabled: boolean; readonly identity: AnonymousIdentity };
  readonly basic: { readonly enabled: boolean; readonly realm: string };
  readonly authorization: readonly AuthorizationRuleConfig[];
  readonly allowDoubleEscaping: boolean;
  readonly allowHighBitCharacters: boolean;
  readonly requestLimits: Limits;
  /** Folded name → name as written. */
  readonly hidden: ReadonlyMap<string, string>;
  readonly extensions: { readonly allowUnlisted: boolean; readonly deny: ReadonlyMap<string, string>; readonly allow: ReadonlyMap<string, string> };
  readonly sequences: ReadonlyMap<string, string>;
  readonly verbs: { readonly allowUnlisted: boolean; readonly deny: ReadonlyMap<string, string>; readonly allow: ReadonlyMap<string, string> };
  readonly directoryBrowse: boolean;
  readonly defaultDocument: readonly string[];
  readonly errorMode: string;
  /** Schemes Usher lacks that are on here. */
  readonly otherSchemes: readonly string[];
}

const folded = (names: readonly string[], fold = true) => new Map(names.map((name) => [fold ? name.toLowerCase() : name, name]));
const REALM = LOCATION_DEFAULTS.authentication.basic.realm;

export const USHER_DEFAULTS: UsherView = {
  anonymous: LOCATION_DEFAULTS.authentication.anonymous,
  basic: LOCATION_DEFAULTS.authentication.basic,
  authorization: LOCATION_DEFAULTS.authorization,
  allowDoubleEscaping: LOCATION_DEFAULTS.requestFiltering.allowDoubleEscaping,
  allowHighBitCharacters: LOCATION_DEFAULTS.requestFiltering.allowHighBitCharacters,
  requestLimits: LOCATION_DEFAULTS.requestFiltering.requestLimits,
  hidden: folded(LOCATION_DEFAULTS.requestFiltering.hiddenSegments),
  extensions: { allowUnlisted: true, deny: new Map(), allow: new Map() },
  sequences: new Map(),
  verbs: { allowUnlisted: true, deny: new Map(), allow: new Map() },
  directoryBrowse: LOCATION_DEFAULTS.directoryBrowse.enabled,
  defaultDocument: LOCATION_DEFAULTS.defaultDocument,
  errorMode: LOCATION_DEFAULTS.httpErrors.errorMode,
  otherSchemes: [],
};

export interface EmitContext {
  readonly sink: WarningSink;
  readonly principals: PrincipalMapper;
  /** Without IIS's URL Authorization module, rules are not enforced: everyone is allowed. */
  readonly urlAuthorizationInstalled: boolean;
  readonly key: string;
  readonly place: Place;
}

function translateRule(rule: IisLocationState['authorization'][number], context: EmitContext): AuthorizationRuleConfig | undefined {
  const label = `URL authorization ${rule.access} rule (${context.key})`;
  const users = rule.users.split(',').filter((name) => name !== '').flatMap((name) => context.principals.user(name, rule.place, label) ?? []);
  const roles = rule.roles.split(',').filter((name) => name !== '').flatMap((name) => context.principals.role(name, rule.place) ?? []);
  if (users.length === 0 && roles.length === 0) {
    if (rule.users !== '' || rule.roles !== '') context.sink.warn(rule.place, `${label}: nobody it names is known to Usher, so the rule is left out`);
    return undefined;
  }
  return {
    access: rule.access,
    ...(users.length > 0 ? { users: users.join(',') } : {}),
    ...(roles.length > 0 ? { roles: roles.join(',') } : {}),
    ...(rule.verbs !== '' ? { verbs: rule.verbs } : {}),
  };
}

export function viewOf(state: IisLocationState, context: EmitContext): UsherView {
  const anonymousUser = classifyAnonymousUser(state.anonymous.userName);
  const identity: AnonymousIdentity = anonymousUser.kind === 'pool' ? 'ApplicationPoolIdentity' : 'IUSR';
  const filtering = state.requestFiltering;
  const split = (entries: readonly { name: string; allowed: boolean }[], allowed: boolean, fold: boolean) =>
    folded(entries.filter((entry) => entry.allowed === allowed).map((entry) => entry.name), fold);
  return {
    // A specific account cannot be imported: anonymous access stays off until it exists (fail closed).
    anonymous: { enabled: state.anonymous.enabled && anonymousUser.kind !== 'user', identity },
    basic: { enabled: state.basic.enabled, realm: state.basic.realm === '' ? REALM : state.basic.realm },
    authorization: context.urlAuthorizationInstalled
      ? state.authorization.flatMap((rule) => translateRule(rule, context) ?? [])
      : USHER_DEFAULTS.authorization,
    allowDoubleEscaping: filtering.allowDoubleEscaping,
    allowHighBitCharacters: filtering.allowHighBitCharacters,
    requestLimits: filtering.requestLimits,
    hidden: folded(filtering.hiddenSegments),
    extensions: { allowUnlisted: filtering.fileExtensions.allowUnlisted, deny: split(filtering.fileExtensions.entries, false, true), allow: split(filtering.fileExtensions.entries, true, true) },
    sequences: folded(filtering.denyUrlSequences, false),
    verbs: { allowUnlisted: filtering.verbs.allowUnlisted, deny: split(filtering.verbs.entries, false, false), allow: split(filtering.verbs.entries, true, false) },
    directoryBrowse: state.directoryBrowse,
    defaultDocument: state.defaultDocument.enabled ? state.defaultDocument.files : [],
    errorMode: state.errorMode,
    otherSchemes: [...state.otherAuthentication].filter(([, on]) => on).map(([name]) => name),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const missing = (from: ReadonlyMap<string, string>, keys: ReadonlyMap<string, string>) => [...from].filter(([key]) => !keys.has(key)).map(([, name]) => name);

/**
 * The `locations:` entry that turns `parent` (Usher's defaults at a site root, else the level
 * above) into `current`. Usher's lists only add, so an IIS `<remove>` or `<clear>` of a denied
 * extension, sequence or verb below the site root cannot be expressed: reported, and the
 * inherited entry stays (for a deny, stricter than the source).
 */
export function emitLocation(parent: UsherView, current: UsherView, context: EmitContext): { config: LocationConfig; achieved: UsherView } {
  const out: { -readonly [K in keyof LocationConfig]: LocationConfig[K] } = {};
  const anonymous: { enabled?: boolean; identity?: AnonymousIdentity } = {};
  if (parent.anonymous.enabled !== current.anonymous.enabled) anonymous.enabled = current.anonymous.enabled;
  if (!same(parent.anonymous.identity, current.anonymous.identity)) anonymous.identity = current.anonymous.identity;
  const basic: { enabled?: boolean; realm?: string } = {};
  if (parent.basic.enabled !== current.basic.enabled) basic.enabled = current.basic.enabled;
  if (parent.basic.realm !== current.basic.realm) basic.realm = current.basic.realm;
  if (Object.keys(anonymous).length > 0 || Object.keys(basic).length > 0) {
    out.authentication = { ...(Object.keys(anonymous).length > 0 ? { anonymous } : {}), ...(Object.keys(basic).length > 0 ? { basic } : {}) };
  }
  const locked = !current.anonymous.enabled && !current.basic.enabled && current.otherSchemes.length > 0;
  const wasLocked = !parent.anonymous.enabled && !parent.basic.enabled && parent.otherSchemes.length > 0;
  if (locked && !wasLocked) {
    context.sink.warn(context.place, `only ${current.otherSchemes.join(' and ')} authentication is enabled at ${context.key}, which Usher does not offer, so every request ` +
      `there is refused (401.2) until you enable basic authentication (usher auth set '${context.key}' --basic on) or anonymous`);
  }

  if (!same(parent.authorization, current.authorization)) {
    const prefix = current.authorization.length >= parent.authorization.length &&
      same(current.authorization.slice(0, parent.authorization.length), parent.authorization);
    const entries: AuthorizationEntryConfig[] = prefix
      ? current.authorization.slice(parent.authorization.length)
      : [{ clear: true }, ...current.authorization];
    out.authorization = entries;
  }

  const filtering: NonNullable<LocationConfig['requestFiltering']> = {};
  if (parent.allowDoubleEscaping !== current.allowDoubleEscaping) filtering.allowDoubleEscaping = current.allowDoubleEscaping;
  if (parent.allowHighBitCharacters !== current.allowHighBitCharacters) filtering.allowHighBitCharacters = current.allowHighBitCharacters;
  const limits: Partial<Limits> = {};
  for (const name of ['maxAllowedContentLength', 'maxUrl', 'maxQueryString'] as const) {
    if (parent.requestLimits[name] !== current.requestLimits[name]) limits[name] = current.requestLimits[name];
  }
  if (Object.keys(limits).length > 0) filtering.requestLimits = limits;
  const addHidden = missing(current.hidden, parent.hidden);
  const removeHidden = missing(parent.hidden, current.hidden);
  if (addHidden.length > 0 || removeHidden.length > 0) {
    filtering.hiddenSegments = { ...(addHidden.length > 0 ? { add: addHidden } : {}), ...(removeHidden.length > 0 ? { remove: removeHidden } : {}) };
  }
  const lists = (what: string, before: UsherView['extensions'], after: UsherView['extensions']) => {
    const result: { allowUnlisted?: boolean; deny?: string[]; allow?: string[] } = {};
    if (before.allowUnlisted !== after.allowUnlisted) result.allowUnlisted = after.allowUnlisted;
    const deny = missing(after.deny, before.deny);
    const allow = missing(after.allow, before.allow);
    if (deny.length > 0) result.deny = deny;
    if (allow.length > 0) result.allow = allow;
    const lostDeny = missing(before.deny, after.deny);
    const lostAllow = missing(before.allow, after.allow);
    if (lostDeny.length > 0) {
      context.sink.warn(context.place, `${what} ${lostDeny.join(', ')} denied above ${context.key} and no longer denied here: Usher's lists only add, so they stay denied (stricter than the source)`);
    }
    if (lostAllow.length > 0) {
      context.sink.warn(context.place, `${what} ${lostAllow.join(', ')} allowed above ${context.key} and no longer allowed here: Usher's lists only add, so they stay allowed; review with usher config check`);
    }
    return Object.keys(result).length > 0 ? result : undefined;
  };
  const extensions = lists('file extensions', parent.extensions, current.extensions);
  if (extensions) filtering.fileExtensions = extensions;
  const sequences = missing(current.sequences, parent.sequences);
  if (sequences.length > 0) filtering.denyUrlSequences = sequences;
  const lostSequences = missing(parent.sequences, current.sequences);
  if (lostSequences.length > 0) {
    context.sink.warn(context.place, `denied URL sequences ${lostSequences.join(', ')} are removed at ${context.key} in the source: Usher's lists only add, so they stay denied (stricter than the source)`);
  }
  const verbs = lists('verbs', parent.verbs, current.verbs);
  if (verbs) filtering.verbs = verbs;
  if (Object.keys(filtering).length > 0) out.requestFiltering = filtering;

  if (parent.directoryBrowse !== current.directoryBrowse) out.directoryBrowse = { enabled: current.directoryBrowse };
  if (!same(parent.defaultDocument, current.defaultDocument)) out.defaultDocument = [...current.defaultDocument];
  if (parent.errorMode !== current.errorMode) out.httpErrors = { errorMode: current.errorMode as NonNullable<LocationConfig['httpErrors']>['errorMode'] };
  // What Usher will hold here: the lists that could not shrink keep their entries, and the levels
  // below are computed against that.
  const union = (a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>) => new Map([...a, ...b]);
  const achieved: UsherView = {
    ...current,
    extensions: { ...current.extensions, deny: union(parent.extensions.deny, current.extensions.deny), allow: union(parent.extensions.allow, current.extensions.allow) },
    sequences: union(parent.sequences, current.sequences),
    verbs: { ...current.verbs, deny: union(parent.verbs.deny, current.verbs.deny), allow: union(parent.verbs.allow, current.verbs.allow) },
  };
  return { config: out, achieved };
}
