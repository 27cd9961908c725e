import type { Command } from 'commander';
import {
  accessCheck, denyAces, disableInheritance, effectiveAcl, grantAces, parseAce, parseRights, removeAces, type Ace, type AceType,
} from '../../acl/index.js';
import { tokenFor, type Directory } from '../../identity/index.js';
import { UsherError } from '../../shared/index.js';
import { editAcl, type AclEditInput, type AclEditResult } from '../acl/edit-entry.js';
import { aclJson, checkJson, renderAclText, renderCheckText } from '../acl/render.js';
import { resolveTarget } from '../acl/target.js';
import { action, type CommandEnv } from '../command-env.js';
import { EXIT } from '../exit-code.js';
import { loadContext } from '../loaded-context.js';

/** ACEs as typed on the command line; grant and deny each refuse the other's marker. */
function parseAces(texts: readonly string[], directory: Directory, type: AceType): Ace[] {
  return texts.map((text) => {
    const ace = parseAce(text, (name) => directory.resolve(name).sid, type);
    if (ace.flags.inherited) {
      throw new UsherError('USHER_ERR_ACL_SYNTAX', `'${text}' carries the inherited marker (I): inherited ACEs are computed, set the ACE on the folder it should come from`);
    }
    if (ace.type !== type) {
      throw new UsherError('USHER_ERR_ACL_SYNTAX', `'${text}' is a deny ACE: use usher acl deny PATH '${text.replace(/\(DENY\)/i, '')}'`);
    }
    return ace;
  });
}

function reportEdit(env: CommandEnv, result: AclEditResult): void {
  if (env.out.json) {
    env.out.data({ entry: result.key, protected: result.after?.protected ?? false, aces: result.texts, removed: result.after === undefined });
    return;
  }
  if (result.after === undefined || (result.after.aces.length === 0 && !result.after.protected)) {
    env.out.line(`${result.key}: entry removed; the object now only inherits`);
    return;
  }
  env.out.line(`${result.key}: ${result.after.protected ? 'inheritance disabled, ' : ''}${result.texts.length} explicit ACE${result.texts.length === 1 ? '' : 's'}`);
  for (const text of result.texts) env.out.line(`    ${text}`);
}

async function edit(env: CommandEnv, path: string, change: (input: AclEditInput) => ReturnType<typeof grantAces> | undefined, what: string) {
  const result = await editAcl(env.configPath, resolveTarget(path), change, (key) => `acl ${what} ${key}`);
  reportEdit(env, result);
}

export function registerAclCommands(program: Command): void {
  const acl = program
    .command('acl')
    .description("see and change Windows-style ACLs on content, as icacls does (paths are file-system paths)");

  acl
    .command('show')
    .description('the explicit and inherited ACEs of PATH, in canonical order')
    .argument('<PATH>', 'a file or folder')
    .option('--json', 'print as JSON')
    .action(action(async ({ configPath, out }, path: string) => {
      const target = resolveTarget(path);
      const { acls, directory } = await loadContext(configPath);
      const effective = effectiveAcl(acls.chainFor(target.realPath, target.isDirectory));
      const key = acls.entryAt(target.realPath)?.key;
      if (out.json) out.data(aclJson(effective, directory, key));
      else renderAclText(effective, directory, key).forEach((line) => out.line(line));
    }));

  acl
    .command('grant')
    .description("add allow ACEs, merged with the principal's ACE of the same flags (icacls /grant)")
    .argument('<PATH>', 'a file or folder')
    .argument('<ACE...>', "e.g. 'IUSR:(OI)(CI)(RX)', '*S-1-5-17:R', 'IIS AppPool\\web:(OI)(CI)(M)'")
    .option('--replace', "replace the principal's explicit grants instead of adding to them (icacls /grant:r)")
    .option('--json', 'print the resulting entry as JSON')
    .action(action(async (env, path: string, aces: string[], options: { replace?: boolean }) => {
      await edit(env, path, ({ current, directory }) => grantAces(current, parseAces(aces, directory, 'allow'), { replace: Boolean(options.replace) }),
        `grant${options.replace ? ' --replace' : ''} ${aces.join(' ')} on`);
    }));

  acl
    .command('deny')
    .description("add deny ACEs and remove those rights from the principal's explicit grants (icacls /deny)")
    .argument('<PATH>', 'a file or folder')
    .argument('<ACE...>', "e.g. 'IUSR:(OI)(CI)(W)'")
    .option('--json', 'print the resulting entry as JSON')
    .action(action(async (env, path: string, aces: string[]) => {
      await edit(env, path, ({ current, directory }) => denyAces(current, parseAces(aces, directory, 'deny')), `deny ${aces.join(' ')} on`);
    }));

  acl
    .command('remove')
    .description("remove the principal's explicit ACEs from PATH (icacls /remove[:g|:d])")
    .argument('<PATH>', 'a file or folder')
    .argument('<PRINCIPAL...>', 'names or SIDs, e.g. IUSR or *S-1-5-17')
    .option('--grants', 'remove only its allow ACEs')
    .option('--denies', 'remove only its deny ACEs')
    .option('--json', 'print the resulting entry as JSON')
    .action(action(async (env, path: string, principals: string[], options: { grants?: boolean; denies?: boolean }) => {
      if (options.grants && options.denies) throw new UsherError('USHER_ERR_CLI_USAGE', '--grants and --denies together mean everything: leave both out');
      const which = options.grants ? 'grants' : options.denies ? 'denies' : 'all';
      await edit(env, path, ({ current, directory }) =>
        principals.reduce((acl, name) => removeAces(acl, directory.resolve(name).sid, which), current), `remove ${principals.join(' ')} from`);
    }));

  acl
    .command('inheritance')
    .description('enable inheritance, or disable it copying (disable) or dropping (remove) the inherited ACEs')
    .argument('<PATH>', 'a file or folder')
    .argument('<MODE>', 'enable | disable | remove (icacls /inheritance:e|d|r)')
    .option('--json', 'print the resulting entry as JSON')
    .action(action(async (env, path: string, mode: string) => {
      if (!['enable', 'disable', 'remove'].includes(mode)) {
        throw new UsherError('USHER_ERR_CLI_USAGE', `'${mode}' is not an inheritance mode: use enable, disable (copy inherited ACEs) or remove (drop them)`);
      }
      await edit(env, path, ({ current, chain }) =>
        mode === 'enable' ? { protected: false, aces: current.aces } : disableInheritance(chain, mode === 'disable' ? 'copy' : 'remove'),
      `inheritance ${mode} on`);
    }));

  acl
    .command('reset')
    .description("remove PATH's own ACL so it only inherits (icacls /reset)")
    .argument('<PATH>', 'a file or folder')
    .option('--json', 'print the result as JSON')
    .action(action(async (env, path: string) => {
      await edit(env, path, () => undefined, 'reset');
    }));

  acl
    .command('check')
    .description('may IDENTITY have RIGHT on PATH? exit 0 allowed, 1 denied, 2 error')
    .argument('<PATH>', 'a file or folder')
    .requiredOption('--identity <name>', 'IUSR, IIS AppPool\\<pool>, a local user, or a service account such as "NETWORK SERVICE"')
    .option('--right <rights>', 'R, RX, W, M, F, (RD,X) or a hex mask; without it: is anything granted')
    .option('--json', 'print DESIGN §7 JSON: token, masks and the ACEs that decided')
    .action(action(async ({ configPath, out }, path: string, options: { identity: string; right?: string }) => {
      const target = resolveTarget(path);
      const { acls, directory } = await loadContext(configPath);
      const token = tokenFor(directory, options.identity);
      const desired = options.right === undefined ? 0 : parseRights(options.right);
      const result = accessCheck({ ...effectiveAcl(acls.chainFor(target.realPath, target.isDirectory)), token, desired });
      if (out.json) out.data(checkJson(target.realPath, token, result, directory));
      else renderCheckText(target.realPath, token, result, directory).forEach((line) => out.line(line));
      return result.allowed ? EXIT.ok : EXIT.negative;
    }));
}
