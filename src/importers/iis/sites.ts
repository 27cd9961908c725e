import { siteSchema, urlPathProblem, type ApplicationConfig, type SiteConfig, type VirtualDirectoryConfig } from '../../config/index.js';
import { readAttributes } from './attributes.js';
import { readBinding, type ImportedBinding } from './bindings.js';
import type { PathMapper } from './path-mapping.js';
import { formatDuration, parseBool, parseTimeSpan, parseUint } from './values.js';
import type { Place, WarningSink } from './warnings.js';
import { attr, childrenNamed, firstChild, type XmlElement } from './xml-tree.js';

/** A content folder of a site: where web.config files are looked for, and what URL path they apply to. */
export interface ContentRoot {
  readonly site: string;
  readonly urlPath: string;
  /** Absolute local path when the Windows path was mapped. */
  readonly local: string | undefined;
  /** `allowSubDirConfig="false"`: IIS ignores web.config files below this virtual directory. */
  readonly allowSubDirConfig: boolean;
}

export interface ImportedSite {
  readonly name: string;
  readonly id: number | undefined;
  readonly element: XmlElement;
  readonly bindings: ImportedBinding[];
  readonly physicalPath: string;
  readonly applicationPool: string;
  readonly poolPlace: Place;
  readonly limits: SiteConfig['limits'];
  readonly virtualDirectories: VirtualDirectoryConfig[];
  readonly applications: ApplicationConfig[];
  /** URL paths of the applications below the root, for inheritInChildApplications. */
  readonly applicationPaths: string[];
  readonly contentRoots: ContentRoot[];
}

interface Defaults {
  readonly sites: XmlElement;
  readonly siteDefaults: XmlElement | undefined;
  readonly applicationPool: string;
  readonly allowSubDirConfig: boolean;
}

const urlJoin = (a: string, b: string) => (b === '/' ? a : a === '/' ? b : `${a}${b}`);

function readLimits(site: XmlElement, defaults: Defaults, sink: WarningSink): SiteConfig['limits'] {
  const own = firstChild(site, 'limits');
  const inherited = defaults.siteDefaults ? firstChild(defaults.siteDefaults, 'limits') : undefined;
  for (const element of [own, inherited]) {
    if (!element) continue;
    const attrs = readAttributes(element, sink);
    attrs.take('connectionTimeout');
    attrs.take('maxConnections');
    attrs.drop('maxBandwidth', 'Usher has no bandwidth limit', ['4294967295']);
    attrs.drop('maxUrlSegments', 'Usher has no URL segment limit', ['32']);
    attrs.done(element === own ? `site '${attr(site, 'name')}' limits` : 'siteDefaults limits');
  }
  const get = (name: string) => (own ? attr(own, name) : undefined) ?? (inherited ? attr(inherited, name) : undefined);
  const limits: { connectionTimeout?: string | number; maxConnections?: number } = {};
  const timeout = parseTimeSpan(get('connectionTimeout'));
  if (timeout !== undefined && timeout !== 120 && timeout > 0) limits.connectionTimeout = formatDuration(timeout);
  const connections = parseUint(get('maxConnections'));
  // IIS's default (4294967295) means "no limit"; Usher's own default is the sane figure then.
  if (connections !== undefined && connections > 0 && connections < 4_294_967_295) limits.maxConnections = connections;
  return Object.keys(limits).length > 0 ? limits : undefined;
}

function reportSiteExtras(site: XmlElement, name: string, sink: WarningSink): void {
  const trace = firstChild(site, 'traceFailedRequestsLogging');
  if (trace && parseBool(attr(trace, 'enabled')) === true) sink.warn(trace, `site '${name}': failed-request tracing is not carried over: Usher has none`);
  const ftp = firstChild(site, 'ftpServer');
  if (ftp && (ftp.attributes.size > 0 || ftp.children.length > 0)) sink.warn(ftp, `site '${name}': FTP settings are not carried over: Usher does not serve FTP`);
  const hsts = firstChild(site, 'hsts');
  if (hsts && parseBool(attr(hsts, 'enabled')) === true) sink.warn(hsts, `site '${name}': HSTS is not carried over: Usher sends no Strict-Transport-Security header yet`);
  const known = new Set(['bindings', 'application', 'limits', 'logFile', 'traceFailedRequestsLogging', 'ftpServer', 'hsts', 'applicationDefaults', 'virtualDirectoryDefaults']);
  for (const child of site.children) {
    if (!known.has(child.name)) sink.warn(child, `site '${name}': <${child.name}> is not carried over: Usher does not know it`);
  }
}

function readApplication(
  app: XmlElement, site: string, defaults: Defaults, siteAppPool: string | undefined, mapper: PathMapper, sink: WarningSink, claim: (element: XmlElement) => void,
): { path: string; pool: string; root: string | undefined; vdirs: VirtualDirectoryConfig[]; roots: ContentRoot[] } | undefined {
  const attrs = readAttributes(app, sink);
  const path = (attrs.take('path') ?? '').trim();
  const pool = attrs.take('applicationPool') ?? siteAppPool ?? defaults.applicationPool;
  attrs.drop('enabledProtocols', 'Usher serves http and https only', ['http', 'http,https', 'https,http']);
  attrs.drop('preloadEnabled', 'Usher has no application preloading', ['false']);
  attrs.drop('serviceAutoStartEnabled', 'Usher has no application preloading', ['false']);
  attrs.drop('serviceAutoStartProvider', 'Usher has no application preloading');
  attrs.done(`site '${site}' application '${path}'`);
  const problem = urlPathProblem(path);
  if (problem) {
    sink.warn(app, `site '${site}': application path '${path}' ${problem}: the application is skipped`);
    return undefined;
  }
  let root: string | undefined;
  const vdirs: VirtualDirectoryConfig[] = [];
  const roots: ContentRoot[] = [];
  for (const vdir of childrenNamed(app, 'virtualDirectory')) {
    claim(vdir);
    const vattrs = readAttributes(vdir, sink);
    const vpath = (vattrs.take('path') ?? '').trim();
    const physical = vattrs.take('physicalPath') ?? '';
    const allow = parseBool(vattrs.take('allowSubDirConfig')) ?? defaults.allowSubDirConfig;
    const user = vattrs.take('userName');
    const password = vattrs.take('password');
    vattrs.drop('logonMethod', 'Usher reads local paths only', ['ClearText']);
    vattrs.done(`site '${site}' virtual directory '${urlJoin(path, vpath)}'`);
    if (user) {
      sink.warn(vdir, `site '${site}': virtual directory '${urlJoin(path, vpath)}' was read as '${user}'${password ? ' with a password (not copied)' : ''}: ` +
        'Usher reads local folders as its own workers; copy the content to this machine and map it with --map-path');
    }
    const vproblem = urlPathProblem(vpath);
    if (vproblem) {
      sink.warn(vdir, `site '${site}': virtual directory path '${vpath}' ${vproblem}: skipped`);
      continue;
    }
    const mapped = mapper.map(physical, vdir, `site '${site}' ${vpath === '/' ? `application '${path}'` : `virtual directory '${urlJoin(path, vpath)}'`}: physical path`);
    roots.push({ site, urlPath: urlJoin(path, vpath), local: mapped.mapped ? mapped.local : undefined, allowSubDirConfig: allow });
    if (vpath === '/') root = mapped.written;
    else vdirs.push({ path: vpath, physicalPath: mapped.written });
  }
  for (const child of app.children) {
    if (child.name !== 'virtualDirectory' && child.name !== 'virtualDirectoryDefaults') {
      sink.warn(child, `site '${site}' application '${path}': <${child.name}> is not carried over`);
    }
  }
  return { path, pool, root, vdirs, roots };
}

/**
 * `system.applicationHost/sites`: each site with its bindings, root application (the site's own
 * physical path and pool), other applications and virtual directories; `applicationDefaults`
 * and `virtualDirectoryDefaults` folded in. The site's pool is always written, since Usher's
 * default pool name need not be the source's.
 */
export function readSites(appHost: XmlElement, mapper: PathMapper, sink: WarningSink, claim: (element: XmlElement) => void): ImportedSite[] {
  const sites = firstChild(appHost, 'sites')!;
  const appDefaults = firstChild(sites, 'applicationDefaults');
  const vdirDefaults = firstChild(sites, 'virtualDirectoryDefaults');
  if (vdirDefaults) {
    claim(vdirDefaults);
    if (attr(vdirDefaults, 'userName')) sink.warn(vdirDefaults, `every virtual directory was read as '${attr(vdirDefaults, 'userName')}': Usher reads local folders as its own workers`);
  }
  const defaults: Defaults = {
    sites,
    siteDefaults: firstChild(sites, 'siteDefaults'),
    applicationPool: (appDefaults ? attr(appDefaults, 'applicationPool') : undefined) ?? 'DefaultAppPool',
    allowSubDirConfig: parseBool(vdirDefaults ? attr(vdirDefaults, 'allowSubDirConfig') : undefined) ?? true,
  };
  const imported: ImportedSite[] = [];
  const names = new Set<string>();
  for (const site of sites.children) {
    if (['siteDefaults', 'applicationDefaults', 'virtualDirectoryDefaults'].includes(site.name)) continue;
    if (site.name !== 'site') {
      sink.warn(site, `<${site.name}> in <sites> is not carried over`);
      continue;
    }
    const attrs = readAttributes(site, sink);
    const name = (attrs.take('name') ?? '').trim();
    const id = parseUint(attrs.take('id'));
    attrs.drop('serverAutoStart', 'Usher starts every site it has', ['true']);
    attrs.done(`site '${name}'`);
    if (!siteSchema.shape.name.safeParse(name).success) {
      sink.warn(site, `site name '${name}' is not a valid site name (empty, or with / or ?): the site is skipped`);
      continue;
    }
    if (names.has(name.toLowerCase())) {
      sink.warn(site, `site '${name}' is defined twice (IIS refuses that): the later one is skipped`);
      continue;
    }
    names.add(name.toLowerCase());
    reportSiteExtras(site, name, sink);
    const siteAppDefaults = firstChild(site, 'applicationDefaults');
    const siteAppPool = siteAppDefaults ? attr(siteAppDefaults, 'applicationPool') : undefined;
    const bindings = childrenNamed(site, 'bindings').flatMap((list) => childrenNamed(list, 'binding')).flatMap((binding) => readBinding(binding, name, sink) ?? []);
    const apps = childrenNamed(site, 'application').flatMap((app) => readApplication(app, name, defaults, siteAppPool, mapper, sink, claim) ?? []);
    const rootApp = apps.find((app) => app.path === '/');
    let physicalPath = rootApp?.root;
    if (physicalPath === undefined) {
      sink.warn(site, `site '${name}' has no root application with a virtual directory '/' (IIS cannot start it): its physical path is written as ./missing-root-of-${name.replace(/[^A-Za-z0-9.-]+/g, '-')}`);
      physicalPath = `./missing-root-of-${name.replace(/[^A-Za-z0-9.-]+/g, '-')}`;
    }
    const applicationPool = rootApp?.pool ?? siteAppPool ?? defaults.applicationPool;
    const applications: ApplicationConfig[] = [];
    for (const app of apps) {
      if (app.path === '/') continue;
      if (app.root === undefined) {
        sink.warn(site, `site '${name}': application '${app.path}' has no virtual directory '/', so IIS cannot serve it: skipped`);
        continue;
      }
      applications.push({
        path: app.path,
        physicalPath: app.root,
        ...(app.pool.toLowerCase() === applicationPool.toLowerCase() ? {} : { applicationPool: app.pool }),
        ...(app.vdirs.length > 0 ? { virtualDirectories: app.vdirs } : {}),
      });
    }
    imported.push({
      name,
      id: id !== undefined && id > 0 ? id : undefined,
      element: site,
      bindings,
      physicalPath,
      applicationPool,
      poolPlace: rootApp ? { file: site.file, line: site.line } : { file: site.file, line: site.line },
      limits: readLimits(site, defaults, sink),
      virtualDirectories: rootApp?.vdirs ?? [],
      applications,
      applicationPaths: applications.map((app) => app.path),
      contentRoots: apps.flatMap((app) => app.roots),
    });
  }
  return imported;
}
