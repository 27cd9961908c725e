import type { Command } from 'commander';
import {
  bindingText, deleteValue, loadConfig, removeItem, setValue, SITE_DEFAULTS, siteSchema, type BindingConfig, type SiteConfig,
} from '../../config/index.js';
import { UsherError } from '../../shared/index.js';
import { action, type CommandEnv } from '../command-env.js';
import { appendListItem, editConfig, type EditInput } from '../config-edit.js';
import { quoteArg, requirePool, requireSite, requireValidName, sameName, sitePool } from '../config-lookup.js';
import { contentRoot, contentRootNotes } from '../content-paths.js';
import { renameSiteLocations, siteLocationKeys } from '../location-target.js';
import { collect, parseWholeNumber } from '../option-values.js';
import { formatTable } from '../output.js';
import { bindingKey, buildBindings, missingTlsFiles, refuseTakenBindings, type TlsFiles } from '../site-bindings.js';

interface AddOptions extends TlsFiles {
  binding: string[];
  path?: string;
  pool?: string;
  id?: string;
}

interface SetOptions extends TlsFiles {
  binding: string[];
  addBinding: string[];
  removeBinding: string[];
  path?: string;
  pool?: string;
  name?: string;
  id?: string;
}

const MAX_ID = 4_294_967_295;

function bindingJson(binding: BindingConfig) {
  return typeof binding === 'string' ? { binding } : { ...binding };
}

function siteJson(site: SiteConfig) {
  return {
    name: site.name, id: site.id, bindings: (site.bindings ?? []).map(bindingJson), physicalPath: site.physicalPath, applicationPool: sitePool(site),
  };
}

function refuseTakenId({ config }: EditInput, id: number, except?: string): void {
  const owner = (config.sites ?? []).find((site) => site.id === id && (except === undefined || !sameName(site.name, except)));
  if (owner) throw new UsherError('USHER_ERR_CFG_EXISTS', `site id ${id} is taken by site '${owner.name}': choose another with --id, or leave --id out for the next free one`);
}

function warnAll(env: CommandEnv, notes: readonly string[]): void {
  for (const note of notes) env.out.warn(note);
}

const bindingList = (bindings: readonly BindingConfig[]) => bindings.map(bindingText).join(', ') || '(none)';

async function addSite(env: CommandEnv, name: string, options: AddOptions): Promise<void> {
  requireValidName(siteSchema.shape.name, name);
  if (options.binding.length === 0) throw new UsherError('USHER_ERR_CLI_USAGE', "a site needs at least one --binding, e.g. --binding 'http/*:8080:'");
  if (options.path === undefined) throw new UsherError('USHER_ERR_CLI_USAGE', 'a site needs --path DIR, the folder it serves');
  const notes: string[] = [];
  const line = await editConfig(env.configPath, `site add ${name}`, (input) => {
    const { config, document, dir } = input;
    const taken = (config.sites ?? []).find((site) => sameName(site.name, name));
    if (taken) throw new UsherError('USHER_ERR_CFG_EXISTS', `site '${taken.name}' already exists (id ${taken.id}): change it with usher site set ${quoteArg(taken.name)}`);
    const id = options.id !== undefined ? parseWholeNumber(options.id, '--id', { min: 1, max: MAX_ID })
      : Math.max(0, ...(config.sites ?? []).map((site) => site.id)) + 1;
    refuseTakenId(input, id);
    const bindings = buildBindings(options.binding, options, dir);
    refuseTakenBindings(config, name, bindings);
    const pool = requirePool(config, options.pool ?? SITE_DEFAULTS.applicationPool);
    const root = contentRoot(dir, options.path!, 'the site folder');
    appendListItem(document, ['sites'], { name, id, bindings, physicalPath: root.stored, applicationPool: pool });
    notes.push(...contentRootNotes(config, dir, root, pool), ...missingTlsFiles(dir, options));
    return `added site '${name}' (id ${id}): ${bindingList(bindings)}, path ${root.stored}, pool ${pool}`;
  });
  env.out.line(line);
  warnAll(env, notes);
}

function nextBindings(input: EditInput, site: SiteConfig, options: SetOptions): BindingConfig[] | undefined {
  const current = site.bindings ?? [];
  if (options.binding.length > 0) {
    if (options.addBinding.length > 0 || options.removeBinding.length > 0) {
      throw new UsherError('USHER_ERR_CLI_USAGE', '--binding replaces every binding: use it alone, or use --add-binding and --remove-binding');
    }
    return buildBindings(options.binding, options, input.dir, current);
  }
  if (options.addBinding.length === 0 && options.removeBinding.length === 0) {
    if (options.certificate !== undefined || options.key !== undefined) {
      throw new UsherError('USHER_ERR_CLI_USAGE', '--certificate and --key go with the https binding they belong to: --binding or --add-binding');
    }
    return undefined;
  }
  const removing = options.removeBinding.map((text) => bindingKey(text));
  for (const key of removing) {
    if (!current.some((binding) => bindingKey(binding) === key)) {
      throw new UsherError('USHER_ERR_CFG_NO_ITEM', `site '${site.name}' has no binding '${key}' (bindings: ${bindingList(current)})`);
    }
  }
  const kept = current.filter((binding) => !removing.includes(bindingKey(binding)));
  const added = buildBindings(options.addBinding, options, input.dir, current);
  for (const binding of added) {
    if (kept.some((other) => bindingKey(other) === bindingKey(binding))) {
      throw new UsherError('USHER_ERR_CFG_EXISTS', `site '${site.name}' already has binding '${bindingKey(binding)}'`);
    }
  }
  return [...kept, ...added];
}

function renameSite(input: EditInput, site: SiteConfig, sitePath: readonly (string | number)[], newName: string): string {
  const { config, document } = input;
  requireValidName(siteSchema.shape.name, newName);
  const clash = (config.sites ?? []).find((other) => sameName(other.name, newName) && other !== site);
  if (clash) throw new UsherError('USHER_ERR_CFG_EXISTS', `site '${clash.name}' already exists: choose another name`);
  setValue(document, [...sitePath, 'name'], newName);
  const keys = siteLocationKeys(config, site.name);
  renameSiteLocations(document, keys, newName);
  // Audit exceptions scoped to the site's locations follow it.
  (config.audit?.exceptions ?? []).forEach((exception, index) => {
    const match = /^location:([^/]*)(\/.*)?$/.exec(exception.scope);
    if (match && sameName(match[1]!, site.name)) setValue(document, ['audit', 'exceptions', index, 'scope'], `location:${newName}${match[2] ?? ''}`);
  });
  return `renamed to '${newName}'${keys.length > 0 ? ` (with ${keys.length} location ${keys.length === 1 ? 'entry' : 'entries'})` : ''}`;
}

async function setSite(env: CommandEnv, name: string, options: SetOptions): Promise<void> {
  const notes: string[] = [];
  const line = await editConfig(env.configPath, `site set ${name}`, (input) => {
    const { config, document, dir } = input;
    const found = requireSite(input, name);
    const site = found.item;
    const changes: string[] = [];
    const bindings = nextBindings(input, site, options);
    if (bindings !== undefined) {
      refuseTakenBindings(config, site.name, bindings);
      setValue(document, [...found.path, 'bindings'], bindings);
      changes.push(`bindings ${bindingList(bindings)}`);
      if (bindings.length === 0) notes.push(`site '${site.name}' has no bindings left, so it serves nothing`);
      notes.push(...missingTlsFiles(dir, options));
    }
    if (options.path !== undefined) {
      const root = contentRoot(dir, options.path, 'the site folder');
      setValue(document, [...found.path, 'physicalPath'], root.stored);
      changes.push(`path ${root.stored}`);
      notes.push(...contentRootNotes(config, dir, root, sitePool(site)));
    }
    if (options.pool !== undefined) {
      const pool = requirePool(config, options.pool);
      setValue(document, [...found.path, 'applicationPool'], pool);
      changes.push(`pool ${pool}`);
    }
    if (options.id !== undefined) {
      const id = parseWholeNumber(options.id, '--id', { min: 1, max: MAX_ID });
      refuseTakenId(input, id, site.name);
      setValue(document, [...found.path, 'id'], id);
      changes.push(`id ${id} (its logs now go to W3SVC${id})`);
    }
    if (options.name !== undefined && options.name !== site.name) changes.push(renameSite(input, site, found.path, options.name));
    if (changes.length === 0) {
      throw new UsherError('USHER_ERR_CLI_USAGE', 'nothing to change: give --binding, --add-binding, --remove-binding, --path, --pool, --id or --name');
    }
    return `changed site '${site.name}': ${changes.join('; ')}`;
  });
  env.out.line(line);
  warnAll(env, notes);
}

async function removeSite(env: CommandEnv, name: string): Promise<void> {
  const line = await editConfig(env.configPath, `site remove ${name}`, (input) => {
    const found = requireSite(input, name);
    const keys = siteLocationKeys(input.config, found.item.name);
    for (const key of keys) deleteValue(input.document, ['locations', key], { prune: true });
    removeItem(input.document, ['sites'], found.index);
    const locations = keys.length === 0 ? '' : ` and its ${keys.length === 1 ? 'location entry' : `${keys.length} location entries`} (${keys.join(', ')})`;
    return `removed site '${found.item.name}' (id ${found.item.id})${locations}; its folder and ACL entries are kept`;
  });
  env.out.line(line);
}

export function registerSiteCommands(program: Command): void {
  const site = program.command('site').description('list, add, change and remove sites: bindings, content folder, pool');

  site
    .command('list')
    .description('every site with its id, bindings, folder and pool')
    .option('--json', 'print the sites as JSON')
    .action(action(async ({ configPath, out }) => {
      const sites = (await loadConfig(configPath)).config.sites ?? [];
      if (out.json) {
        out.data({ sites: sites.map(siteJson) });
        return;
      }
      if (sites.length === 0) {
        out.line(`${configPath} has no sites: add one with usher site add NAME --binding 'http/*:8080:' --path DIR`);
        return;
      }
      out.line(formatTable(['NAME', 'ID', 'BINDINGS', 'PATH', 'POOL'],
        sites.map((s) => [s.name, String(s.id), bindingList(s.bindings ?? []), s.physicalPath, sitePool(s)])));
    }));

  site
    .command('add')
    .description('add a site serving DIR on one or more bindings')
    .argument('<NAME>', 'the site name, e.g. shop')
    .option('--binding <binding>', "proto/IP:PORT:HOST, e.g. 'http/*:8080:' or 'https/*:443:www.example.test' (repeatable)", collect)
    .option('--certificate <file>', 'PEM certificate chain for the https binding')
    .option('--key <file>', 'PEM private key for the https binding')
    .option('--path <dir>', 'the folder to serve (physicalPath)')
    .option('--pool <name>', 'the application pool (default DefaultAppPool)')
    .option('--id <n>', 'the site id, which names its log folder W3SVC<id> (default: the next free one)')
    .action(action(async (env, name: string, options: Partial<AddOptions>) => addSite(env, name, { ...options, binding: options.binding ?? [] })));

  site
    .command('set')
    .description("change a site's bindings, folder, pool, id or name")
    .argument('<NAME>', 'the site to change')
    .option('--binding <binding>', 'replace every binding with these (repeatable)', collect)
    .option('--add-binding <binding>', 'add a binding (repeatable)', collect)
    .option('--remove-binding <binding>', 'remove a binding (repeatable)', collect)
    .option('--certificate <file>', 'PEM certificate chain for the https binding given here')
    .option('--key <file>', 'PEM private key for the https binding given here')
    .option('--path <dir>', 'the folder to serve (physicalPath)')
    .option('--pool <name>', 'the application pool')
    .option('--id <n>', 'the site id')
    .option('--name <new>', "rename the site (its 'locations' keys follow)")
    .action(action(async (env, name: string, options: Partial<SetOptions>) => setSite(env, name, {
      ...options, binding: options.binding ?? [], addBinding: options.addBinding ?? [], removeBinding: options.removeBinding ?? [],
    })));

  site
    .command('remove')
    .description("remove a site and its 'locations' entries (folders and ACLs stay)")
    .argument('<NAME>', 'the site to remove')
    .action(action(async (env, name: string) => removeSite(env, name)));
}
