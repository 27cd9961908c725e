import * as z from 'zod';
import { userReferenceSchema } from './application-pool.js';
import { urlPathProblem } from './primitives.js';

export const ANONYMOUS_IDENTITIES = ['IUSR', 'ApplicationPoolIdentity'] as const;
export const ERROR_MODES = ['DetailedLocalOnly', 'Custom', 'Detailed'] as const;

export const anonymousIdentitySchema = z.union([z.enum(ANONYMOUS_IDENTITIES), userReferenceSchema], {
  error: 'expected IUSR, ApplicationPoolIdentity or {user: NAME}',
});

export const authenticationSchema = z.strictObject({
  anonymous: z
    .strictObject({
      enabled: z.boolean().optional(),
      identity: anonymousIdentitySchema.optional().meta({ description: 'who anonymous requests run as (default IUSR)' }),
    })
    .optional(),
  basic: z.strictObject({ enabled: z.boolean().optional(), realm: z.string().optional() }).optional(),
});

/** IIS URL Authorization: lists are comma-separated as in IIS (`users: "alice,bob"`, `verbs: "GET,HEAD"`). */
export const authorizationRuleSchema = z.strictObject({
  access: z.enum(['allow', 'deny']),
  users: z.string().optional().meta({ description: '"*" everyone, "?" anonymous, or user names, comma-separated' }),
  roles: z.string().optional().meta({ description: 'group names, comma-separated' }),
  verbs: z.string().optional().meta({ description: 'HTTP methods, comma-separated, case-sensitive; empty means all' }),
});

/** IIS's `<clear/>` in an `<authorization>` list: the rules inherited from above (and the default allow *) stop here. */
export const authorizationClearSchema = z.strictObject({
  clear: z.literal(true).meta({ description: 'drop the rules inherited from above, including the default allow *' }),
});

export const authorizationEntrySchema = z.union([authorizationRuleSchema, authorizationClearSchema], {
  error: 'expected a rule {access: allow|deny, users?, roles?, verbs?} or {clear: true}',
});

export function isAuthorizationClear(entry: AuthorizationEntryConfig): entry is AuthorizationClearConfig {
  return 'clear' in entry;
}

const segmentList = z.array(z.string().min(1).regex(/^[^/\\]+$/, { error: 'a segment cannot contain / or \\' }));
const extensionList = z.array(
  z.string().regex(/^\.[^/\\]*$/, { error: "an extension starts with a dot, e.g. '.config' ('.' alone: no extension)" }),
);
const verbList = z.array(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, { error: 'expected an HTTP method, e.g. TRACE' }));

export const requestFilteringSchema = z.strictObject({
  allowDoubleEscaping: z.boolean().optional(),
  allowHighBitCharacters: z.boolean().optional(),
  windowsNames: z.boolean().optional()
    .meta({ description: 'refuse trailing dots/spaces, ":" streams, device names and ~N short names (default true)' }),
  requestLimits: z
    .strictObject({
      maxAllowedContentLength: z.int().min(0).max(4_294_967_295).optional(),
      maxUrl: z.int().min(0).max(4_294_967_295).optional(),
      maxQueryString: z.int().min(0).max(4_294_967_295).optional(),
    })
    .optional(),
  hiddenSegments: z
    .strictObject({ add: segmentList.optional(), remove: segmentList.optional(), clear: z.boolean().optional() })
    .optional(),
  fileExtensions: z
    .strictObject({ allowUnlisted: z.boolean().optional(), deny: extensionList.optional(), allow: extensionList.optional() })
    .optional(),
  denyUrlSequences: z.array(z.string().min(1)).optional(),
  verbs: z
    .strictObject({ allowUnlisted: z.boolean().optional(), deny: verbList.optional(), allow: verbList.optional() })
    .optional(),
});

export const locationSchema = z.strictObject({
  authentication: authenticationSchema.optional(),
  authorization: z.array(authorizationEntrySchema).optional(),
  requestFiltering: requestFilteringSchema.optional(),
  directoryBrowse: z.strictObject({ enabled: z.boolean().optional() }).optional(),
  defaultDocument: z
    .array(z.string().min(1).regex(/^[^/\\]+$/, { error: 'a default document is a file name, without / or \\' }))
    .optional(),
  httpErrors: z.strictObject({ errorMode: z.enum(ERROR_MODES).optional() }).optional(),
});

/** Keys are `SITE` or `SITE/path`, like IIS's `<location path>`; values override what they set, downwards. */
export const locationsSchema = z.record(z.string(), locationSchema);

export type AnonymousIdentity = z.infer<typeof anonymousIdentitySchema>;
export type AuthenticationConfig = z.infer<typeof authenticationSchema>;
export type AuthorizationRuleConfig = z.infer<typeof authorizationRuleSchema>;
export type AuthorizationClearConfig = z.infer<typeof authorizationClearSchema>;
export type AuthorizationEntryConfig = AuthorizationRuleConfig | AuthorizationClearConfig;
export type RequestFilteringConfig = z.infer<typeof requestFilteringSchema>;
export type LocationConfig = z.infer<typeof locationSchema>;

export interface LocationKey {
  readonly site: string;
  /** `/` for the site itself, else `/a/b`. */
  readonly path: string;
}

/** Splits `Default Web Site/private` at the first `/`: site names cannot contain one. */
export function parseLocationKey(key: string): LocationKey | string {
  const slash = key.indexOf('/');
  const site = slash < 0 ? key : key.slice(0, slash);
  const path = slash < 0 ? '/' : key.slice(slash);
  if (site === '') return "a location key starts with a site name: 'SITE' or 'SITE/path'";
  if (slash >= 0 && path === '/') return `a location key does not end with / (write '${site}')`;
  const problem = urlPathProblem(path);
  if (problem) return `the path after the site name ${problem}`;
  return { site, path };
}

export function formatLocationKey(key: LocationKey): string {
  return key.path === '/' ? key.site : `${key.site}${key.path}`;
}
