import type { Command } from 'commander';
import {
  formatLocationKey, loadConfig, LOCATION_DEFAULTS, setValue, type AnonymousIdentity, type UsherConfig,
} from '../../config/index.js';
import { UsherError } from '../../shared/index.js';
import { action, type CommandEnv } from '../command-env.js';
import { editConfig } from '../config-edit.js';
import { quoteArg, sitePool } from '../config-lookup.js';
import { formatIdentity, parseAnonymousIdentity } from '../identity-option.js';
import { locationChain, locationTarget, type LocationTarget } from '../location-target.js';
import { parseOnOff } from '../option-values.js';
import { formatTable } from '../output.js';

interface SetOptions {
  anonymous?: string;
  identity?: string;
  basic?: string;
  realm?: string;
}

/** A value in force at a location, and the `locations:` key that set it (null: Usher's default). */
interface Effective<T> {
  readonly value: T;
  readonly from: string | null;
}

interface EffectiveAuthentication {
  readonly anonymousEnabled: Effective<boolean>;
  readonly identity: Effective<AnonymousIdentity>;
  readonly basicEnabled: Effective<boolean>;
  readonly realm: Effective<string>;
}

/** The nearest location that sets a value wins, from the site root down to the target. */
function effectiveAuthentication(config: UsherConfig, target: LocationTarget): EffectiveAuthentication {
  const defaults = LOCATION_DEFAULTS.authentication;
  let result: EffectiveAuthentication = {
    anonymousEnabled: { value: defaults.anonymous.enabled, from: null },
    identity: { value: defaults.anonymous.identity, from: null },
    basicEnabled: { value: defaults.basic.enabled, from: null },
    realm: { value: defaults.basic.realm, from: null },
  };
  for (const level of locationChain(config, target)) {
    const auth = level.settings.authentication;
    const at = <T>(value: T | undefined, current: Effective<T>): Effective<T> => (value === undefined ? current : { value, from: level.key });
    result = {
      anonymousEnabled: at(auth?.anonymous?.enabled, result.anonymousEnabled),
      identity: at(auth?.anonymous?.identity, result.identity),
      basicEnabled: at(auth?.basic?.enabled, result.basicEnabled),
      realm: at(auth?.basic?.realm, result.realm),
    };
  }
  return result;
}

/** The pool serving `target`: its longest application, else the site's. */
function poolAt(config: UsherConfig, target: LocationTarget): string {
  const site = config.sites!.find((candidate) => candidate.name === target.site)!;
  const path = target.path.toLowerCase();
  const apps = (site.applications ?? []).filter((app) => path === app.path.toLowerCase() || path.startsWith(`${app.path.toLowerCase()}/`));
  const app = apps.sort((a, b) => b.path.length - a.path.length)[0];
  return app?.applicationPool ?? sitePool(site);
}

const origin = (from: string | null) => (from === null ? 'default' : `set at '${from}'`);
const onOff = (value: boolean) => (value ? 'enabled' : 'disabled');

function show(env: CommandEnv, config: UsherConfig, target: LocationTarget): void {
  const auth = effectiveAuthentication(config, target);
  const where = formatLocationKey(target);
  if (env.out.json) {
    env.out.data({
      location: where,
      anonymous: { enabled: auth.anonymousEnabled.value, identity: auth.identity.value },
      basic: { enabled: auth.basicEnabled.value, realm: auth.realm.value },
      from: {
        'anonymous.enabled': auth.anonymousEnabled.from,
        'anonymous.identity': auth.identity.from,
        'basic.enabled': auth.basicEnabled.from,
        'basic.realm': auth.realm.from,
      },
    });
    return;
  }
  const identity = auth.identity.value === 'ApplicationPoolIdentity'
    ? `ApplicationPoolIdentity (IIS AppPool\\${poolAt(config, target)})` : formatIdentity(auth.identity.value);
  env.out.line(`authentication at '${where}'`);
  env.out.line(formatTable(['  SETTING', 'VALUE', 'FROM'], [
    ['  anonymous', onOff(auth.anonymousEnabled.value), origin(auth.anonymousEnabled.from)],
    ['  identity', identity, origin(auth.identity.from)],
    ['  basic', onOff(auth.basicEnabled.value), origin(auth.basicEnabled.from)],
    ['  realm', auth.realm.value, origin(auth.realm.from)],
  ]));
  if (!auth.anonymousEnabled.value && !auth.basicEnabled.value) {
    env.out.line('  no method is enabled here, so every request is refused with 401.2');
  }
}

async function set(env: CommandEnv, where: string, options: SetOptions): Promise<void> {
  const flags = (['anonymous', 'identity', 'basic', 'realm'] as const).flatMap((name) => {
    const value = options[name];
    return value === undefined ? [] : [`--${name} ${quoteArg(value)}`];
  });
  if (flags.length === 0) throw new UsherError('USHER_ERR_CLI_USAGE', 'nothing to change: give --anonymous, --identity, --basic or --realm');
  const anonymous = options.anonymous === undefined ? undefined : parseOnOff(options.anonymous, '--anonymous');
  const basic = options.basic === undefined ? undefined : parseOnOff(options.basic, '--basic');
  const { key, changes } = await editConfig(env.configPath, `auth set ${where} ${flags.join(' ')}`, ({ config, document }) => {
    const target = locationTarget(config, where);
    const base = ['locations', target.key, 'authentication'];
    const done: string[] = [];
    if (anonymous !== undefined) {
      setValue(document, [...base, 'anonymous', 'enabled'], anonymous);
      done.push(`anonymous ${anonymous ? 'on' : 'off'}`);
    }
    if (options.identity !== undefined) {
      const identity = parseAnonymousIdentity(options.identity, config);
      setValue(document, [...base, 'anonymous', 'identity'], identity);
      done.push(`anonymous requests run as ${formatIdentity(identity)}`);
    }
    if (basic !== undefined) {
      setValue(document, [...base, 'basic', 'enabled'], basic);
      done.push(`basic ${basic ? 'on' : 'off'}`);
    }
    if (options.realm !== undefined) {
      setValue(document, [...base, 'basic', 'realm'], options.realm);
      done.push(`realm '${options.realm}'`);
    }
    return { key: target.key, changes: done };
  });
  env.out.line(`authentication at '${key}': ${changes.join(', ')}`);
  const { config } = await loadConfig(env.configPath);
  const after = effectiveAuthentication(config, locationTarget(config, key));
  if (!after.anonymousEnabled.value && !after.basicEnabled.value) {
    env.out.warn(`neither anonymous nor basic authentication is enabled at '${key}': every request there gets 401.2 ` +
      `(enable one with usher auth set ${quoteArg(key)} --basic on)`);
  }
}

export function registerAuthCommands(program: Command): void {
  const auth = program.command('auth').description('see and set authentication (anonymous, basic) at a site or a path of it');

  auth
    .command('show')
    .description('the authentication in force at SITE[/PATH], and where each value comes from')
    .argument('<LOCATION>', "a site, or a path of it: 'Default Web Site/private'")
    .option('--json', 'print the settings and their origins as JSON')
    .action(action(async (env, where: string) => {
      const { config } = await loadConfig(env.configPath);
      show(env, config, locationTarget(config, where));
    }));

  auth
    .command('set')
    .description("set authentication at SITE[/PATH] (written to locations.\"SITE/PATH\".authentication)")
    .argument('<LOCATION>', "a site, or a path of it: 'Default Web Site/private'")
    .option('--anonymous <on|off>', 'let visitors in without credentials')
    .option('--identity <identity>', 'who anonymous requests run as: IUSR, ApplicationPoolIdentity (apppool) or user:NAME')
    .option('--basic <on|off>', 'ask for a local user name and password (use it over https)')
    .option('--realm <text>', 'the realm the browser shows for basic authentication')
    .action(action(async (env, where: string, options: SetOptions) => set(env, where, options)));
}
