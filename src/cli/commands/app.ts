import type { Command } from 'commander';
import { deleteValue, loadConfig, removeItem, setValue, type SiteConfig } from '../../config/index.js';
import { UsherError } from '../../shared/index.js';
import { action, type CommandEnv } from '../command-env.js';
import { appendListItem, editConfig } from '../config-edit.js';
import { quoteArg, requireApplication, requirePool, requireSite, requireUrlPath, sitePool } from '../config-lookup.js';
import { contentRoot, contentRootNotes } from '../content-paths.js';
import { formatTable } from '../output.js';

interface AppOptions {
  path?: string;
  pool?: string;
}

/** The site's applications, its root `/` first, as IIS lists them. */
function applicationRows(site: SiteConfig) {
  return [
    { path: '/', physicalPath: site.physicalPath, applicationPool: sitePool(site), root: true, virtualDirectories: [] as { path: string; physicalPath: string }[] },
    ...(site.applications ?? []).map((app) => ({
      path: app.path,
      physicalPath: app.physicalPath,
      applicationPool: app.applicationPool ?? sitePool(site),
      root: false,
      virtualDirectories: (app.virtualDirectories ?? []).map((vdir) => ({ path: vdir.path, physicalPath: vdir.physicalPath })),
    })),
  ];
}

async function addApplication(env: CommandEnv, siteName: string, appPath: string, options: AppOptions): Promise<void> {
  requireUrlPath(appPath, 'application path');
  if (options.path === undefined) throw new UsherError('USHER_ERR_CLI_USAGE', 'an application needs --path DIR, the folder it serves');
  const notes: string[] = [];
  const line = await editConfig(env.configPath, `app add ${siteName} ${appPath}`, (input) => {
    const site = requireSite(input, siteName);
    if (appPath === '/') requireApplication(input, site, appPath);
    const taken = (site.item.applications ?? []).find((app) => app.path.toLowerCase() === appPath.toLowerCase());
    if (taken) {
      throw new UsherError('USHER_ERR_CFG_EXISTS', `site '${site.item.name}' already has application '${taken.path}': change it with usher app set ${quoteArg(site.item.name)} ${taken.path}`);
    }
    const pool = options.pool === undefined ? undefined : requirePool(input.config, options.pool);
    const root = contentRoot(input.dir, options.path!, 'the application folder');
    appendListItem(input.document, [...site.path, 'applications'], { path: appPath, physicalPath: root.stored, ...(pool ? { applicationPool: pool } : {}) });
    notes.push(...contentRootNotes(input.config, input.dir, root, pool ?? sitePool(site.item)));
    return `added application '${appPath}' to site '${site.item.name}': path ${root.stored}, pool ${pool ?? `${sitePool(site.item)} (the site's)`}`;
  });
  env.out.line(line);
  for (const note of notes) env.out.warn(note);
}

async function setApplication(env: CommandEnv, siteName: string, appPath: string, options: AppOptions): Promise<void> {
  const notes: string[] = [];
  const line = await editConfig(env.configPath, `app set ${siteName} ${appPath}`, (input) => {
    const site = requireSite(input, siteName);
    const app = requireApplication(input, site, appPath);
    const changes: string[] = [];
    if (options.path !== undefined) {
      const root = contentRoot(input.dir, options.path, 'the application folder');
      setValue(input.document, [...app.path, 'physicalPath'], root.stored);
      changes.push(`path ${root.stored}`);
      notes.push(...contentRootNotes(input.config, input.dir, root, app.item.applicationPool ?? sitePool(site.item)));
    }
    if (options.pool !== undefined) {
      const pool = requirePool(input.config, options.pool);
      setValue(input.document, [...app.path, 'applicationPool'], pool);
      changes.push(`pool ${pool}`);
    }
    if (changes.length === 0) throw new UsherError('USHER_ERR_CLI_USAGE', 'nothing to change: give --path or --pool');
    return `changed application '${app.item.path}' of site '${site.item.name}': ${changes.join('; ')}`;
  });
  env.out.line(line);
  for (const note of notes) env.out.warn(note);
}

async function removeApplication(env: CommandEnv, siteName: string, appPath: string): Promise<void> {
  const line = await editConfig(env.configPath, `app remove ${siteName} ${appPath}`, (input) => {
    const site = requireSite(input, siteName);
    const app = requireApplication(input, site, appPath);
    removeItem(input.document, [...site.path, 'applications'], app.index);
    if ((site.item.applications ?? []).length === 1) deleteValue(input.document, [...site.path, 'applications']);
    const vdirs = (app.item.virtualDirectories ?? []).length;
    return `removed application '${app.item.path}' from site '${site.item.name}'` +
      (vdirs > 0 ? ` with its ${vdirs === 1 ? 'virtual directory' : `${vdirs} virtual directories`}` : '') +
      `; its URLs now belong to the application above it, and location settings for them still apply`;
  });
  env.out.line(line);
}

export function registerAppCommands(program: Command): void {
  const app = program.command('app').description("list, add, change and remove a site's applications (URL path → folder, pool)");

  app
    .command('list')
    .description("the site's applications, its root application / first")
    .argument('<SITE>', 'the site')
    .option('--json', 'print the applications as JSON')
    .action(action(async ({ configPath, out }, siteName: string) => {
      const loaded = await loadConfig(configPath);
      const site = requireSite(loaded, siteName).item;
      const rows = applicationRows(site);
      if (out.json) {
        out.data({ site: site.name, applications: rows });
        return;
      }
      out.line(formatTable(['PATH', 'PHYSICAL PATH', 'POOL', 'VIRTUAL DIRECTORIES'], rows.map((row) => [
        row.path, row.physicalPath, row.applicationPool, row.root ? '(the site root)' : row.virtualDirectories.map((vdir) => vdir.path).join(', '),
      ])));
    }));

  app
    .command('add')
    .description('serve DIR at URL PATH of SITE as an application, optionally in its own pool')
    .argument('<SITE>', 'the site')
    .argument('<PATH>', 'the URL path, e.g. /shop')
    .option('--path <dir>', 'the folder to serve (physicalPath)')
    .option('--pool <name>', "the application pool (default: the site's)")
    .action(action(async (env, site: string, path: string, options: AppOptions) => addApplication(env, site, path, options)));

  app
    .command('set')
    .description("change an application's folder or pool")
    .argument('<SITE>', 'the site')
    .argument('<PATH>', 'the URL path of the application, e.g. /shop')
    .option('--path <dir>', 'the folder to serve (physicalPath)')
    .option('--pool <name>', 'the application pool')
    .action(action(async (env, site: string, path: string, options: AppOptions) => setApplication(env, site, path, options)));

  app
    .command('remove')
    .description('remove an application and its virtual directories (folders, ACLs and locations stay)')
    .argument('<SITE>', 'the site')
    .argument('<PATH>', 'the URL path of the application, e.g. /shop')
    .action(action(async (env, site: string, path: string) => removeApplication(env, site, path)));
}
