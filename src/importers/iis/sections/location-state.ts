import { LOCATION_DEFAULTS } from '../../../config/index.js';
import type { Place } from '../warnings.js';

/** One IIS URL Authorization rule, keyed as IIS keys it: users, roles and verbs together. */
export interface AuthorizationRule {
  readonly access: 'allow' | 'deny';
  readonly users: string;
  readonly roles: string;
  readonly verbs: string;
  readonly place: Place;
}

export interface ListEntry {
  readonly name: string;
  readonly allowed: boolean;
}

export interface FilteringState {
  readonly allowDoubleEscaping: boolean;
  readonly allowHighBitCharacters: boolean;
  readonly requestLimits: { readonly maxAllowedContentLength: number; readonly maxUrl: number; readonly maxQueryString: number };
  readonly hiddenSegments: readonly string[];
  readonly fileExtensions: { readonly allowUnlisted: boolean; readonly entries: readonly ListEntry[] };
  readonly denyUrlSequences: readonly string[];
  readonly verbs: { readonly allowUnlisted: boolean; readonly entries: readonly ListEntry[] };
}

/**
 * The settings in force at one place, in IIS's own terms, before they become Usher's. Computed by
 * folding every element that reaches the place over IIS's schema defaults.
 */
export interface IisLocationState {
  readonly anonymous: { readonly enabled: boolean; readonly userName: string | undefined };
  readonly basic: { readonly enabled: boolean; readonly realm: string };
  /** Authentication schemes Usher does not have (`Windows`, `Digest` …) → enabled. */
  readonly otherAuthentication: ReadonlyMap<string, boolean>;
  readonly authorization: readonly AuthorizationRule[];
  readonly requestFiltering: FilteringState;
  readonly directoryBrowse: boolean;
  readonly defaultDocument: { readonly enabled: boolean; readonly files: readonly string[] };
  readonly errorMode: string;
  readonly dontLog: boolean;
}

/** IIS's schema defaults (iis-reference §1–§3): what a section says when nothing sets it. */
export const IIS_SCHEMA_DEFAULTS: IisLocationState = {
  anonymous: { enabled: true, userName: undefined },
  basic: { enabled: false, realm: '' },
  otherAuthentication: new Map(),
  authorization: [],
  requestFiltering: {
    allowDoubleEscaping: false,
    allowHighBitCharacters: true,
    requestLimits: { maxAllowedContentLength: 30_000_000, maxUrl: 4096, maxQueryString: 2048 },
    hiddenSegments: [],
    fileExtensions: { allowUnlisted: true, entries: [] },
    denyUrlSequences: [],
    verbs: { allowUnlisted: true, entries: [] },
  },
  directoryBrowse: false,
  defaultDocument: { enabled: true, files: [] },
  errorMode: 'DetailedLocalOnly',
  dontLog: false,
};

/**
 * Usher's own defaults in IIS's terms: what a stock IIS install's applicationHost.config sets
 * (allow everyone, the ASP.NET hidden segments, a few default documents). A source that never
 * mentions a section (a hand-written or minimal file) is taken to mean these.
 */
export const USHER_DEFAULTS_AS_IIS: IisLocationState = {
  ...IIS_SCHEMA_DEFAULTS,
  authorization: LOCATION_DEFAULTS.authorization.map((rule) => ({
    access: rule.access, users: rule.users ?? '', roles: rule.roles ?? '', verbs: rule.verbs ?? '', place: { file: 'usher defaults', line: 0 },
  })),
  requestFiltering: { ...IIS_SCHEMA_DEFAULTS.requestFiltering, hiddenSegments: [...LOCATION_DEFAULTS.requestFiltering.hiddenSegments] },
  defaultDocument: { enabled: true, files: [...LOCATION_DEFAULTS.defaultDocument] },
};
