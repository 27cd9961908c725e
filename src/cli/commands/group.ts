import type { Command } from 'commander';
import {
  BUILTIN_GROUPS, deleteValue, directoryOf, findItem, loadConfig, removeItem, setValue, type UsherConfig,
} from '../../config/index.js';
import type { Principal } from '../../identity/index.js';
import { UsherError } from '../../shared/index.js';
import { action, type CommandEnv } from '../command-env.js';
import { appendListItem, editConfig, type EditInput } from '../config-edit.js';
import { quoteArg } from '../config-lookup.js';
import { ensureMachineSid, membersOf, nextRid, refuseTakenAccountName, requireGroup, type GroupRef } from '../local-accounts.js';
import { collect } from '../option-values.js';
import { formatTable } from '../output.js';
import { describeRules, dropMemberships, orphanAces, orphanWarning, ruleReferences } from '../principal-references.js';
import { applyMembership } from '../group-membership.js';

const fold = (text: string) => text.toLowerCase();

interface GroupRow {
  readonly name: string;
  readonly sid: string;
  readonly builtin: boolean;
  readonly members: readonly string[];
}

/** Local groups, then the built-in groups the file adds members to. */
function groupRows(config: UsherConfig): GroupRow[] {
  const directory = directoryOf(config);
  const local = (config.identities?.groups ?? []).filter((group) => group.rid !== undefined)
    .map((group) => ({ name: group.name, sid: directory.resolve(group.name).sid, builtin: false, members: membersOf(config, group.name) }));
  const builtin = BUILTIN_GROUPS.map((name) => ({ name, sid: directory.resolve(name).sid, builtin: true, members: membersOf(config, name) }))
    .filter((row) => row.members.length > 0);
  return [...local, ...builtin];
}

async function addGroup(env: CommandEnv, name: string): Promise<void> {
  const notes: string[] = [];
  const line = await editConfig(env.configPath, `group add ${name}`, (input) => {
    refuseTakenAccountName(input.config, name, 'group');
    const machine = ensureMachineSid(input);
    if (machine.created) notes.push(`the file had no identities.machineSid: generated ${machine.sid}`);
    const rid = nextRid(input.config, machine.sid);
    appendListItem(input.document, ['identities', 'groups'], { name, rid });
    return `added group ${name} (${machine.sid}-${rid})`;
  });
  env.out.line(line);
  for (const note of notes) env.out.warn(note);
}

function refuseBuiltin(group: GroupRef, what: string): void {
  if (group.builtin) {
    throw new UsherError('USHER_ERR_CLI_USAGE', `${group.name} is a built-in group with a well-known SID and cannot be ${what}: ` +
      `take members out with usher group members ${group.name} --remove NAME`);
  }
}

/** Takes the group out of every user's `groups` list. */
function dropFromUsers({ config, document }: EditInput, group: string): string[] {
  const dropped: string[] = [];
  (config.identities?.users ?? []).forEach((user, index) => {
    const groups = user.groups ?? [];
    const kept = groups.filter((name) => fold(name) !== fold(group));
    if (kept.length === groups.length) return;
    dropped.push(user.name);
    if (kept.length === 0) deleteValue(document, ['identities', 'users', index, 'groups']);
    else setValue(document, ['identities', 'users', index, 'groups'], kept);
  });
  return dropped;
}

async function removeGroup(env: CommandEnv, name: string): Promise<void> {
  const notes: string[] = [];
  const line = await editConfig(env.configPath, `group remove ${name}`, (input) => {
    const { config, document } = input;
    const group = requireGroup(config, name);
    refuseBuiltin(group, 'removed');
    const rules = ruleReferences(config, group.sid);
    if (rules.length > 0) {
      throw new UsherError('USHER_ERR_CLI_USAGE', `${group.name} is named by ${describeRules(rules)}: remove it from the rule first ` +
        `(usher authz list ${quoteArg(rules[0]!.location)}, then usher authz remove ${quoteArg(rules[0]!.location)} ${rules[0]!.number})`);
    }
    const users = dropFromUsers(input, group.name);
    dropMemberships(document, config, group.sid);
    const aces = orphanAces(document, config, group.sid);
    // Found again: dropping memberships may have removed built-in entries before it.
    removeItem(document, ['identities', 'groups'], findItem(document, ['identities', 'groups'], 'name', group.name)!.index);
    if (aces.length > 0) {
      notes.push(orphanWarning(aces, group.name, group.sid));
    }
    return `removed group ${group.name} (${group.sid})${users.length > 0 ? `; ${users.join(', ')} ${users.length === 1 ? 'is' : 'are'} no longer in it` : ''}`;
  });
  env.out.line(line);
  for (const note of notes) env.out.warn(note);
}

function showMembers(env: CommandEnv, config: UsherConfig, name: string): void {
  const group = requireGroup(config, name);
  const directory = directoryOf(config);
  const members = membersOf(config, group.name).map((member): Principal => directory.resolve(member));
  if (env.out.json) {
    env.out.data({ group: group.name, sid: group.sid, members: members.map((member) => ({ name: member.name, sid: member.sid })) });
    return;
  }
  if (members.length === 0) {
    env.out.line(`${group.name} (${group.sid}) has no members${group.builtin ? ' added in this file' : ''}: add some with usher group members ${quoteArg(group.name)} --add NAME`);
    return;
  }
  env.out.line(formatTable(['MEMBER', 'SID'], members.map((member) => [member.name, member.sid])));
}

export function registerGroupCommands(program: Command): void {
  const group = program.command('group').description('local groups, and members of built-in groups such as IIS_IUSRS');

  group
    .command('list')
    .description('local groups, and the built-in groups this file adds members to')
    .option('--json', 'print the groups as JSON')
    .action(action(async ({ configPath, out }) => {
      const rows = groupRows((await loadConfig(configPath)).config);
      if (out.json) {
        out.data({ groups: rows });
        return;
      }
      if (rows.length === 0) {
        out.line('no local groups yet: add one with usher group add NAME');
        return;
      }
      out.line(formatTable(['NAME', 'SID', 'MEMBERS'], rows.map((row) => [row.builtin ? `${row.name} (built-in)` : row.name, row.sid, row.members.join(', ')])));
    }));

  group
    .command('add')
    .description('add a local group')
    .argument('<NAME>', 'the group name')
    .action(action(async (env, name: string) => addGroup(env, name)));

  group
    .command('remove')
    .description("remove a local group (its users' memberships go with it; ACEs naming it stay, orphaned)")
    .argument('<NAME>', 'the group')
    .action(action(async (env, name: string) => removeGroup(env, name)));

  group
    .command('members')
    .description("show a group's members, or add and remove them (local users, IUSR, 'IIS AppPool\\<pool>', …)")
    .argument('<NAME>', 'a local group, or a built-in one such as IIS_IUSRS')
    .option('--add <principal>', 'a member to add (repeatable)', collect)
    .option('--remove <principal>', 'a member to take out (repeatable)', collect)
    .option('--json', 'print the members as JSON (without --add and --remove)')
    .action(action(async (env, name: string, given: { add?: string[]; remove?: string[] }) => {
      const options = { add: given.add ?? [], remove: given.remove ?? [] };
      if (options.add.length === 0 && options.remove.length === 0) {
        showMembers(env, (await loadConfig(env.configPath)).config, name);
        return;
      }
      const flags = [...options.add.map((p) => `--add ${quoteArg(p)}`), ...options.remove.map((p) => `--remove ${quoteArg(p)}`)];
      const line = await editConfig(env.configPath, `group members ${name} ${flags.join(' ')}`, (input) => applyMembership(input, name, options));
      env.out.line(line);
    }));
}
