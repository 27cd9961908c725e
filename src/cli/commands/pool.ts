import type { Command } from 'commander';
import {
  APPLICATION_POOL_DEFAULTS, applicationPoolSchema, loadConfig, removeItem, requireItem, setValue,
  type ApplicationPoolConfig, type FieldPath, type UsherConfig,
} from '../../config/index.js';
import { poolSid } from '../../identity/index.js';
import { UsherError } from '../../shared/index.js';
import { action, type CommandEnv } from '../command-env.js';
import { appendListItem, editConfig, type EditInput } from '../config-edit.js';
import { quoteArg, requireValidName, sameName, sitePool } from '../config-lookup.js';
import { formatIdentity, parsePoolIdentity } from '../identity-option.js';
import { parseDurationOption, parseOnOff, parseWholeNumber } from '../option-values.js';
import { formatTable } from '../output.js';
import { describeRules, dropMemberships, orphanAces, orphanWarning, ruleReferences } from '../principal-references.js';

interface PoolOptions {
  identity?: string;
  manualGroupMembership?: string;
  idleTimeout?: string;
  maxProcesses?: string;
  autoStart?: string;
}

interface PoolUse {
  readonly site: string;
  /** `/` for the site itself. */
  readonly application: string;
}

function poolUses(config: UsherConfig, pool: string): PoolUse[] {
  return (config.sites ?? []).flatMap((site) => [
    ...(sameName(sitePool(site), pool) ? [{ site: site.name, application: '/' }] : []),
    ...(site.applications ?? []).filter((app) => app.applicationPool !== undefined && sameName(app.applicationPool, pool))
      .map((app) => ({ site: site.name, application: app.path })),
  ]);
}

const describeUse = (use: PoolUse) => (use.application === '/' ? `site '${use.site}'` : `application '${use.site}${use.application}'`);

function poolJson(config: UsherConfig, pool: ApplicationPoolConfig) {
  return {
    name: pool.name,
    sid: poolSid(pool.name),
    identity: pool.identity ?? APPLICATION_POOL_DEFAULTS.identity,
    manualGroupMembership: pool.manualGroupMembership ?? APPLICATION_POOL_DEFAULTS.manualGroupMembership,
    autoStart: pool.autoStart ?? APPLICATION_POOL_DEFAULTS.autoStart,
    idleTimeout: pool.idleTimeout ?? APPLICATION_POOL_DEFAULTS.idleTimeout,
    maxProcesses: pool.maxProcesses ?? APPLICATION_POOL_DEFAULTS.maxProcesses,
    usedBy: poolUses(config, pool.name),
  };
}

/** Writes the options that were given and says what they changed. */
function applyOptions({ config, document }: EditInput, path: FieldPath, options: PoolOptions): string[] {
  const changes: string[] = [];
  if (options.identity !== undefined) {
    const identity = parsePoolIdentity(options.identity, config);
    setValue(document, [...path, 'identity'], identity);
    changes.push(`identity ${formatIdentity(identity)}`);
  }
  if (options.manualGroupMembership !== undefined) {
    const manual = parseOnOff(options.manualGroupMembership, '--manual-group-membership');
    setValue(document, [...path, 'manualGroupMembership'], manual);
    changes.push(manual ? 'workers leave IIS_IUSRS out of their token' : 'workers carry IIS_IUSRS');
  }
  if (options.idleTimeout !== undefined) {
    const timeout = parseDurationOption(options.idleTimeout, '--idle-timeout');
    setValue(document, [...path, 'idleTimeout'], timeout);
    changes.push(`idle timeout ${timeout}`);
  }
  if (options.maxProcesses !== undefined) {
    const count = parseWholeNumber(options.maxProcesses, '--max-processes', { min: 1, max: 1024 });
    setValue(document, [...path, 'maxProcesses'], count);
    changes.push(`${count} worker${count === 1 ? '' : 's'} at most`);
  }
  if (options.autoStart !== undefined) {
    const autoStart = parseOnOff(options.autoStart, '--auto-start');
    setValue(document, [...path, 'autoStart'], autoStart);
    changes.push(`auto-start ${autoStart ? 'on' : 'off'}`);
  }
  return changes;
}

async function addPool(env: CommandEnv, name: string, options: PoolOptions): Promise<void> {
  requireValidName(applicationPoolSchema.shape.name, name);
  const line = await editConfig(env.configPath, `pool add ${name}`, (input) => {
    const taken = (input.config.applicationPools ?? []).find((pool) => sameName(pool.name, name));
    if (taken) throw new UsherError('USHER_ERR_CFG_EXISTS', `pool '${taken.name}' already exists: change it with usher pool set ${quoteArg(taken.name)}`);
    const index = appendListItem(input.document, ['applicationPools'], { name, identity: APPLICATION_POOL_DEFAULTS.identity });
    const changes = applyOptions(input, ['applicationPools', index], options);
    if (options.identity === undefined) changes.unshift(`identity ${APPLICATION_POOL_DEFAULTS.identity}`);
    return `added pool '${name}' (runs as IIS AppPool\\${name}, ${poolSid(name)}): ${changes.join(', ')}`;
  });
  env.out.line(line);
}

async function setPool(env: CommandEnv, name: string, options: PoolOptions): Promise<void> {
  const line = await editConfig(env.configPath, `pool set ${name}`, (input) => {
    const { index, path } = requireItem(input.document, ['applicationPools'], 'name', name, 'application pool');
    const changes = applyOptions(input, path, options);
    if (changes.length === 0) {
      throw new UsherError('USHER_ERR_CLI_USAGE', 'nothing to change: give --identity, --manual-group-membership, --idle-timeout, --max-processes or --auto-start');
    }
    return `changed pool '${input.config.applicationPools![index]!.name}': ${changes.join(', ')}`;
  });
  env.out.line(line);
}

async function removePool(env: CommandEnv, name: string): Promise<void> {
  const notes: string[] = [];
  const line = await editConfig(env.configPath, `pool remove ${name}`, (input) => {
    const { config, document } = input;
    const { index } = requireItem(document, ['applicationPools'], 'name', name, 'application pool');
    const pool = config.applicationPools![index]!;
    const uses = poolUses(config, pool.name);
    if (uses.length > 0) {
      const moves = uses.map((use) => (use.application === '/' ? `usher site set ${quoteArg(use.site)} --pool P`
        : `usher app set ${quoteArg(use.site)} ${use.application} --pool P`));
      throw new UsherError('USHER_ERR_CLI_USAGE', `pool '${pool.name}' is used by ${uses.map(describeUse).join(', ')}: ` +
        `move ${uses.length === 1 ? 'it' : 'them'} to another pool first (${moves.join('; ')})`);
    }
    const sid = poolSid(pool.name);
    const rules = ruleReferences(config, sid);
    if (rules.length > 0) {
      throw new UsherError('USHER_ERR_CLI_USAGE', `IIS AppPool\\${pool.name} is named by ${describeRules(rules)}: remove it there first (usher authz list LOCATION)`);
    }
    const groups = dropMemberships(document, config, sid);
    const aces = orphanAces(document, config, sid);
    removeItem(document, ['applicationPools'], index);
    if (groups.length > 0) notes.push(`IIS AppPool\\${pool.name} was taken out of ${groups.join(', ')}`);
    if (aces.length > 0) {
      notes.push(orphanWarning(aces, `IIS AppPool\\${pool.name}`, sid, ' (a pool of the same name gets them back)'));
    }
    return `removed pool '${pool.name}'`;
  });
  env.out.line(line);
  for (const note of notes) env.out.warn(note);
}

const POOL_OPTIONS: readonly [string, string][] = [
  ['--identity <identity>', 'ApplicationPoolIdentity (apppool), NetworkService, LocalService, LocalSystem or user:NAME'],
  ['--manual-group-membership <on|off>', 'on leaves IIS_IUSRS out of the worker token'],
  ['--idle-timeout <duration>', 'stop idle workers after this long, e.g. 20m (0 never)'],
  ['--max-processes <n>', 'workers per pool; more than 1 is a web garden'],
  ['--auto-start <on|off>', 'start the pool with the server'],
];

export function registerPoolCommands(program: Command): void {
  const pool = program.command('pool').description('list, add, change and remove application pools (the identity workers run as)');

  pool
    .command('list')
    .description('every pool with its identity, settings and who uses it')
    .option('--json', 'print the pools as JSON')
    .action(action(async ({ configPath, out }) => {
      const { config } = await loadConfig(configPath);
      const pools = (config.applicationPools ?? []).map((entry) => poolJson(config, entry));
      if (out.json) {
        out.data({ pools });
        return;
      }
      out.line(formatTable(['NAME', 'IDENTITY', 'IIS_IUSRS', 'AUTO-START', 'IDLE', 'MAX PROCESSES', 'USED BY'], pools.map((p) => [
        p.name, formatIdentity(p.identity), p.manualGroupMembership ? 'no (manual)' : 'yes', p.autoStart ? 'on' : 'off',
        String(p.idleTimeout), String(p.maxProcesses),
        p.usedBy.map((use) => (use.application === '/' ? use.site : `${use.site}${use.application}`)).join(', ') || '-',
      ])));
    }));

  const add = pool.command('add').description('add an application pool').argument('<NAME>', 'the pool name');
  const set = pool.command('set').description("change a pool's identity or settings").argument('<NAME>', 'the pool to change');
  for (const [flags, description] of POOL_OPTIONS) {
    add.option(flags, description);
    set.option(flags, description);
  }
  add.action(action(async (env, name: string, options: PoolOptions) => addPool(env, name, options)));
  set.action(action(async (env, name: string, options: PoolOptions) => setPool(env, name, options)));

  pool
    .command('remove')
    .description('remove a pool no site or application uses')
    .argument('<NAME>', 'the pool to remove')
    .action(action(async (env, name: string) => removePool(env, name)));
}
