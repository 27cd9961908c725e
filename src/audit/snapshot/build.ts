import { existsSync, statSync } from 'node:fs';
import { accessCheck, effectiveAcl } from '../../acl/index.js';
import { historyDir, type LoadedConfig } from '../../config/index.js';
import { compileGeneration } from '../../pipeline/index.js';
import { scanExposure } from '../exposure.js';
import type { Probe } from '../probe.js';
import { aclEntries, indexAcls } from './acl-index.js';
import { readConfigVersions } from './config-versions.js';
import { readEvidence } from './evidence.js';
import { deviceOf, recordPath, walkContent, walkTree, type Inventory } from './file-walk.js';
import { buildIdentities, webIdentitiesOf } from './identities.js';
import { buildLocations } from './locations.js';
import type { FileModel, Snapshot } from './model.js';
import { buildPools, buildSites } from './sites.js';

export interface SnapshotOptions {
  /** Days of W3C logs to read as evidence (default 30; 0 reads none). */
  readonly evidenceDays?: number;
  /** The snapshot's moment (default now); tests fix it so evidence windows are stable. */
  readonly now?: number;
  /** Usher's own install folder, for the server-file rules. */
  readonly installDir?: string;
  /** Objects walked per content root or log folder before the walk stops (default 50 000). */
  readonly maxObjectsPerRoot?: number;
  /** Replaces the exposure scan's probe (tests of the scan itself). */
  readonly probe?: Probe;
}

export const DEFAULT_EVIDENCE_DAYS = 30;
const DEFAULT_MAX_OBJECTS = 50_000;

type SnapshotSource = Pick<LoadedConfig, 'config' | 'dir'> & { readonly file?: string | undefined };

/**
 * Builds the audit's read-only model of one configuration and the machine it runs on: every
 * default resolved, every location's settings and where they were set, identities and tokens,
 * the file inventory with effective ACLs, the exposure scan and, optionally, the logs. Everything
 * slow happens here, once; the rules that follow are lookups.
 */
export async function buildSnapshot(source: SnapshotSource, options: SnapshotOptions = {}): Promise<Snapshot> {
  const takenAt = options.now ?? Date.now();
  const generation = compileGeneration(source);
  const resolved = generation.resolved;
  const pools = buildPools(generation);
  const sites = buildSites(generation);
  const locations = buildLocations(generation, sites);
  const identityBase = await buildIdentities(generation);
  const anonymous = locations.flatMap((location) => (location.anonymous ? [location.anonymous.principal] : []));
  const identities = { ...identityBase, webIdentities: webIdentitiesOf(identityBase, pools, anonymous) };

  const cap = options.maxObjectsPerRoot ?? DEFAULT_MAX_OBJECTS;
  const inventory: Inventory = { objects: new Map(), notes: [] };
  const roots = walkContent(inventory, sites, cap);
  const logDirectories = [resolved.server.logging.directory, ...sites.map((site) => site.logging.directory)].filter((dir) => existsSync(dir));
  const logDevices = new Map<string, number>();
  for (const dir of logDirectories.sort((a, b) => a.length - b.length)) {
    const device = deviceOf(dir);
    if (device !== undefined) logDevices.set(dir, device);
    if (inventory.objects.get(dir)?.roles.has('log') || !statSync(dir).isDirectory()) continue;
    const sitesAt = (path: string) => sites.filter((site) => site.logging.directory === path).map((site) => site.name);
    walkTree(inventory, { start: dir, role: 'log', sites: new Set(sitesAt(dir)), sitesAt, cap });
  }
  const history = source.file === undefined ? undefined : historyDir(source.file);
  if (source.file !== undefined) recordPath(inventory, source.file, 'config');
  // The folder holding it: whoever may write there may replace the configuration.
  recordPath(inventory, source.dir, 'config');
  if (history !== undefined && existsSync(history)) walkTree(inventory, { start: history, role: 'history', sites: new Set(), cap });
  for (const site of sites) {
    for (const binding of site.bindings) {
      if (binding.certificate) recordPath(inventory, binding.certificate, 'certificate', [site.name]);
      if (binding.key) recordPath(inventory, binding.key, 'private-key', [site.name]);
    }
  }
  if (options.installDir !== undefined) recordPath(inventory, options.installDir, 'install');

  const { objects, applied } = indexAcls(generation, inventory.objects.values());
  const files: FileModel = {
    objects,
    byPath: new Map(objects.map((object) => [object.path, object])),
    roots,
    aclEntries: aclEntries(generation),
    applied,
    rootDevice: deviceOf('/'),
    logDevices,
  };
  const exposure = await scanExposure(generation, sites, objects, options.probe);
  const evidence = readEvidence(sites, options.evidenceDays ?? DEFAULT_EVIDENCE_DAYS, takenAt);
  const versions = await readConfigVersions(source.file);

  return {
    takenAt,
    config: { file: source.file, dir: source.dir, raw: source.config, resolved, exceptions: resolved.audit.exceptions, versions },
    server: { logging: resolved.server.logging, historyDir: history, installDir: options.installDir },
    pools,
    sites,
    locations,
    identities,
    files,
    exposure,
    evidence,
    access: (path, isDirectory, token, desired) =>
      accessCheck({ ...effectiveAcl(generation.acls.chainFor(path, isDirectory)), token, desired }),
    notes: inventory.notes,
  };
}

