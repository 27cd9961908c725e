import { DEFAULT_W3C_FIELDS, W3C_FIELDS, type ServerConfig, type W3cField } from '../../config/index.js';
import { readAttributes } from './attributes.js';
import type { PathMapper } from './path-mapping.js';
import { parseBool, parseFlags, parseUint } from './values.js';
import type { WarningSink } from './warnings.js';
import { attr, firstChild, type XmlElement } from './xml-tree.js';

// iis-reference §5: logExtFileFlags names → W3C field names.
const FLAG_FIELDS: Readonly<Record<string, W3cField>> = {
  date: 'date', time: 'time', clientip: 'c-ip', username: 'cs-username', sitename: 's-sitename', computername: 's-computername',
  serverip: 's-ip', method: 'cs-method', uristem: 'cs-uri-stem', uriquery: 'cs-uri-query', httpstatus: 'sc-status',
  win32status: 'sc-win32-status', bytessent: 'sc-bytes', bytesrecv: 'cs-bytes', timetaken: 'time-taken', serverport: 's-port',
  useragent: 'cs(User-Agent)', cookie: 'cs(Cookie)', referer: 'cs(Referer)', protocolversion: 'cs-version', host: 'cs-host',
  httpsubstatus: 'sc-substatus',
};

const ROLLOVER: Readonly<Record<string, NonNullable<ServerConfig['logging']>['rollover']>> = {
  maxsize: 'size', daily: 'daily', weekly: 'weekly', monthly: 'monthly', hourly: 'hourly',
};

/** Fields in IIS's canonical order; `default` when they are IIS's 15 default fields. */
function fieldsOf(flags: string): 'default' | W3cField[] {
  const wanted = new Set(parseFlags(flags).flatMap((flag) => FLAG_FIELDS[flag] ?? []));
  const fields = W3C_FIELDS.filter((field) => wanted.has(field));
  const isDefault = fields.length === DEFAULT_W3C_FIELDS.length && DEFAULT_W3C_FIELDS.every((field) => wanted.has(field));
  return isDefault ? 'default' : fields;
}

// A logFile with nothing set: what a site's values are compared with when siteDefaults has none.
const EMPTY: XmlElement = { name: 'logFile', attributes: new Map(), children: [], file: '', line: 0 };

export interface ImportedLogging {
  readonly server: ServerConfig['logging'];
  /** Per site: `enabled` and `directory` when they differ from the server's. */
  site(name: string, id: number, element: XmlElement): { enabled?: boolean; directory?: string } | undefined;
}

const NOT_PER_SITE = 'Usher sets it for the whole server (server.logging)';
const DEFAULT_FLAGS = 'Date, Time, ClientIP, UserName, ServerIP, Method, UriStem, UriQuery, HttpStatus, Win32Status, TimeTaken, ServerPort, UserAgent, Referer, HttpSubStatus';

function describeLogFile(element: XmlElement, subject: string, sink: WarningSink, server: XmlElement | undefined): void {
  const attrs = readAttributes(element, sink);
  attrs.take('enabled');
  attrs.take('directory');
  if (server === undefined) {
    for (const name of ['period', 'truncateSize', 'logExtFileFlags']) attrs.take(name);
  } else {
    // A site's own value is lost only where it differs from what the server level says.
    const serverValue = (name: string, fallback: string) => attr(server, name) ?? fallback;
    attrs.drop('period', NOT_PER_SITE, [serverValue('period', 'Daily')]);
    attrs.drop('truncateSize', NOT_PER_SITE, [serverValue('truncateSize', '20971520')]);
    const flags = attr(element, 'logExtFileFlags');
    const same = flags !== undefined && JSON.stringify(fieldsOf(flags)) === JSON.stringify(fieldsOf(serverValue('logExtFileFlags', DEFAULT_FLAGS)));
    attrs.drop('logExtFileFlags', NOT_PER_SITE, same ? [flags] : []);
  }
  attrs.drop('logFormat', 'Usher writes W3C logs', ['W3C']);
  attrs.drop('localTimeRollover', 'Usher rolls logs over at UTC boundaries', ['false']);
  attrs.drop('logTargetW3C', 'Usher writes log files only (no ETW)', ['File']);
  attrs.drop('logSiteId', 'Usher names log folders W3SVC<id>', ['true']);
  attrs.drop('flushByEntryCountW3CLog', 'Usher flushes on its own schedule', ['0']);
  attrs.drop('maxLogLineLength', 'Usher does not cut log lines', ['65536']);
  attrs.drop('customLogPluginClsid', 'Usher has no log plug-ins', ['']);
  attrs.done(subject);
  const custom = firstChild(element, 'customFields');
  if (custom && custom.children.some((child) => child.name === 'add')) {
    const names = custom.children.filter((child) => child.name === 'add').map((add) => `${attr(add, 'sourceName') ?? '?'} (${attr(add, 'sourceType') ?? '?'})`);
    sink.warn(custom, `${subject}: custom log fields ${names.join(', ')} are not carried over: Usher writes the standard W3C fields only`);
  }
}

/**
 * Logging: `siteDefaults/logFile` becomes `server.logging` (Usher's rollover, size and fields are
 * server-wide), a site's own `logFile` its `logging.enabled` and folder. A log folder nothing maps
 * is left to Usher's default (./logs) rather than kept as a Windows path Usher would create.
 */
export function readLogging(appHost: XmlElement, mapper: PathMapper, sink: WarningSink): ImportedLogging {
  const log = firstChild(appHost, 'log');
  if (log) {
    const attrs = readAttributes(log, sink);
    attrs.drop('centralLogFileMode', 'Usher writes one log per site', ['Site']);
    attrs.drop('logInUTF8', 'Usher writes UTF-8', ['true']);
    attrs.done('<log>');
    for (const central of log.children) {
      if (parseBool(attr(central, 'enabled')) === true && /central/i.test(attr(log, 'centralLogFileMode') ?? '')) {
        sink.warn(central, `<${central.name}> is not carried over: Usher writes one log per site`);
      }
    }
  }
  const sites = firstChild(appHost, 'sites');
  const siteDefaults = sites ? firstChild(sites, 'siteDefaults') : undefined;
  const defaults = siteDefaults ? firstChild(siteDefaults, 'logFile') : undefined;
  const logging: { -readonly [K in keyof NonNullable<ServerConfig['logging']>]?: NonNullable<ServerConfig['logging']>[K] } = {};
  let serverDirectory: string | undefined;
  const defaultsEnabled = parseBool(defaults ? attr(defaults, 'enabled') : undefined) ?? true;
  if (defaults) {
    describeLogFile(defaults, 'siteDefaults logFile', sink, undefined);
    const directory = attr(defaults, 'directory');
    if (directory !== undefined) {
      const local = mapper.lookup(directory);
      if (local !== undefined) logging.directory = serverDirectory = mapper.written(local);
      else sink.warn(defaults, `log folder ${directory} has no --map-path: logs go to Usher's default ./logs/W3SVC<id>`);
    }
    const period = attr(defaults, 'period');
    const rollover = period === undefined ? undefined : ROLLOVER[period.toLowerCase()];
    if (period !== undefined && rollover === undefined) sink.warn(defaults, `log period '${period}' is not carried over: logs roll over daily`);
    if (rollover !== undefined && rollover !== 'daily') logging.rollover = rollover;
    const size = parseUint(attr(defaults, 'truncateSize'));
    if (rollover === 'size' && size !== undefined && size !== 20_971_520) logging.truncateSize = Math.max(size, 1_048_576);
    const flags = attr(defaults, 'logExtFileFlags');
    if (flags !== undefined) {
      const fields = fieldsOf(flags);
      if (fields !== 'default') logging.fields = fields;
    }
  }
  return {
    server: Object.keys(logging).length > 0 ? logging : undefined,
    site(name, id, element) {
      const own = firstChild(element, 'logFile');
      if (own) describeLogFile(own, `site '${name}' logFile`, sink, defaults ?? EMPTY);
      const enabled = parseBool(own ? attr(own, 'enabled') : undefined) ?? defaultsEnabled;
      const result: { enabled?: boolean; directory?: string } = {};
      if (!enabled) result.enabled = false;
      const directory = own ? attr(own, 'directory') : undefined;
      if (directory !== undefined) {
        const local = mapper.lookup(directory);
        // IIS writes into <directory>\W3SVC<id>; Usher's site folder is the full folder.
        if (local !== undefined) {
          const written = `${mapper.written(local)}/W3SVC${id}`;
          if (serverDirectory === undefined || written !== `${serverDirectory}/W3SVC${id}`) result.directory = written;
        } else if (directory !== (defaults ? attr(defaults, 'directory') : undefined)) {
          sink.warn(own!, `site '${name}': log folder ${directory} has no --map-path: its logs go to the server's log folder`);
        }
      }
      return Object.keys(result).length > 0 ? result : undefined;
    },
  };
}
