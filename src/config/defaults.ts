import { WELL_KNOWN_PRINCIPALS } from '../identity/index.js';
import type { ApplicationPoolConfig } from './schema/application-pool.js';
import type { BindingObjectConfig } from './schema/binding.js';
import type { AnonymousIdentity, AuthorizationRuleConfig, LocationConfig } from './schema/location.js';
import type { ServerConfig } from './schema/server.js';
import type { SiteConfig } from './schema/site.js';

/**
 * The values Usher uses for keys the file leaves out: IIS's schema defaults (iis-reference §1–§3)
 * unless DESIGN §5 says otherwise. Durations are written as in the file so they read like it.
 */

type Filled<T> = { readonly [K in keyof T]-?: Filled<NonNullable<T[K]>> };

export const SERVER_DEFAULTS = {
  logging: { directory: './logs', rollover: 'daily', truncateSize: 20_971_520, fields: 'default' },
  contentCache: { maxBytes: 64 * 1024 * 1024, maxFileBytes: 1024 * 1024 },
  history: { keep: 20 },
} as const satisfies Filled<ServerConfig>;

export const APPLICATION_POOL_DEFAULTS = {
  identity: 'ApplicationPoolIdentity',
  manualGroupMembership: false,
  autoStart: true,
  idleTimeout: '20m',
  recycling: { time: '29h', requests: 0, memory: 0 },
  rapidFailProtection: { enabled: true, maxCrashes: 5, interval: '5m' },
  maxProcesses: 1,
} as const satisfies Omit<Filled<ApplicationPoolConfig>, 'name'>;

export const SITE_DEFAULTS = {
  // IIS's applicationDefaults; `usher init` creates the pool of that name.
  applicationPool: 'DefaultAppPool',
  // DESIGN §5's figure; IIS's own default is 4294967295, which on Linux only moves the failure to fd exhaustion.
  limits: { maxConnections: 10_000, connectionTimeout: '120s', headersTimeout: '60s', requestTimeout: '300s' },
  logging: { enabled: true },
} as const satisfies Pick<Filled<SiteConfig>, 'applicationPool' | 'limits'> & { logging: { enabled: boolean } };

export const BINDING_DEFAULTS = { minVersion: 'TLSv1.2' } as const satisfies Pick<BindingObjectConfig, 'minVersion'>;

export const ACL_DEFAULTS = { inheritance: 'enabled' } as const;

/**
 * IIS's ASP.NET hidden segments. Besides these, every segment that begins with a dot is hidden,
 * except the ones in `DOT_SEGMENTS_VISIBLE` (ACME challenges and security.txt live there);
 * `hiddenSegments.remove` un-hides either kind and `clear: true` drops both.
 */
export const DEFAULT_HIDDEN_SEGMENTS = [
  'web.config', 'bin', 'App_code', 'App_Data', 'App_GlobalResources', 'App_LocalResources', 'App_WebReferences', 'App_Browsers',
] as const;

export const DOT_SEGMENTS_VISIBLE = ['.well-known'] as const;

/** Every location setting with nothing overridden: what applies at a site root before any `locations:` entry. */
export interface LocationDefaults {
  readonly authentication: {
    readonly anonymous: { readonly enabled: boolean; readonly identity: AnonymousIdentity };
    readonly basic: { readonly enabled: boolean; readonly realm: string };
  };
  readonly authorization: readonly AuthorizationRuleConfig[];
  readonly requestFiltering: {
    readonly allowDoubleEscaping: boolean;
    readonly allowHighBitCharacters: boolean;
    readonly windowsNames: boolean;
    readonly requestLimits: { readonly maxAllowedContentLength: number; readonly maxUrl: number; readonly maxQueryString: number };
    readonly hiddenSegments: readonly string[];
    /** Every segment beginning with a dot is hidden, except those in `dotSegmentsVisible`. */
    readonly hideDotSegments: boolean;
    readonly dotSegmentsVisible: readonly string[];
    readonly fileExtensions: { readonly allowUnlisted: boolean; readonly deny: readonly string[]; readonly allow: readonly string[] };
    readonly denyUrlSequences: readonly string[];
    readonly verbs: { readonly allowUnlisted: boolean; readonly deny: readonly string[]; readonly allow: readonly string[] };
  };
  readonly directoryBrowse: { readonly enabled: boolean };
  readonly defaultDocument: readonly string[];
  readonly httpErrors: { readonly errorMode: NonNullable<NonNullable<LocationConfig['httpErrors']>['errorMode']> };
}

export const LOCATION_DEFAULTS: LocationDefaults = {
  authentication: {
    anonymous: { enabled: true, identity: 'IUSR' },
    basic: { enabled: false, realm: 'Usher' },
  },
  // What IIS installs with URL Authorization; without any rule, IIS's module denies everything.
  authorization: [{ access: 'allow', users: '*' }],
  requestFiltering: {
    allowDoubleEscaping: false,
    allowHighBitCharacters: true,
    windowsNames: true,
    requestLimits: { maxAllowedContentLength: 30_000_000, maxUrl: 4096, maxQueryString: 2048 },
    hiddenSegments: DEFAULT_HIDDEN_SEGMENTS,
    hideDotSegments: true,
    dotSegmentsVisible: DOT_SEGMENTS_VISIBLE,
    fileExtensions: { allowUnlisted: true, deny: [], allow: [] },
    denyUrlSequences: [],
    verbs: { allowUnlisted: true, deny: [], allow: [] },
  },
  directoryBrowse: { enabled: false },
  defaultDocument: ['index.html', 'index.htm', 'default.htm'],
  httpErrors: { errorMode: 'DetailedLocalOnly' },
};

/** Built-in groups a `groups:` entry may name without a rid, to add members (DESIGN §3): `Users`, `IIS_IUSRS` … */
export const BUILTIN_GROUPS: readonly string[] = WELL_KNOWN_PRINCIPALS
  .filter((principal) => principal.kind === 'builtin-group')
  .map((principal) => principal.name.replace(/^BUILTIN\\/, ''));
