import type { Command } from 'commander';
import {
  appendItem, deleteValue, directoryOf, formatLocationKey, isAuthorizationClear, loadConfig, LOCATION_DEFAULTS, removeItem, setValue,
  type AuthorizationClearConfig, type AuthorizationRuleConfig, type UsherConfig,
} from '../../config/index.js';
import { UsherError } from '../../shared/index.js';
import { action, type CommandEnv } from '../command-env.js';
import { editConfig } from '../config-edit.js';
import { quoteArg } from '../config-lookup.js';
import { locationChain, locationTarget, type LocationTarget } from '../location-target.js';
import { commaList, parseWholeNumber } from '../option-values.js';
import { formatTable } from '../output.js';

interface AddOptions {
  allow?: boolean;
  deny?: boolean;
  users?: string;
  roles?: string;
  verbs?: string;
}

type ListedRule = ListedEntry & (AuthorizationRuleConfig | AuthorizationClearConfig);

interface ListedEntry {
  /** 1-based among the rules set at the target itself; null for inherited ones. */
  readonly number: number | null;
  /** The location key that sets it, or null for Usher's default rule. */
  readonly from: string | null;
  readonly inherited: boolean;
}

/**
 * IIS URL Authorization keeps every level's rules: the default (allow everyone), then each location
 * from the site root down; a `clear` drops what came before it. Deny rules are checked first,
 * parent first, then allow rules.
 */
function rulesAt(config: UsherConfig, target: LocationTarget): ListedRule[] {
  let rules: ListedRule[] = LOCATION_DEFAULTS.authorization.map((rule) => ({ ...rule, number: null, from: null, inherited: true }));
  for (const level of locationChain(config, target)) {
    const own = level.key === target.key;
    (level.settings.authorization ?? []).forEach((rule, index) => {
      const listed: ListedRule = { ...rule, number: own ? index + 1 : null, from: level.key, inherited: !own };
      rules = isAuthorizationClear(rule) ? [listed] : [...rules, listed];
    });
  }
  return rules;
}

const describeRule = (rule: AuthorizationRuleConfig | AuthorizationClearConfig) =>
  isAuthorizationClear(rule)
    ? 'clear (rules from above, and the default allow *, stop here)'
    : [rule.access, ...(['users', 'roles', 'verbs'] as const).flatMap((field) => (rule[field] === undefined ? [] : [`${field}="${rule[field]}"`]))].join(' ');

const VERB = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Checks names the way the server will resolve them, and writes lists the one way: `a,b`. */
function checkedList(config: UsherConfig, text: string, field: 'users' | 'roles'): string {
  const directory = directoryOf(config);
  const names = commaList(text);
  if (names.includes('')) throw new UsherError('USHER_ERR_CLI_USAGE', `--${field} has an empty name (two commas, or a trailing comma)`);
  for (const name of names) {
    if (name === '*' || name === '?') {
      if (field === 'roles') throw new UsherError('USHER_ERR_CLI_USAGE', `'${name}' belongs in --users, not --roles`);
      continue;
    }
    const principal = directory.resolve(name);
    if (field === 'roles' && !principal.kind.endsWith('group')) {
      throw new UsherError('USHER_ERR_CLI_USAGE', `'${name}' is not a group, so it cannot be a role: put users in --users`);
    }
  }
  return names.join(',');
}

function listRules(env: CommandEnv, config: UsherConfig, target: LocationTarget): void {
  const rules = rulesAt(config, target);
  const where = formatLocationKey(target);
  if (env.out.json) {
    env.out.data({
      location: where,
      rules: rules.map((rule) => isAuthorizationClear(rule)
        ? { number: rule.number, clear: true, from: rule.from, inherited: rule.inherited }
        : {
          number: rule.number, access: rule.access, users: rule.users ?? null, roles: rule.roles ?? null, verbs: rule.verbs ?? null,
          from: rule.from, inherited: rule.inherited,
        }),
    });
    return;
  }
  env.out.line(`URL authorization at '${where}' (deny rules are checked first, parent first; then allow rules; no match is a 401.2)`);
  env.out.line(formatTable(['  N', 'ACCESS', 'USERS', 'ROLES', 'VERBS', 'FROM'], rules.map((rule) => [
    `  ${rule.number ?? '-'}`,
    ...(isAuthorizationClear(rule) ? ['clear', '', '', ''] : [rule.access, rule.users ?? '', rule.roles ?? '', rule.verbs ?? '(all)']),
    rule.from === null ? 'default (inherited)' : rule.inherited ? `'${rule.from}' (inherited)` : 'here',
  ])));
}

async function addRule(env: CommandEnv, where: string, options: AddOptions): Promise<void> {
  if (options.allow === options.deny) throw new UsherError('USHER_ERR_CLI_USAGE', 'say --allow or --deny (one of them)');
  if (options.users === undefined && options.roles === undefined) {
    throw new UsherError('USHER_ERR_CLI_USAGE', 'a rule needs --users or --roles: --users "*" for everyone, "?" for anonymous visitors, or names');
  }
  let verbs: string | undefined;
  if (options.verbs !== undefined) {
    const list = commaList(options.verbs);
    const bad = list.filter((verb) => !VERB.test(verb));
    if (bad.length > 0) throw new UsherError('USHER_ERR_CLI_USAGE', `--verbs: not an HTTP method: '${bad.join("', '")}' (write --verbs GET,HEAD)`);
    verbs = list.join(',');
  }
  const access = options.allow ? 'allow' : 'deny';
  const flags = (['users', 'roles', 'verbs'] as const).flatMap((field) => {
    const value = options[field];
    return value === undefined ? [] : [`--${field} ${quoteArg(value)}`];
  });
  const { key, rule, number } = await editConfig(env.configPath, `authz add ${where} --${access} ${flags.join(' ')}`, ({ config, document }) => {
    const target = locationTarget(config, where);
    const rule: AuthorizationRuleConfig = {
      access,
      ...(options.users !== undefined ? { users: checkedList(config, options.users, 'users') } : {}),
      ...(options.roles !== undefined ? { roles: checkedList(config, options.roles, 'roles') } : {}),
      ...(verbs !== undefined ? { verbs } : {}),
    };
    const index = appendItem(document, ['locations', target.key, 'authorization'], rule);
    return { key: target.key, rule, number: index + 1 };
  });
  env.out.line(`authorization at '${key}': added rule ${number}: ${describeRule(rule)}`);
}

async function removeRule(env: CommandEnv, where: string, n: string): Promise<void> {
  const number = parseWholeNumber(n, 'the rule number', { min: 1, max: Number.MAX_SAFE_INTEGER });
  const { key, rule } = await editConfig(env.configPath, `authz remove ${where} ${number}`, ({ config, document }) => {
    const target = locationTarget(config, where);
    const own = config.locations?.[target.key]?.authorization ?? [];
    const rule = own[number - 1];
    if (!rule) {
      const has = own.length === 0 ? 'sets no rules of its own' : `sets ${own.length} rule${own.length === 1 ? '' : 's'}`;
      throw new UsherError('USHER_ERR_CFG_NO_ITEM', `'${target.key}' ${has}, so there is no rule ${number} there: ` +
        `see usher authz list ${quoteArg(target.key)} (inherited rules are removed where they are set)`);
    }
    removeItem(document, ['locations', target.key, 'authorization'], number - 1);
    if (own.length === 1) deleteValue(document, ['locations', target.key, 'authorization'], { prune: true });
    return { key: target.key, rule };
  });
  env.out.line(`authorization at '${key}': removed rule ${number}: ${describeRule(rule)}`);
}

/** IIS's `<clear/>`: put first in the location's own list, so only rules set here and below apply. */
async function clearInherited(env: CommandEnv, where: string): Promise<void> {
  const { key, added } = await editConfig(env.configPath, `authz clear ${where}`, ({ config, document }) => {
    const target = locationTarget(config, where);
    const own = config.locations?.[target.key]?.authorization ?? [];
    if (own.some(isAuthorizationClear)) return { key: target.key, added: false };
    setValue(document, ['locations', target.key, 'authorization'], [{ clear: true }, ...own]);
    return { key: target.key, added: true };
  });
  env.out.line(added
    ? `authorization at '${key}': rules from above, and the default allow *, no longer apply here; add the ones you want with usher authz add`
    : `authorization at '${key}' already starts with clear`);
}

export function registerAuthzCommands(program: Command): void {
  const authz = program.command('authz').description('URL authorization rules (IIS <authorization>) at a site or a path of it');

  authz
    .command('list')
    .description('the rules at SITE[/PATH], with the ones inherited from above marked')
    .argument('<LOCATION>', "a site, or a path of it: 'Default Web Site/private'")
    .option('--json', 'print the rules as JSON')
    .action(action(async (env, where: string) => {
      const { config } = await loadConfig(env.configPath);
      listRules(env, config, locationTarget(config, where));
    }));

  authz
    .command('add')
    .description('add an allow or deny rule at SITE[/PATH]')
    .argument('<LOCATION>', "a site, or a path of it: 'Default Web Site/private'")
    .option('--allow', 'an allow rule')
    .option('--deny', 'a deny rule (checked before every allow rule, at any level)')
    .option('--users <names>', '"*" everyone, "?" anonymous visitors, or user names, comma-separated')
    .option('--roles <groups>', 'group names, comma-separated')
    .option('--verbs <verbs>', 'HTTP methods, comma-separated and case-sensitive, e.g. GET,HEAD (default: all)')
    .action(action(async (env, where: string, options: AddOptions) => addRule(env, where, options)));

  authz
    .command('clear')
    .description("stop inheriting rules at SITE[/PATH], the default allow * included (IIS's <clear/>)")
    .argument('<LOCATION>', "a site, or a path of it: 'Default Web Site/private'")
    .action(action(async (env, where: string) => clearInherited(env, where)));

  authz
    .command('remove')
    .description('remove rule N of SITE[/PATH] (numbered as usher authz list shows it)')
    .argument('<LOCATION>', "a site, or a path of it: 'Default Web Site/private'")
    .argument('<N>', 'the rule number at that location')
    .action(action(async (env, where: string, n: string) => removeRule(env, where, n)));
}
