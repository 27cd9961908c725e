import {
  APPLICATION_POOL_DEFAULTS, applicationPoolSchema, parseDuration, type ApplicationPoolConfig, type PoolIdentity,
} from '../../config/index.js';
import { readAttributes, type AttributeReader } from './attributes.js';
import { describeSecret } from './secrets.js';
import { formatDuration, parseBool, parseTimeSpan, parseUint } from './values.js';
import type { Place, WarningSink } from './warnings.js';
import { attr, childrenNamed, firstChild, type XmlElement } from './xml-tree.js';

export interface ImportedPool {
  readonly config: ApplicationPoolConfig;
  readonly place: Place;
}

const IDENTITIES: Readonly<Record<string, PoolIdentity>> = {
  applicationpoolidentity: 'ApplicationPoolIdentity',
  networkservice: 'NetworkService',
  localservice: 'LocalService',
  localsystem: 'LocalSystem',
};

const NO_DOTNET = 'Usher runs no .NET';
const NO_WINDOWS = 'Usher workers are not Windows processes';

/** Attribute names of one pool element (or of applicationPoolDefaults), child → names, for the report. */
function describe(element: XmlElement, sink: WarningSink, subject: string): void {
  const report = (target: XmlElement | undefined, what: string, fill: (attrs: AttributeReader) => void) => {
    if (!target) return;
    const attrs = readAttributes(target, sink);
    fill(attrs);
    attrs.done(what);
  };
  report(element, subject, (attrs) => {
    attrs.take('name');
    attrs.take('autoStart');
    attrs.drop('managedRuntimeVersion', NO_DOTNET, ['']);
    attrs.drop('managedRuntimeLoader', NO_DOTNET, ['webengine4.dll']);
    attrs.drop('managedPipelineMode', NO_DOTNET, ['Integrated']);
    attrs.drop('CLRConfigFile', NO_DOTNET, ['']);
    attrs.drop('enable32BitAppOnWin64', NO_WINDOWS, ['false']);
    attrs.drop('queueLength', 'Usher has no request queue limit', ['1000']);
    attrs.drop('startMode', 'Usher starts workers on demand', ['OnDemand']);
    attrs.drop('passAnonymousToken', 'Usher builds anonymous tokens itself', ['true']);
  });
  report(firstChild(element, 'processModel'), `${subject} <processModel>`, (attrs) => {
    for (const name of ['identityType', 'userName', 'password', 'manualGroupMembership', 'idleTimeout', 'maxProcesses']) attrs.take(name);
    attrs.drop('loadUserProfile', NO_WINDOWS, ['false']);
    attrs.drop('setProfileEnvironment', NO_WINDOWS, ['true']);
    attrs.drop('logonType', NO_WINDOWS, ['LogonBatch']);
    attrs.drop('idleTimeoutAction', 'Usher stops idle workers', ['Terminate']);
    attrs.drop('pingingEnabled', 'Usher has no worker pings', ['true']);
    attrs.drop('pingInterval', 'Usher has no worker pings', ['00:00:30']);
    attrs.drop('pingResponseTime', 'Usher has no worker pings', ['00:01:30']);
    attrs.drop('startupTimeLimit', 'Usher has no worker time limits', ['00:01:30']);
    attrs.drop('shutdownTimeLimit', 'Usher has no worker time limits', ['00:01:30']);
  });
  const recycling = firstChild(element, 'recycling');
  report(recycling, `${subject} <recycling>`, (attrs) => {
    attrs.drop('logEventOnRecycle', 'Usher logs every recycle', ['Time, Requests, Schedule, Memory, IsapiUnhealthy, OnDemand, ConfigChange, PrivateMemory']);
    attrs.drop('disallowOverlappingRotation', 'Usher always overlaps', ['false']);
    attrs.drop('disallowRotationOnConfigChange', 'Usher reloads without recycling', ['false']);
  });
  const restart = recycling ? firstChild(recycling, 'periodicRestart') : undefined;
  report(restart, `${subject} <periodicRestart>`, (attrs) => {
    attrs.take('time');
    attrs.take('requests');
    attrs.take('privateMemory');
    attrs.drop('memory', 'Usher recycles on private memory only (recycling.memory)', ['0']);
  });
  const schedule = restart ? firstChild(restart, 'schedule') : undefined;
  const times = (schedule ? childrenNamed(schedule, 'add') : []).map((add) => attr(add, 'value'));
  if (schedule && times.length > 0) {
    sink.warn(schedule, `${subject}: recycling at ${times.join(', ')} is not carried over: Usher recycles after a time, a number of requests or a memory size`);
  }
  report(firstChild(element, 'failure'), `${subject} <failure>`, (attrs) => {
    attrs.take('rapidFailProtection');
    attrs.take('rapidFailProtectionMaxCrashes');
    attrs.take('rapidFailProtectionInterval');
    attrs.drop('loadBalancerCapabilities', 'Usher has no load-balancer integration', ['HttpLevel']);
    attrs.drop('orphanWorkerProcess', 'Usher never orphans workers', ['false']);
  });
  report(firstChild(element, 'cpu'), `${subject} <cpu>`, (attrs) => {
    for (const name of ['limit', 'action', 'resetInterval', 'smpAffinitized', 'smpProcessorAffinityMask', 'smpProcessorAffinityMask2']) {
      attrs.drop(name, 'Usher has no CPU limits', ['0', 'NoAction', '00:05:00', 'false', '4294967295']);
    }
  });
  const variables = firstChild(element, 'environmentVariables');
  if (variables && variables.children.some((child) => child.name === 'add')) {
    sink.warn(variables, `${subject}: environment variables are not carried over: Usher workers get no per-pool environment`);
  }
}

/** An attribute of the pool, or of applicationPoolDefaults when the pool does not set it (IIS's folding). */
function folded(pool: XmlElement, defaults: XmlElement | undefined, child: string | undefined, name: string): string | undefined {
  const pick = (element: XmlElement | undefined) => {
    if (!element) return undefined;
    const target = child === undefined ? element : firstChild(element, child === 'periodicRestart' ? 'recycling' : child);
    const inner = child === 'periodicRestart' && target ? firstChild(target, 'periodicRestart') : target;
    return inner ? attr(inner, name) : undefined;
  };
  return pick(pool) ?? pick(defaults);
}

const durationDiffers = (seconds: number, fallback: string) => seconds * 1000 !== parseDuration(fallback);

function poolConfig(pool: XmlElement, defaults: XmlElement | undefined, name: string, sink: WarningSink): ApplicationPoolConfig {
  const get = (child: string | undefined, attribute: string) => folded(pool, defaults, child, attribute);
  const config: { -readonly [K in keyof ApplicationPoolConfig]: ApplicationPoolConfig[K] } = { name };
  const identityType = get('processModel', 'identityType') ?? 'ApplicationPoolIdentity';
  const known = IDENTITIES[identityType.toLowerCase()];
  const processModel = firstChild(pool, 'processModel') ?? pool;
  if (known) config.identity = known;
  else {
    config.identity = 'ApplicationPoolIdentity';
    const user = get('processModel', 'userName') ?? '';
    const secret = describeSecret(get('processModel', 'password'));
    sink.warn(processModel, identityType.toLowerCase() === 'specificuser'
      ? `pool '${name}' ran as the account '${user}'${secret ? ` whose password is ${secret}` : ''}: Usher imports neither accounts nor ` +
        `passwords, so it runs as ApplicationPoolIdentity here (its pool SID still applies); to restore it: usher user add ${user.slice(user.lastIndexOf('\\') + 1)}, ` +
        `then usher pool set '${name}' --identity user:${user.slice(user.lastIndexOf('\\') + 1)}`
      : `pool '${name}' has identityType '${identityType}', which IIS does not know: it runs as ApplicationPoolIdentity here`);
  }
  const manual = parseBool(get('processModel', 'manualGroupMembership'));
  if (manual !== undefined && manual !== APPLICATION_POOL_DEFAULTS.manualGroupMembership) config.manualGroupMembership = manual;
  const autoStart = parseBool(get(undefined, 'autoStart'));
  if (autoStart !== undefined && autoStart !== APPLICATION_POOL_DEFAULTS.autoStart) config.autoStart = autoStart;
  const idle = parseTimeSpan(get('processModel', 'idleTimeout'));
  if (idle !== undefined && durationDiffers(idle, APPLICATION_POOL_DEFAULTS.idleTimeout)) config.idleTimeout = formatDuration(idle);

  const recycling: { time?: string | number; requests?: number; memory?: number } = {};
  const time = parseTimeSpan(get('periodicRestart', 'time'));
  if (time !== undefined && durationDiffers(time, APPLICATION_POOL_DEFAULTS.recycling.time)) recycling.time = formatDuration(time);
  const requests = parseUint(get('periodicRestart', 'requests'));
  if (requests !== undefined && requests !== 0) recycling.requests = requests;
  // IIS counts private memory in KB; Usher in bytes.
  const privateMemory = parseUint(get('periodicRestart', 'privateMemory'));
  if (privateMemory !== undefined && privateMemory !== 0) recycling.memory = Math.min(privateMemory * 1024, 4_294_967_295);
  if (Object.keys(recycling).length > 0) config.recycling = recycling;

  const rapid: { enabled?: boolean; maxCrashes?: number; interval?: string | number } = {};
  const enabled = parseBool(get('failure', 'rapidFailProtection'));
  if (enabled !== undefined && enabled !== APPLICATION_POOL_DEFAULTS.rapidFailProtection.enabled) rapid.enabled = enabled;
  const crashes = parseUint(get('failure', 'rapidFailProtectionMaxCrashes'));
  if (crashes !== undefined && crashes >= 1 && crashes !== APPLICATION_POOL_DEFAULTS.rapidFailProtection.maxCrashes) rapid.maxCrashes = crashes;
  const interval = parseTimeSpan(get('failure', 'rapidFailProtectionInterval'));
  if (interval !== undefined && durationDiffers(interval, APPLICATION_POOL_DEFAULTS.rapidFailProtection.interval)) rapid.interval = formatDuration(interval);
  if (Object.keys(rapid).length > 0) config.rapidFailProtection = rapid;

  const processes = parseUint(get('processModel', 'maxProcesses'));
  if (processes === 0) {
    sink.warn(processModel, `pool '${name}': maxProcesses="0" (one worker per NUMA node) is not carried over: Usher runs 1 worker`);
  } else if (processes !== undefined && processes !== 1) config.maxProcesses = Math.min(processes, 1024);
  return config;
}

/**
 * `system.applicationHost/applicationPools`: each pool with `applicationPoolDefaults` folded in
 * attribute by attribute, as IIS does. Values equal to Usher's defaults (which are IIS's) are left
 * out; the identity is always written, because it is what an audit reads first.
 */
export function readPools(appHost: XmlElement, sink: WarningSink, claim: (element: XmlElement) => void): ImportedPool[] {
  const section = firstChild(appHost, 'applicationPools');
  if (!section) return [];
  const defaults = firstChild(section, 'applicationPoolDefaults');
  if (defaults) describe(defaults, sink, 'applicationPoolDefaults');
  const defaultModel = defaults ? firstChild(defaults, 'processModel') : undefined;
  if (defaultModel) claim(defaultModel);
  const pools: ImportedPool[] = [];
  const names = new Set<string>();
  for (const element of section.children) {
    if (element.name === 'applicationPoolDefaults') continue;
    if (element.name !== 'add') {
      sink.warn(element, `<${element.name}> in <applicationPools> is not carried over`);
      continue;
    }
    const name = attr(element, 'name')?.trim() ?? '';
    describe(element, sink, `pool '${name}'`);
    // Its password is explained with the identity, not by the generic secret scan.
    const processModel = firstChild(element, 'processModel');
    if (processModel) claim(processModel);
    if (!applicationPoolSchema.shape.name.safeParse(name).success) {
      sink.warn(element, `pool name '${name}' is not a valid pool name: the pool is skipped`);
      continue;
    }
    if (names.has(name.toLowerCase())) {
      sink.warn(element, `pool '${name}' is defined twice (IIS refuses that): the later one is skipped`);
      continue;
    }
    names.add(name.toLowerCase());
    pools.push({ config: poolConfig(element, defaults, name, sink), place: { file: element.file, line: element.line } });
  }
  return pools;
}
