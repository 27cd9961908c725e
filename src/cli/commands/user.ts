import type { Command } from 'commander';
import { loadConfig, removeItem, requireItem, setValue, type UsherConfig } from '../../config/index.js';
import { hashPassword } from '../../identity/index.js';
import { UsherError } from '../../shared/index.js';
import { action, type CommandEnv } from '../command-env.js';
import { appendListItem, editConfig } from '../config-edit.js';
import { quoteArg } from '../config-lookup.js';
import { ensureMachineSid, groupsOf, localSid, nextRid, refuseTakenAccountName, requireGroup } from '../local-accounts.js';
import { collect } from '../option-values.js';
import { formatTable } from '../output.js';
import { readPassword } from '../password-input.js';
import { describeRules, dropMemberships, orphanAces, orphanWarning, ruleReferences } from '../principal-references.js';

interface AddOptions {
  group: string[];
  passwordStdin?: boolean;
}

const fold = (text: string) => text.toLowerCase();

function groupNames(config: UsherConfig, names: readonly string[]): string[] {
  const spelled = names.map((name) => requireGroup(config, name).name);
  return [...new Set(spelled)];
}

async function addUser(env: CommandEnv, name: string, options: AddOptions): Promise<void> {
  // Everything that can be refused is refused before the password is asked for.
  const before = (await loadConfig(env.configPath)).config;
  refuseTakenAccountName(before, name, 'user');
  groupNames(before, options.group);
  const password = await readPassword({ fromStdin: Boolean(options.passwordStdin), confirm: true, label: `password for ${name}` });
  const hash = await hashPassword(password);
  const notes: string[] = [];
  const line = await editConfig(env.configPath, `user add ${name}`, (input) => {
    refuseTakenAccountName(input.config, name, 'user');
    const groups = groupNames(input.config, options.group);
    const machine = ensureMachineSid(input);
    if (machine.created) notes.push(`the file had no identities.machineSid: generated ${machine.sid}`);
    const rid = nextRid(input.config, machine.sid);
    appendListItem(input.document, ['identities', 'users'], { name, rid, password: hash, ...(groups.length > 0 ? { groups } : {}) });
    return `added user ${name} (${machine.sid}-${rid})${groups.length > 0 ? `, member of ${groups.join(', ')}` : ''}`;
  });
  env.out.line(line);
  for (const note of notes) env.out.warn(note);
}

async function changePassword(env: CommandEnv, name: string, options: { passwordStdin?: boolean }): Promise<void> {
  const loaded = await loadConfig(env.configPath);
  const { index } = requireItem(loaded.document, ['identities', 'users'], 'name', name, 'local user');
  const spelled = loaded.config.identities!.users![index]!.name;
  const password = await readPassword({ fromStdin: Boolean(options.passwordStdin), confirm: true, label: `new password for ${spelled}` });
  const hash = await hashPassword(password);
  await editConfig(env.configPath, `user passwd ${spelled}`, ({ document }) => {
    const found = requireItem(document, ['identities', 'users'], 'name', name, 'local user');
    setValue(document, [...found.path, 'password'], hash);
  });
  env.out.line(`changed the password of ${spelled}`);
}

/** Places that need the user to exist: removing it would leave them pointing at nobody. */
function refuseWhileNeeded(config: UsherConfig, user: string, sid: string): void {
  const anonymous = Object.entries(config.locations ?? {}).filter(([, settings]) => {
    const identity = settings.authentication?.anonymous?.identity;
    return typeof identity === 'object' && fold(identity.user) === fold(user);
  }).map(([key]) => key);
  if (anonymous.length > 0) {
    throw new UsherError('USHER_ERR_CLI_USAGE', `${user} is the anonymous identity at ${anonymous.map((key) => `'${key}'`).join(', ')}: ` +
      `set another first (usher auth set ${quoteArg(anonymous[0]!)} --identity IUSR)`);
  }
  const pools = (config.applicationPools ?? []).filter((pool) => typeof pool.identity === 'object' && fold(pool.identity.user) === fold(user)).map((pool) => pool.name);
  if (pools.length > 0) {
    throw new UsherError('USHER_ERR_CLI_USAGE', `${user} is the identity of pool ${pools.map((pool) => `'${pool}'`).join(', ')}: ` +
      `set another first (usher pool set ${quoteArg(pools[0]!)} --identity ApplicationPoolIdentity)`);
  }
  const rules = ruleReferences(config, sid);
  if (rules.length > 0) {
    throw new UsherError('USHER_ERR_CLI_USAGE', `${user} is named by ${describeRules(rules)}: remove it from the rule first ` +
      `(usher authz list ${quoteArg(rules[0]!.location)}, then usher authz remove ${quoteArg(rules[0]!.location)} ${rules[0]!.number})`);
  }
}

async function removeUser(env: CommandEnv, name: string): Promise<void> {
  const notes: string[] = [];
  const line = await editConfig(env.configPath, `user remove ${name}`, (input) => {
    const { config, document } = input;
    const { index } = requireItem(document, ['identities', 'users'], 'name', name, 'local user');
    const user = config.identities!.users![index]!;
    const sid = localSid(config, user.rid);
    refuseWhileNeeded(config, user.name, sid);
    dropMemberships(document, config, sid);
    const aces = orphanAces(document, config, sid);
    removeItem(document, ['identities', 'users'], index);
    if (aces.length > 0) {
      notes.push(orphanWarning(aces, user.name, sid));
    }
    return `removed user ${user.name} (${sid})`;
  });
  env.out.line(line);
  for (const note of notes) env.out.warn(note);
}

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('local users, for basic authentication and as specific identities');

  user
    .command('list')
    .description('local users with their SIDs and groups (never their password hashes)')
    .option('--json', 'print the users as JSON')
    .action(action(async ({ configPath, out }) => {
      const { config } = await loadConfig(configPath);
      const users = (config.identities?.users ?? []).map((entry) => ({
        name: entry.name, sid: localSid(config, entry.rid), rid: entry.rid, groups: groupsOf(config, entry.name),
      }));
      if (out.json) {
        out.data({ users });
        return;
      }
      if (users.length === 0) {
        out.line('no local users yet: add one with usher user add NAME');
        return;
      }
      out.line(formatTable(['NAME', 'SID', 'GROUPS'], users.map((entry) => [entry.name, entry.sid, entry.groups.join(', ')])));
    }));

  user
    .command('add')
    .description('add a local user; the password is asked for twice, or read from the first line of stdin')
    .argument('<NAME>', 'the user name')
    .option('--group <group>', 'a local or built-in group to put the user in (repeatable)', collect)
    .option('--password-stdin', 'read the password from the first line of standard input')
    .action(action(async (env, name: string, options: Partial<AddOptions>) => addUser(env, name, { ...options, group: options.group ?? [] })));

  user
    .command('passwd')
    .description("change a local user's password")
    .argument('<NAME>', 'the user')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .action(action(async (env, name: string, options: { passwordStdin?: boolean }) => changePassword(env, name, options)));

  user
    .command('remove')
    .description('remove a local user (refused while it is an anonymous or pool identity, or named by a URL rule)')
    .argument('<NAME>', 'the user')
    .action(action(async (env, name: string) => removeUser(env, name)));
}

