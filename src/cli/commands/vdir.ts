import type { Command } from 'commander';
import { deleteValue, loadConfig, removeItem, setValue } from '../../config/index.js';
import { UsherError } from '../../shared/index.js';
import { action, type CommandEnv } from '../command-env.js';
import { appendListItem, editConfig, type EditInput } from '../config-edit.js';
import { quoteArg, requireApplication, requireSite, requireUrlPath, sitePool } from '../config-lookup.js';
import { contentRoot, contentRootNotes } from '../content-paths.js';
import { formatTable } from '../output.js';

/**
 * Virtual directories of an application. The root application `/` is the site itself, so its
 * directories live in the site's own `virtualDirectories` list.
 */
function requireEditableApplication(input: EditInput, siteName: string, appPath: string) {
  const site = requireSite(input, siteName);
  if (appPath === '/') {
    const { physicalPath, applicationPool, virtualDirectories } = site.item;
    return { site, app: { item: { path: '/', physicalPath, applicationPool, virtualDirectories }, path: site.path } };
  }
  return { site, app: requireApplication(input, site, appPath) };
}

/** `/shop` + `/images`, or `/images` under the root application. */
const urlOf = (appPath: string, vdirPath: string) => (appPath === '/' ? vdirPath : `${appPath}${vdirPath}`);

function checkVdirPath(appPath: string, vdirPath: string): void {
  requireUrlPath(vdirPath, 'virtual directory path');
  if (vdirPath === '/') {
    throw new UsherError('USHER_ERR_CLI_USAGE', `the root directory of application '${appPath}' is its own folder: change it with usher app set SITE ${appPath} --path DIR`);
  }
}

function findVdir(app: ReturnType<typeof requireEditableApplication>['app'], siteName: string, vdirPath: string) {
  const vdirs = app.item.virtualDirectories ?? [];
  const index = vdirs.findIndex((vdir) => vdir.path.toLowerCase() === vdirPath.toLowerCase());
  if (index < 0) {
    const known = vdirs.map((vdir) => vdir.path).join(', ') || 'none';
    throw new UsherError('USHER_ERR_CFG_NO_ITEM', `application '${app.item.path}' of site '${siteName}' has no virtual directory '${vdirPath}' (it has: ${known})`);
  }
  return { index, vdir: vdirs[index]!, path: [...app.path, 'virtualDirectories', index] };
}

async function addVdir(env: CommandEnv, siteName: string, appPath: string, vdirPath: string, dirOption: string | undefined): Promise<void> {
  checkVdirPath(appPath, vdirPath);
  if (dirOption === undefined) throw new UsherError('USHER_ERR_CLI_USAGE', 'a virtual directory needs --path DIR, the folder it serves');
  const notes: string[] = [];
  const line = await editConfig(env.configPath, `vdir add ${siteName} ${appPath} ${vdirPath}`, (input) => {
    const { site, app } = requireEditableApplication(input, siteName, appPath);
    const taken = (app.item.virtualDirectories ?? []).find((vdir) => vdir.path.toLowerCase() === vdirPath.toLowerCase());
    if (taken) {
      throw new UsherError('USHER_ERR_CFG_EXISTS', `application '${app.item.path}' already has virtual directory '${taken.path}': ` +
        `change it with usher vdir set ${quoteArg(site.item.name)} ${app.item.path} ${taken.path} --path DIR`);
    }
    const root = contentRoot(input.dir, dirOption, 'the virtual directory folder');
    appendListItem(input.document, [...app.path, 'virtualDirectories'], { path: vdirPath, physicalPath: root.stored });
    notes.push(...contentRootNotes(input.config, input.dir, root, app.item.applicationPool ?? sitePool(site.item)));
    return `added virtual directory '${vdirPath}' to application '${app.item.path}' of site '${site.item.name}': ` +
      `${urlOf(app.item.path, vdirPath)} serves ${root.stored}`;
  });
  env.out.line(line);
  for (const note of notes) env.out.warn(note);
}

async function setVdir(env: CommandEnv, siteName: string, appPath: string, vdirPath: string, dirOption: string | undefined): Promise<void> {
  checkVdirPath(appPath, vdirPath);
  if (dirOption === undefined) throw new UsherError('USHER_ERR_CLI_USAGE', 'nothing to change: give --path DIR');
  const notes: string[] = [];
  const line = await editConfig(env.configPath, `vdir set ${siteName} ${appPath} ${vdirPath}`, (input) => {
    const { site, app } = requireEditableApplication(input, siteName, appPath);
    const found = findVdir(app, site.item.name, vdirPath);
    const root = contentRoot(input.dir, dirOption, 'the virtual directory folder');
    setValue(input.document, [...found.path, 'physicalPath'], root.stored);
    notes.push(...contentRootNotes(input.config, input.dir, root, app.item.applicationPool ?? sitePool(site.item)));
    return `changed virtual directory '${found.vdir.path}' of application '${app.item.path}' of site '${site.item.name}': path ${root.stored}`;
  });
  env.out.line(line);
  for (const note of notes) env.out.warn(note);
}

async function removeVdir(env: CommandEnv, siteName: string, appPath: string, vdirPath: string): Promise<void> {
  checkVdirPath(appPath, vdirPath);
  const line = await editConfig(env.configPath, `vdir remove ${siteName} ${appPath} ${vdirPath}`, (input) => {
    const { site, app } = requireEditableApplication(input, siteName, appPath);
    const found = findVdir(app, site.item.name, vdirPath);
    removeItem(input.document, [...app.path, 'virtualDirectories'], found.index);
    if ((app.item.virtualDirectories ?? []).length === 1) deleteValue(input.document, [...app.path, 'virtualDirectories']);
    return `removed virtual directory '${found.vdir.path}' from application '${app.item.path}' of site '${site.item.name}'; its folder and ACL entries are kept`;
  });
  env.out.line(line);
}

export function registerVdirCommands(program: Command): void {
  const vdir = program.command('vdir').description("list, add, change and remove an application's virtual directories (URL path → folder)");

  vdir
    .command('list')
    .description("the application's directories, its own root / first")
    .argument('<SITE>', 'the site')
    .argument('<APP_PATH>', 'the application, e.g. /shop, or / for the site root')
    .option('--json', 'print the directories as JSON')
    .action(action(async ({ configPath, out }, siteName: string, appPath: string) => {
      const loaded = await loadConfig(configPath);
      const site = requireSite(loaded, siteName);
      const app = appPath === '/' ? { path: '/', physicalPath: site.item.physicalPath, virtualDirectories: site.item.virtualDirectories }
        : requireApplication(loaded, site, appPath).item;
      const rows = [
        { path: '/', physicalPath: app.physicalPath, root: true },
        ...(app.virtualDirectories ?? []).map((entry) => ({ path: entry.path, physicalPath: entry.physicalPath, root: false })),
      ];
      if (out.json) {
        out.data({ site: site.item.name, application: app.path, virtualDirectories: rows });
        return;
      }
      out.line(formatTable(['PATH', 'PHYSICAL PATH', 'URL'], rows.map((row) => [
        row.path, row.physicalPath, row.root ? `${app.path} (the application root)` : urlOf(app.path, row.path),
      ])));
    }));

  vdir
    .command('add')
    .description('serve DIR at VDIR_PATH below application APP_PATH')
    .argument('<SITE>', 'the site')
    .argument('<APP_PATH>', 'the application, e.g. /shop, or / for the site root')
    .argument('<VDIR_PATH>', 'the URL path below the application, e.g. /images')
    .option('--path <dir>', 'the folder to serve (physicalPath)')
    .action(action(async (env, site: string, app: string, path: string, options: { path?: string }) => addVdir(env, site, app, path, options.path)));

  vdir
    .command('set')
    .description("change a virtual directory's folder")
    .argument('<SITE>', 'the site')
    .argument('<APP_PATH>', 'the application, e.g. /shop, or / for the site root')
    .argument('<VDIR_PATH>', 'the virtual directory, e.g. /images')
    .option('--path <dir>', 'the folder to serve (physicalPath)')
    .action(action(async (env, site: string, app: string, path: string, options: { path?: string }) => setVdir(env, site, app, path, options.path)));

  vdir
    .command('remove')
    .description('remove a virtual directory (its folder and ACLs stay)')
    .argument('<SITE>', 'the site')
    .argument('<APP_PATH>', 'the application, e.g. /shop, or / for the site root')
    .argument('<VDIR_PATH>', 'the virtual directory, e.g. /images')
    .action(action(async (env, site: string, app: string, path: string) => removeVdir(env, site, app, path)));
}
