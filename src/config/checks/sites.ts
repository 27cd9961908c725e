import { formatFieldPath, type FieldPath } from '../field-path.js';
import { SITE_DEFAULTS } from '../defaults.js';
import { bindingText, formatBinding, parseBinding, type BindingConfig } from '../schema/binding.js';
import type { SiteConfig } from '../schema/site.js';
import { NameIndex, type CheckContext } from './check-context.js';

/** Pools defined in the file, for reference checks by sites and applications. */
export function poolIndex(context: CheckContext): NameIndex {
  const pools = new NameIndex();
  context.config.applicationPools?.forEach((pool, index) => {
    const earlier = pools.add(pool.name, ['applicationPools', index, 'name']);
    if (earlier) {
      context.report(['applicationPools', index, 'name'], `duplicate pool name '${pool.name}' (also ${formatFieldPath(earlier.path)})`);
    }
  });
  return pools;
}

function checkPoolReference(context: CheckContext, pools: NameIndex, pool: string | undefined, path: FieldPath, fallback: string): void {
  const problem = pools.missing('application pool', pool ?? fallback);
  if (!problem) return;
  context.report(path, pool === undefined ? `${problem}; the default is ${fallback}: add it under applicationPools or set applicationPool` : problem);
}

interface Listener {
  readonly site: string;
  readonly path: FieldPath;
  readonly protocol: string;
}

function checkBinding(context: CheckContext, binding: BindingConfig, path: FieldPath): void {
  const text = bindingText(binding);
  const { protocol } = parseBinding(text);
  if (protocol === 'https') {
    if (typeof binding === 'string') {
      context.report(path, `an https binding needs a certificate and key: write {binding: '${text}', certificate: FILE, key: FILE}`);
    } else {
      if (binding.certificate === undefined) context.report([...path, 'certificate'], 'an https binding needs a certificate (PEM file)');
      if (binding.key === undefined) context.report([...path, 'key'], 'an https binding needs a key (PEM file)');
    }
  } else if (typeof binding !== 'string') {
    for (const key of ['certificate', 'key', 'minVersion'] as const) {
      if (binding[key] !== undefined) context.report([...path, key], `${key} applies only to https bindings`);
    }
  }
}

function checkApplications(context: CheckContext, pools: NameIndex, site: SiteConfig, sitePath: FieldPath): void {
  const sitePool = site.applicationPool ?? SITE_DEFAULTS.applicationPool;
  const paths = new NameIndex();
  site.applications?.forEach((app, index) => {
    const appPath = [...sitePath, 'applications', index];
    if (app.path === '/') {
      context.report([...appPath, 'path'], "the root application is the site itself: set the site's physicalPath and applicationPool");
    }
    const earlier = paths.add(app.path, [...appPath, 'path']);
    if (earlier) context.report([...appPath, 'path'], `duplicate application path '${app.path}' (also ${formatFieldPath(earlier.path)})`);
    if (app.applicationPool !== undefined) checkPoolReference(context, pools, app.applicationPool, [...appPath, 'applicationPool'], sitePool);
    checkVirtualDirectories(context, app.virtualDirectories, appPath);
  });
}

function checkVirtualDirectories(context: CheckContext, vdirs: SiteConfig['virtualDirectories'], ownerPath: FieldPath): void {
  const paths = new NameIndex();
  vdirs?.forEach((vdir, vdirIndex) => {
    const vdirPath = [...ownerPath, 'virtualDirectories', vdirIndex, 'path'];
    if (vdir.path === '/') context.report(vdirPath, "the application's root directory is its own physicalPath");
    const before = paths.add(vdir.path, vdirPath);
    if (before) context.report(vdirPath, `duplicate virtual directory path '${vdir.path}' (also ${formatFieldPath(before.path)})`);
  });
}

/**
 * Sites: unique names and ids, pools that exist, https with its certificate, and no two sites
 * claiming the same binding (the listener could not tell them apart).
 */
export function checkSites(context: CheckContext, pools: NameIndex): NameIndex {
  const names = new NameIndex();
  const ids = new Map<number, FieldPath>();
  const bindings = new Map<string, { site: string; path: FieldPath }>();
  const listeners = new Map<string, Listener>();
  context.config.sites?.forEach((site, index) => {
    const sitePath: FieldPath = ['sites', index];
    const earlier = names.add(site.name, [...sitePath, 'name']);
    if (earlier) context.report([...sitePath, 'name'], `duplicate site name '${site.name}' (also ${formatFieldPath(earlier.path)})`);
    const earlierId = ids.get(site.id);
    if (earlierId) context.report([...sitePath, 'id'], `duplicate site id ${site.id} (also ${formatFieldPath(earlierId)})`);
    else ids.set(site.id, [...sitePath, 'id']);
    checkPoolReference(context, pools, site.applicationPool, [...sitePath, 'applicationPool'], SITE_DEFAULTS.applicationPool);

    if ((site.bindings ?? []).length === 0) {
      context.report([...sitePath, 'bindings'], 'the site has no bindings, so it serves nothing', 'warning');
    }
    site.bindings?.forEach((binding, bindingIndex) => {
      const path: FieldPath = [...sitePath, 'bindings', bindingIndex];
      checkBinding(context, binding, path);
      const parsed = parseBinding(bindingText(binding));
      const key = formatBinding(parsed);
      const taken = bindings.get(key);
      if (taken) {
        context.report(path, `binding '${key}' is already used by site '${taken.site}' (${formatFieldPath(taken.path)})`);
        return;
      }
      bindings.set(key, { site: site.name, path });
      // One socket speaks TLS or it does not: http and https cannot share an address and port.
      const socket = `${parsed.address}|${parsed.port}`;
      const listener = listeners.get(socket);
      if (listener && listener.protocol !== parsed.protocol && parsed.port !== 0) {
        context.report(path, `${parsed.address}:${parsed.port} is already an ${listener.protocol} listener ` +
          `(site '${listener.site}', ${formatFieldPath(listener.path)}); http and https need different ports`);
      } else if (!listener) listeners.set(socket, { site: site.name, path, protocol: parsed.protocol });
    });
    checkVirtualDirectories(context, site.virtualDirectories, sitePath);
    checkApplications(context, pools, site, sitePath);
  });
  return names;
}
