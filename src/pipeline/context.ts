import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { AccessCheckResult } from '../acl/index.js';
import type { EffectiveLocation } from '../config/index.js';
import type { Decision } from './decision.js';
import type { CompiledApplication, CompiledSite, CompiledVirtualDirectory, Generation, KeyedToken } from './generation.js';
import type { Outcome } from './outcome.js';
import type { ContentEntry, ContentView } from './services.js';

/** The request as it arrived; nothing here has been decoded or trusted. */
export interface RequestHead {
  readonly method: string;
  /** The request-target exactly as sent (Node's `req.url`). */
  readonly target: string;
  readonly headers: IncomingHttpHeaders;
  readonly httpVersion: string;
}

export interface ConnectionInfo {
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly localAddress: string;
  readonly localPort: number;
  readonly encrypted: boolean;
}

/** Set by request filtering: the one decoded, canonical form of the path. */
export interface RequestUrl {
  /** Decoded once, `.`/`..` resolved, slashes merged; always starts with `/`. */
  readonly path: string;
  /** As sent, without the `?`; passed on untouched. */
  readonly query: string;
  /** The path part of the target before decoding, for the log's cs-uri-stem. */
  readonly rawPath: string;
  /** The request asked for a folder form (`/docs/`). */
  readonly trailingSlash: boolean;
}

/** Set by mapping: where the URL lands on disk. */
export interface MappedRequest {
  readonly application: CompiledApplication;
  readonly virtualDirectory: CompiledVirtualDirectory;
  /** The configured folder joined with the rest of the URL, before symlinks. */
  readonly physicalPath: string;
  readonly entry: ContentEntry;
}

/** Set by authentication: who the request runs as. */
export interface RequestUser {
  readonly method: 'anonymous' | 'basic';
  readonly token: KeyedToken;
  /** For the W3C log's cs-username: '-' when anonymous, as IIS logs it. */
  readonly logName: string;
  /** The local user's name for URL rules (undefined when anonymous). */
  readonly userName: string | undefined;
}

/** Set by authorization: the access check that let the request through (or refused it). */
export interface RequestAccess {
  readonly object: string;
  readonly desired: number;
  readonly result: AccessCheckResult;
}

/** What the handler chose to do (explain shows it; serving does it). */
export type HandlerPlan =
  | { readonly kind: 'file'; readonly entry: ContentEntry }
  | { readonly kind: 'listing'; readonly entry: ContentEntry }
  | { readonly kind: 'options' };

/**
 * One request's state, filled in slot by slot as it moves through the stages (DESIGN §1). Stages
 * talk to each other only through these slots, never by importing each other.
 */
export class RequestContext {
  url: RequestUrl | undefined;
  location: EffectiveLocation | undefined;
  mapped: MappedRequest | undefined;
  user: RequestUser | undefined;
  access: RequestAccess | undefined;
  plan: HandlerPlan | undefined;
  outcome: Outcome | undefined;
  readonly trail: Decision[] = [];

  readonly head: RequestHead;
  readonly connection: ConnectionInfo;
  readonly generation: Generation;
  readonly site: CompiledSite;
  readonly content: ContentView;
  /** Where the handler writes; undefined for `usher explain`, where stages decide and nothing is sent. */
  readonly response: ServerResponse | undefined;
  /** `usher explain --user NAME`: authenticate as this local user without credentials. */
  readonly assumedUser: string | undefined;
  /** `performance.now()` when the request arrived, for time-taken. */
  readonly startedAt: number;

  constructor(init: {
    head: RequestHead;
    connection: ConnectionInfo;
    generation: Generation;
    site: CompiledSite;
    content: ContentView;
    response: ServerResponse | undefined;
    assumedUser?: string | undefined;
    startedAt: number;
  }) {
    this.head = init.head;
    this.connection = init.connection;
    this.generation = init.generation;
    this.site = init.site;
    this.content = init.content;
    this.response = init.response;
    this.assumedUser = init.assumedUser;
    this.startedAt = init.startedAt;
  }

  /** Explaining, not serving. */
  get dryRun(): boolean {
    return this.response === undefined;
  }

  note(decision: Decision): void {
    this.trail.push(decision);
  }
}
