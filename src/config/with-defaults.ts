import { join } from 'node:path';
import {
  ACL_DEFAULTS, APPLICATION_POOL_DEFAULTS, BINDING_DEFAULTS, SERVER_DEFAULTS, SITE_DEFAULTS,
} from './defaults.js';
import { resolveConfigPath } from './paths.js';
import type { PoolIdentity } from './schema/application-pool.js';
import { parseBinding, type ParsedBinding } from './schema/binding.js';
import type { AuditExceptionConfig } from './schema/audit.js';
import { parseLocationKey, type LocationConfig } from './schema/location.js';
import { parseDuration } from './schema/primitives.js';
import { DEFAULT_W3C_FIELDS, type W3cField } from './schema/server.js';
import type { UsherConfig } from './schema/usher-config.js';

/**
 * The configuration as the server and the audit use it: every default filled in, durations in
 * milliseconds (`…Ms`), bindings taken apart, paths absolute. Built from a config that passed
 * `validateConfig`; it throws on anything the validator would have refused.
 */
export interface ResolvedConfig {
  readonly dir: string;
  readonly server: {
    readonly logging: {
      readonly directory: string;
      readonly rollover: 'hourly' | 'daily' | 'weekly' | 'monthly' | 'size';
      readonly truncateSize: number;
      readonly fields: readonly W3cField[];
    };
    readonly history: { readonly keep: number };
    readonly contentCache: { readonly maxBytes: number; readonly maxFileBytes: number };
  };
  readonly applicationPools: readonly ResolvedApplicationPool[];
  readonly sites: readonly ResolvedSite[];
  readonly locations: readonly ResolvedLocation[];
  readonly acl: readonly ResolvedAclEntry[];
  readonly identities: {
    readonly machineSid: string | undefined;
    readonly users: readonly { readonly name: string; readonly rid: number; readonly password: string; readonly groups: readonly string[] }[];
    readonly groups: readonly { readonly name: string; readonly rid: number | undefined; readonly members: readonly string[] }[];
  };
  readonly audit: { readonly exceptions: readonly AuditExceptionConfig[] };
}

export interface ResolvedApplicationPool {
  readonly name: string;
  readonly identity: PoolIdentity;
  readonly manualGroupMembership: boolean;
  readonly autoStart: boolean;
  readonly idleTimeoutMs: number;
  readonly recycling: { readonly timeMs: number; readonly requests: number; readonly memory: number };
  readonly rapidFailProtection: { readonly enabled: boolean; readonly maxCrashes: number; readonly intervalMs: number };
  readonly maxProcesses: number;
}

export interface ResolvedBinding extends ParsedBinding {
  /** As written in the file, for messages. */
  readonly text: string;
  readonly certificate: string | undefined;
  readonly key: string | undefined;
  readonly minVersion: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
}

export interface ResolvedVirtualDirectory {
  readonly path: string;
  readonly physicalPath: string;
}

/** `virtualDirectories` starts with the application's own root, `/`, as in IIS. */
export interface ResolvedApplication {
  readonly path: string;
  readonly physicalPath: string;
  readonly applicationPool: string;
  readonly virtualDirectories: readonly ResolvedVirtualDirectory[];
}

/** `applications` starts with the site's root application, `/`, as in IIS. */
export interface ResolvedSite {
  readonly name: string;
  readonly id: number;
  readonly bindings: readonly ResolvedBinding[];
  readonly physicalPath: string;
  readonly applicationPool: string;
  readonly limits: {
    readonly maxConnections: number;
    readonly connectionTimeoutMs: number;
    readonly headersTimeoutMs: number;
    readonly requestTimeoutMs: number;
  };
  readonly logging: { readonly enabled: boolean; readonly directory: string };
  readonly applications: readonly ResolvedApplication[];
}

/** Location settings stay as written: they only override what they set, merged down the path tree. */
export interface ResolvedLocation {
  readonly key: string;
  readonly site: string;
  readonly path: string;
  readonly settings: LocationConfig;
}

export interface ResolvedAclEntry {
  /** The key as written in the file. */
  readonly key: string;
  readonly path: string;
  readonly inheritance: 'enabled' | 'disabled';
  readonly aces: readonly string[];
}

export function withDefaults(config: UsherConfig, options: { dir: string }): ResolvedConfig {
  const dir = options.dir;
  const at = (path: string): string => resolveConfigPath(dir, path);
  const logging = { ...SERVER_DEFAULTS.logging, ...config.server?.logging };
  const logDirectory = at(logging.directory);

  const applicationPools = (config.applicationPools ?? []).map((pool): ResolvedApplicationPool => {
    const recycling = { ...APPLICATION_POOL_DEFAULTS.recycling, ...pool.recycling };
    const rapidFail = { ...APPLICATION_POOL_DEFAULTS.rapidFailProtection, ...pool.rapidFailProtection };
    return {
      name: pool.name,
      identity: pool.identity ?? APPLICATION_POOL_DEFAULTS.identity,
      manualGroupMembership: pool.manualGroupMembership ?? APPLICATION_POOL_DEFAULTS.manualGroupMembership,
      autoStart: pool.autoStart ?? APPLICATION_POOL_DEFAULTS.autoStart,
      idleTimeoutMs: parseDuration(pool.idleTimeout ?? APPLICATION_POOL_DEFAULTS.idleTimeout),
      recycling: { timeMs: parseDuration(recycling.time), requests: recycling.requests, memory: recycling.memory },
      rapidFailProtection: {
        enabled: rapidFail.enabled, maxCrashes: rapidFail.maxCrashes, intervalMs: parseDuration(rapidFail.interval),
      },
      maxProcesses: pool.maxProcesses ?? APPLICATION_POOL_DEFAULTS.maxProcesses,
    };
  });

  const sites = (config.sites ?? []).map((site): ResolvedSite => {
    const pool = site.applicationPool ?? SITE_DEFAULTS.applicationPool;
    const limits = { ...SITE_DEFAULTS.limits, ...site.limits };
    const physicalPath = at(site.physicalPath);
    const root: ResolvedApplication = {
      path: '/', physicalPath, applicationPool: pool,
      virtualDirectories: [
        { path: '/', physicalPath },
        ...(site.virtualDirectories ?? []).map((vdir) => ({ path: vdir.path, physicalPath: at(vdir.physicalPath) })),
      ],
    };
    const applications = (site.applications ?? []).map((app): ResolvedApplication => ({
      path: app.path,
      physicalPath: at(app.physicalPath),
      applicationPool: app.applicationPool ?? pool,
      virtualDirectories: [
        { path: '/', physicalPath: at(app.physicalPath) },
        ...(app.virtualDirectories ?? []).map((vdir) => ({ path: vdir.path, physicalPath: at(vdir.physicalPath) })),
      ],
    }));
    return {
      name: site.name,
      id: site.id,
      bindings: (site.bindings ?? []).map((binding): ResolvedBinding => {
        const form = typeof binding === 'string' ? { binding } : binding;
        return {
          ...parseBinding(form.binding),
          text: form.binding,
          certificate: 'certificate' in form && form.certificate !== undefined ? at(form.certificate) : undefined,
          key: 'key' in form && form.key !== undefined ? at(form.key) : undefined,
          minVersion: ('minVersion' in form ? form.minVersion : undefined) ?? BINDING_DEFAULTS.minVersion,
        };
      }),
      physicalPath,
      applicationPool: pool,
      limits: {
        maxConnections: limits.maxConnections,
        connectionTimeoutMs: parseDuration(limits.connectionTimeout),
        headersTimeoutMs: parseDuration(limits.headersTimeout),
        requestTimeoutMs: parseDuration(limits.requestTimeout),
      },
      logging: {
        enabled: site.logging?.enabled ?? SITE_DEFAULTS.logging.enabled,
        directory: site.logging?.directory !== undefined ? at(site.logging.directory) : join(logDirectory, `W3SVC${site.id}`),
      },
      applications: [root, ...applications],
    };
  });

  const locations = Object.entries(config.locations ?? {}).map(([key, settings]): ResolvedLocation => {
    const parsed = parseLocationKey(key);
    if (typeof parsed === 'string') throw new TypeError(`withDefaults needs a validated config: location '${key}': ${parsed}`);
    return { key, site: parsed.site, path: parsed.path, settings };
  });

  const identities = config.identities ?? {};
  return {
    dir,
    server: {
      logging: {
        directory: logDirectory,
        rollover: logging.rollover,
        truncateSize: logging.truncateSize,
        fields: logging.fields === 'default' ? DEFAULT_W3C_FIELDS : logging.fields,
      },
      history: { keep: config.server?.history?.keep ?? SERVER_DEFAULTS.history.keep },
      contentCache: { ...SERVER_DEFAULTS.contentCache, ...config.server?.contentCache },
    },
    applicationPools,
    sites,
    locations,
    acl: Object.entries(config.acl ?? {}).map(([key, entry]) => ({
      key, path: at(key), inheritance: entry.inheritance ?? ACL_DEFAULTS.inheritance, aces: entry.aces ?? [],
    })),
    identities: {
      machineSid: identities.machineSid,
      users: (identities.users ?? []).map((user) => ({ ...user, groups: user.groups ?? [] })),
      groups: (identities.groups ?? []).map((group) => ({ name: group.name, rid: group.rid, members: group.members ?? [] })),
    },
    audit: { exceptions: config.audit?.exceptions ?? [] },
  };
}
