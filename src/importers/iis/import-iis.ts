import { dirname, relative, resolve } from 'node:path';
import {
  ConfigInvalidError, formatBinding, parseBinding, parseConfig, serializeDocument, type ApplicationPoolConfig, type SiteConfig,
} from '../../config/index.js';
import { generateMachineSid } from '../../identity/index.js';
import { UsherError } from '../../shared/index.js';
import { importAcls, type SourceAcl } from './acl-import.js';
import { readSectionRegistry } from './config-sections.js';
import { requireApplicationHost } from './file-kind.js';
import { createFragmentCollector } from './fragments.js';
import { parseIcaclsSave } from './icacls-save.js';
import { importLocations } from './location-settings.js';
import { readLogging } from './logging.js';
import { buildDocument } from './native-document.js';
import { createPathMapper, parseMapPath } from './path-mapping.js';
import { readPools } from './pools.js';
import { createPrincipalMapper } from './principals.js';
import { scanSecrets } from './secrets.js';
import { SILENT_SECTIONS, unsupportedReason } from './sections/registry.js';
import { readSites, type ImportedSite } from './sites.js';
import { readSourceText } from './source-text.js';
import { createWarningSink, type ImportWarning, type Place, type WarningSink } from './warnings.js';
import { placeWebConfigs } from './web-configs.js';
import { attr, childrenNamed, firstChild, parseXml, type XmlElement } from './xml-tree.js';

export interface ImportIisOptions {
  /** The applicationHost.config, as the user named it (relative to `cwd` or absolute). */
  readonly applicationHost: string;
  readonly webConfigDirs?: readonly string[];
  /** `WINDIR=SAVEFILE`: an `icacls WINDIR\* /save SAVEFILE /t` file. */
  readonly acls?: readonly string[];
  /** `WINPATH=SDDL` */
  readonly sddl?: readonly string[];
  /** `WINDIR=DIR` */
  readonly mapPaths?: readonly string[];
  /** Where usher.yaml will be written; relative paths in it start from its folder. */
  readonly output: string;
  readonly cwd: string;
  /** For reproducible output in tests; a fresh one is generated otherwise. */
  readonly machineSid?: string;
}

export interface ImportResult {
  /** Absolute path of the configuration to write. */
  readonly output: string;
  /** usher.yaml's text, validated. */
  readonly text: string;
  readonly sites: readonly string[];
  readonly pools: readonly string[];
  readonly warnings: readonly ImportWarning[];
}

function splitOption(option: string, flag: string, example: string): [string, string] {
  const at = option.indexOf('=');
  const left = at < 0 ? '' : option.slice(0, at).trim();
  const right = at < 0 ? '' : option.slice(at + 1).trim();
  if (left === '' || right === '') throw new UsherError('USHER_ERR_IMPORT_ARGUMENT', `${flag} '${option}': expected ${example}`);
  return [left, right];
}

/** How a file is named in warnings and comments: as the user would find it from where they ran the command. */
function shownName(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel === '' || rel.startsWith('..') ? file : rel;
}

/** Two sites cannot share a binding, and one socket cannot be both http and https: later ones are dropped. */
function resolveBindingConflicts(sites: readonly ImportedSite[], sink: WarningSink): Map<ImportedSite, SiteConfig['bindings']> {
  const taken = new Map<string, string>();
  const sockets = new Map<string, { protocol: string; site: string }>();
  const result = new Map<ImportedSite, SiteConfig['bindings']>();
  for (const site of sites) {
    const kept: NonNullable<SiteConfig['bindings']> = [];
    for (const binding of site.bindings) {
      const parsed = parseBinding(binding.text);
      const key = formatBinding(parsed);
      const owner = taken.get(key);
      if (owner !== undefined) {
        sink.warn(binding.element, `site '${site.name}': binding ${key} already belongs to site '${owner}' (IIS starts only one of them): left out here`);
        continue;
      }
      const socket = `${parsed.address}|${parsed.port}`;
      const listener = sockets.get(socket);
      if (listener && listener.protocol !== parsed.protocol) {
        sink.warn(binding.element, `site '${site.name}': binding ${key} needs ${parsed.address}:${parsed.port} for ${parsed.protocol}, ` +
          `but site '${listener.site}' uses it for ${listener.protocol}: left out here`);
        continue;
      }
      taken.set(key, site.name);
      if (!listener) sockets.set(socket, { protocol: parsed.protocol, site: site.name });
      kept.push(binding.config);
    }
    result.set(site, kept);
  }
  return result;
}

function assignIds(sites: readonly ImportedSite[], sink: WarningSink): Map<ImportedSite, number> {
  const ids = new Map<ImportedSite, number>();
  const used = new Set<number>();
  for (const site of sites) {
    if (site.id !== undefined && !used.has(site.id)) {
      ids.set(site, site.id);
      used.add(site.id);
    }
  }
  let next = Math.max(0, ...used) + 1;
  for (const site of sites) {
    if (ids.has(site)) continue;
    ids.set(site, next);
    sink.warn(site.element, `site '${site.name}' has ${site.id === undefined ? 'no id' : `the id ${site.id} of another site`}: it gets id ${next} (its log folder is W3SVC${next})`);
    used.add(next++);
  }
  return ids;
}

/** Without `UrlAuthorizationModule` in `<globalModules>`, IIS enforces no URL rules at all. */
function urlAuthorizationInstalled(root: XmlElement): boolean {
  const webServer = firstChild(root, 'system.webServer');
  const modules = webServer ? firstChild(webServer, 'globalModules') : undefined;
  if (!modules) return true;
  return childrenNamed(modules, 'add').some((add) => attr(add, 'name') === 'UrlAuthorizationModule' || /urlauthz\.dll$/i.test(attr(add, 'image') ?? ''));
}

function reportAppHostSections(appHost: XmlElement, sink: WarningSink): void {
  for (const child of appHost.children) {
    if (['sites', 'applicationPools', 'log'].includes(child.name)) continue;
    const path = `system.applicationHost/${child.name}`;
    if (SILENT_SECTIONS.has(path) || (child.attributes.size === 0 && child.children.length === 0)) continue;
    sink.warn(child, `<${child.name}> (${path}) is not carried over: ${unsupportedReason(path)}`);
  }
}

async function readAclSources(options: ImportIisOptions, sink: WarningSink): Promise<SourceAcl[]> {
  const sources: SourceAcl[] = [];
  for (const option of options.acls ?? []) {
    const [windowsDir, file] = splitOption(option, '--acl', "WINDIR=SAVEFILE, e.g. --acl 'C:\\inetpub\\wwwroot=wwwroot.acl' (saved with icacls C:\\inetpub\\wwwroot\\* /save wwwroot.acl /t)");
    const absolute = resolve(options.cwd, file);
    const shown = shownName(absolute, options.cwd);
    sink.fileOrder(shown);
    const objects = parseIcaclsSave(await readSourceText(absolute, 'icacls /save file'), shown);
    const base = windowsDir.replace(/[\\/]+$/, '');
    for (const object of objects) {
      const name = object.name.replace(/^[\\/]+/, '');
      sources.push({ windowsPath: name === '' ? base : `${base}\\${name}`, sddl: object.sddl, place: { file: shown, line: object.line } });
    }
  }
  (options.sddl ?? []).forEach((option, index) => {
    const [windowsPath, sddl] = splitOption(option, '--sddl', "WINPATH=SDDL, e.g. --sddl 'C:\\inetpub\\wwwroot=D:PAI(A;OICI;FA;;;SY)'");
    sources.push({ windowsPath, sddl, place: { file: '--sddl', line: index + 1 } });
  });
  if (sources.length === 0 && (options.acls ?? []).length > 0) sink.warn({ file: '--acl', line: 0 }, 'the icacls /save files hold no objects');
  return sources;
}

/**
 * Reads an IIS server's configuration (applicationHost.config, web.config files, saved ACLs) and
 * returns the equivalent usher.yaml with a report of everything that did not carry over. Nothing is
 * written here; the text has passed Usher's own validation.
 */
export async function importIis(options: ImportIisOptions): Promise<ImportResult> {
  const sink = createWarningSink();
  const output = resolve(options.cwd, options.output);
  const mappings = (options.mapPaths ?? []).map((option) => parseMapPath(option, options.cwd));
  const appHostFile = resolve(options.cwd, options.applicationHost);
  const appHostName = shownName(appHostFile, options.cwd);
  sink.fileOrder(appHostName);
  const root = parseXml(await readSourceText(appHostFile, 'applicationHost.config'), appHostName);
  const appHost = requireApplicationHost(root, appHostName);
  const registry = readSectionRegistry(root);
  const claimed = new Set<XmlElement>();
  const claim = (element: XmlElement) => void claimed.add(element);
  const legacy = new Set<string>();
  const mapper = createPathMapper(mappings, dirname(output), sink);

  const pools = readPools(appHost, sink, claim);
  const sites = readSites(appHost, mapper, sink, claim);
  reportAppHostSections(appHost, sink);
  const logging = readLogging(appHost, mapper, sink);
  const bindings = resolveBindingConflicts(sites, sink);
  const ids = assignIds(sites, sink);

  // A pool a site names but the source never defines (IIS answers 503 there) is created, so the
  // reference holds; said in the report and beside the pool.
  const poolList: { config: ApplicationPoolConfig; place: Place | undefined }[] = pools.map((pool) => ({ config: pool.config, place: pool.place }));
  for (const site of sites) {
    for (const name of [site.applicationPool, ...site.applications.flatMap((app) => app.applicationPool ?? [])]) {
      if (poolList.some((pool) => pool.config.name.toLowerCase() === name.toLowerCase())) continue;
      sink.warn(site.element, `site '${site.name}' uses the pool '${name}', which the source does not define (IIS answers 503 there): created with the defaults`);
      poolList.push({ config: { name, identity: 'ApplicationPoolIdentity' }, place: undefined });
    }
  }

  const collector = createFragmentCollector(sink);
  const findSite = (name: string) => sites.find((site) => site.name.toLowerCase() === name.toLowerCase())?.name;
  collector.addApplicationHost(root, findSite);
  const webConfigs = await placeWebConfigs(options.webConfigDirs ?? [], sites.flatMap((site) => site.contentRoots), options.cwd, sink);
  for (const placed of webConfigs) collector.addWebConfig(placed.root, placed.site, placed.path);

  const installed = urlAuthorizationInstalled(root);
  const principals = createPrincipalMapper(poolList.map((pool) => ({ name: pool.config.name })), sink);
  const { locations, loggingOff } = importLocations({
    fragments: collector.fragments, registry, sites, sink, principals, urlAuthorizationInstalled: installed,
    claim, noteLegacyAccount: (name) => void legacy.add(name),
  });
  if (!installed) {
    const rules = collector.fragments.flatMap((fragment) => fragment.container.children).find((child) => child.name === 'system.webServer');
    sink.warn(rules ?? root, 'IIS URL Authorization (UrlAuthorizationModule) is not installed on the source, so its rules were not enforced: ' +
      'every site gets Usher\'s default rule (allow everyone); add rules with usher authz add');
  }
  scanSecrets(root, claimed, sink);
  for (const placed of new Set(webConfigs.map((item) => item.root))) scanSecrets(placed, claimed, sink);

  const aclSources = await readAclSources(options, sink);
  const acl = importAcls(aclSources, poolList.map((pool) => ({ name: pool.config.name })), mapper, sink, [...legacy]);

  const siteEntries = sites.map((site) => {
    const id = ids.get(site)!;
    const loggingConfig = { ...logging.site(site.name, id, site.element) };
    if (loggingOff.has(site.name)) loggingConfig.enabled = false;
    const config: SiteConfig = {
      name: site.name,
      id,
      bindings: bindings.get(site) ?? [],
      physicalPath: site.physicalPath,
      applicationPool: site.applicationPool,
      ...(site.limits ? { limits: site.limits } : {}),
      ...(Object.keys(loggingConfig).length > 0 ? { logging: loggingConfig } : {}),
      ...(site.virtualDirectories.length > 0 ? { virtualDirectories: site.virtualDirectories } : {}),
      ...(site.applications.length > 0 ? { applications: site.applications } : {}),
    };
    const unmapped = new Set(site.contentRoots.filter((content) => content.local === undefined).length > 0
      ? [site.physicalPath, ...site.virtualDirectories.map((vdir) => vdir.physicalPath), ...site.applications.flatMap((app) => [app.physicalPath, ...(app.virtualDirectories ?? []).map((vdir) => vdir.physicalPath)])]
        .filter((path) => !path.startsWith('./') && !path.startsWith('/') && path !== '.')
      : []);
    return { config, place: { file: site.element.file, line: site.element.line }, unmapped };
  });

  const warnings = sink.list();
  const sources = [appHostName, ...new Set(webConfigs.map((item) => item.root.file)), ...(options.acls ?? []).map((option) => option.slice(option.indexOf('=') + 1))];
  const document = buildDocument({
    header: [
      `Imported from IIS by 'usher import iis': ${sources.join(', ')}.`,
      warnings.length === 0 ? 'Everything carried over as it was.' : `The import printed ${warnings.length} warning${warnings.length === 1 ? '' : 's'} (file:line: what did not carry over as it was).`,
      'Check it with: usher config check',
    ],
    server: logging.server,
    pools: poolList,
    sites: siteEntries,
    locations,
    acl,
    machineSid: options.machineSid ?? generateMachineSid(),
    groups: principals.groups(),
  });
  const text = serializeDocument(document);
  try {
    parseConfig(text, output);
  } catch (error) {
    if (error instanceof ConfigInvalidError) {
      throw new ConfigInvalidError(error.issues, { context: 'the imported configuration does not validate, which is a bug in the importer (please report it)' });
    }
    throw error;
  }
  return { output, text, sites: sites.map((site) => site.name), pools: poolList.map((pool) => pool.config.name), warnings };
}
