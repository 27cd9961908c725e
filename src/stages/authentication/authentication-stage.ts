import type { Directory, Token } from '../../identity/index.js';
import {
  basicChallenge, refuse, type Decision, type MaybePromise, type Outcome, type RequestContext, type Stage,
} from '../../pipeline/index.js';
import { localUserName, parseBasic, type BasicCredentials } from './basic-credentials.js';
import { VerificationCache } from './verification-cache.js';

function storedHash(context: RequestContext, name: string): { user: string; hash: string } | undefined {
  const user = context.generation.config.identities?.users?.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
  return user?.password === undefined ? undefined : { user: user.name, hash: user.password };
}

function localUserExists(directory: Directory, name: string): boolean {
  try {
    return directory.resolve(name).kind === 'local-user';
  } catch {
    return false;
  }
}

/**
 * AuthenticateRequest, as IIS orders it: credentials in the request are checked by Basic (where
 * Basic is enabled) even when anonymous is on; without credentials the request runs anonymously
 * when anonymous is enabled. The challenge is added later, by authorization, only when that
 * anonymous identity turns out to be refused.
 */
export function createAuthenticationStage(cache = new VerificationCache()): Stage {
  /** Basic credentials cost a (cached) scrypt verification: the one asynchronous step here. */
  async function basic(context: RequestContext, credentials: Exclude<BasicCredentials, { malformed: true }>, realm: string): Promise<Outcome | undefined> {
    const generation = context.generation;
    const challenge = basicChallenge(realm);
    const name = localUserName(credentials.user);
    const stored = localUserExists(generation.directory, name) ? storedHash(context, name) : undefined;
    if (!(await cache.verify(name, credentials.password, stored?.hash))) {
      context.note({ layer: 'identity', verdict: 'deny', detail: `Basic logon failed for '${name}'` });
      return refuse(401, 1, 1326, 'bad user name or password', challenge);
    }
    const token = generation.userToken(stored!.user);
    context.user = { method: 'basic', token, logName: stored!.user, userName: stored!.user };
    context.note({ layer: 'identity', verdict: 'pass', detail: `${stored!.user} by Basic   ${describeSids(token.token)}` });
    return undefined;
  }

  function authenticate(context: RequestContext): MaybePromise<Outcome | undefined> {
    const settings = context.location!.authentication;
    const generation = context.generation;
    if (context.assumedUser !== undefined) {
      const token = generation.userToken(context.assumedUser);
      context.user = { method: 'basic', token, logName: token.token.identity.name, userName: token.token.identity.name };
      context.note({ layer: 'identity', verdict: 'info', detail: `${token.token.identity.name} (assumed for explain; no password checked)` });
      return undefined;
    }
    const credentials = settings.basic.enabled ? parseBasic(context.head.headers.authorization) : undefined;
    if (credentials !== undefined) {
      if ('malformed' in credentials) {
        context.note({ layer: 'identity', verdict: 'deny', detail: 'malformed Basic credentials' });
        return refuse(401, 1, 1326, 'malformed Basic credentials', basicChallenge(settings.basic.realm));
      }
      return basic(context, credentials, settings.basic.realm);
    }
    if (settings.anonymous.enabled) {
      const pool = context.mapped?.application.pool ?? context.site.resolved.applicationPool;
      const token = generation.anonymousToken(settings.anonymous.identity, pool);
      context.user = { method: 'anonymous', token, logName: '-', userName: undefined };
      context.note(anonymousNote(token.token));
      return undefined;
    }
    if (settings.basic.enabled) {
      context.note({ layer: 'identity', verdict: 'deny', detail: 'anonymous is disabled here and the request carries no credentials' });
      return refuse(401, 2, 5, 'credentials required', basicChallenge(settings.basic.realm));
    }
    context.note({
      layer: 'identity', verdict: 'deny', detail: 'no authentication method is enabled here',
      fix: `usher auth set '${context.site.name}${context.url!.path === '/' ? '' : context.url!.path}' --anonymous on`,
    });
    return refuse(401, 2, 5, 'no authentication method is enabled');
  }
  return { id: 'authentication', run: authenticate };
}

/** Tokens are cached per generation, so the anonymous trail line is built once per token, not per request. */
const anonymousNotes = new WeakMap<Token, Decision>();

function anonymousNote(token: Token): Decision {
  let decision = anonymousNotes.get(token);
  if (decision === undefined) {
    decision = { layer: 'identity', verdict: 'pass', detail: `anonymous as ${token.identity.name}   ${describeSids(token)}` };
    anonymousNotes.set(token, decision);
  }
  return decision;
}

/** `S-1-5-17 + Everyone, Users, … (SERVICE deny-only)` for the trail. */
const sidText = new WeakMap<Token, string>();

/** Tokens are cached per generation, so their description is built once, not per request. */
export function describeSids(token: Token): string {
  let text = sidText.get(token);
  if (text === undefined) sidText.set(token, (text = formatSids(token)));
  return text;
}

function formatSids(token: Token): string {
  const short = (name: string) => name.replace(/^(NT AUTHORITY|BUILTIN)\\/, '');
  const groups = token.sids.slice(1).filter((entry) => !entry.denyOnly).map((entry) => short(entry.name));
  const denyOnly = token.sids.filter((entry) => entry.denyOnly).map((entry) => short(entry.name));
  return `${token.identity.sid} + ${groups.join(', ')}${denyOnly.length > 0 ? ` (${denyOnly.join(', ')} deny-only)` : ''}`;
}
