/**
 * The configuration: one schema, loading with located errors, defaults, and the store every write
 * goes through. This file is the folder's only public surface.
 */

// Schema and types
export { usherConfigSchema, type UsherConfig } from './schema/usher-config.js';
export { configJsonSchema } from './schema/json-schema.js';
export { serverSchema, W3C_FIELDS, DEFAULT_W3C_FIELDS, ROLLOVER_PERIODS, type ServerConfig, type W3cField } from './schema/server.js';
export {
  applicationPoolSchema, POOL_IDENTITY_TYPES,
  type ApplicationPoolConfig, type PoolIdentity, type UserReference,
} from './schema/application-pool.js';
export {
  siteSchema, type SiteConfig, type ApplicationConfig, type VirtualDirectoryConfig, type SiteLimitsConfig,
} from './schema/site.js';
export {
  bindingSchema, parseBinding, bindingProblem, formatBinding, bindingText,
  type BindingConfig, type BindingObjectConfig, type BindingProtocol, type ParsedBinding,
} from './schema/binding.js';
export {
  locationSchema, parseLocationKey, formatLocationKey, ANONYMOUS_IDENTITIES, ERROR_MODES,
  type LocationConfig, type LocationKey, type AnonymousIdentity, type AuthenticationConfig,
  type AuthorizationRuleConfig, type AuthorizationClearConfig, type AuthorizationEntryConfig, isAuthorizationClear,
  type RequestFilteringConfig,
} from './schema/location.js';
export { aclEntrySchema, type AclEntryConfig, type AclConfig } from './schema/acl.js';
export { identitiesSchema, type IdentitiesConfig, type LocalUserConfig, type LocalGroupConfig } from './schema/identities.js';
export { auditSchema, type AuditConfig, type AuditExceptionConfig } from './schema/audit.js';
export { parseDuration, urlPathProblem, machineSidProblem, type Duration } from './schema/primitives.js';

// Defaults
export {
  SERVER_DEFAULTS, APPLICATION_POOL_DEFAULTS, SITE_DEFAULTS, BINDING_DEFAULTS, ACL_DEFAULTS, LOCATION_DEFAULTS,
  DEFAULT_HIDDEN_SEGMENTS, DOT_SEGMENTS_VISIBLE, BUILTIN_GROUPS, type LocationDefaults,
} from './defaults.js';
export {
  withDefaults,
  type ResolvedConfig, type ResolvedApplicationPool, type ResolvedSite, type ResolvedBinding,
  type ResolvedApplication, type ResolvedVirtualDirectory, type ResolvedLocation, type ResolvedAclEntry,
} from './with-defaults.js';
export { resolveConfigPath } from './paths.js';
export { directoryOf } from './directory-of.js';
export { effectiveLocation, locationLevels, locationCovers, type EffectiveLocation, type LocationLevel } from './location-settings.js';
export { compileAclTable, aclKeyFor, type AclTable, type AclEntry } from './acl-table.js';

// Loading and validation
export { loadConfig, parseConfig, type LoadedConfig, type LoadOptions } from './load.js';
export { validateConfig, type ValidateOptions, type ValidationResult } from './validate.js';
export type { CheckOptions } from './checks/check-context.js';
export { ConfigInvalidError, formatIssue, type ConfigIssue } from './issues.js';
export { formatFieldPath, parseFieldPath, type FieldPath } from './field-path.js';
export { parseConfigDocument, serializeDocument } from './document-source.js';

// Writing
export { openStore, createConfig, type ConfigStore, type StoreOptions, type EditOptions, type Mutation } from './store.js';
export { historyDir, type HistoryEntry } from './history.js';
export {
  getNode, getValue, setValue, deleteValue, findItem, requireItem, appendItem, removeItem, type FoundItem,
} from './document-edit.js';
