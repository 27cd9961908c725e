import { mkdirSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { Document } from 'yaml';
import { parseConfig, type LoadedConfig } from '../config/index.js';
import { UsherError } from '../shared/index.js';

export interface QuickModeOptions {
  readonly root: string;
  /** HOST:PORT; default 127.0.0.1:8080. */
  readonly listen?: string | undefined;
  readonly stateDir?: string | undefined;
  readonly logDir?: string | undefined;
}

/** DESIGN §5: `$XDG_STATE_HOME/usher`, else `~/.local/state/usher`. */
export function defaultStateDir(): string {
  const xdg = process.env.XDG_STATE_HOME;
  return xdg && xdg.startsWith('/') ? join(xdg, 'usher') : join(homedir(), '.local', 'state', 'usher');
}

/** `127.0.0.1:8080`, `[::1]:0`, `*:80`, `localhost:3000`, `:8080` → the address part of a binding. */
export function parseListen(text: string): { address: string; port: number } {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:]*):(\d{1,5})$/.exec(text);
  if (!match || Number(match[2]) > 65535) {
    throw new UsherError('USHER_ERR_CLI_USAGE', `--listen '${text}' is not HOST:PORT (e.g. 127.0.0.1:8080, *:80, [::1]:8443, or port 0 for any free port)`);
  }
  const host = match[1] === '' || match[1] === 'localhost' ? '127.0.0.1' : match[1]!;
  return { address: host, port: Number(match[2]) };
}

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith('/'));
}

/**
 * `usher serve --root DIR`: `usher init`'s defaults over one folder, with no file to write. State
 * and logs go to the state folder, never inside what is served (they would be downloadable).
 */
export function quickModeConfig(options: QuickModeOptions): LoadedConfig {
  let root: string;
  try {
    root = realpathSync(resolve(options.root));
    if (!statSync(root).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new UsherError('USHER_ERR_CLI_USAGE', `--root '${options.root}' is not a folder that exists`);
  }
  const stateDir = resolve(options.stateDir ?? defaultStateDir());
  const logDir = resolve(options.logDir ?? join(stateDir, 'logs'));
  for (const [flag, dir] of [['--state-dir', stateDir], ['--log-dir', logDir]] as const) {
    if (isInside(dir, root)) {
      throw new UsherError('USHER_ERR_CLI_USAGE', `${flag} ${dir} is inside the served folder, so its files could be downloaded: choose a folder outside ${root}`);
    }
  }
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const { address, port } = parseListen(options.listen ?? '127.0.0.1:8080');
  const document = new Document({
    server: { logging: { directory: logDir } },
    applicationPools: [{ name: 'DefaultAppPool', identity: 'ApplicationPoolIdentity' }],
    sites: [{ name: 'Default Web Site', id: 1, bindings: [`http/${address}:${port}:`], physicalPath: root, applicationPool: 'DefaultAppPool' }],
    locations: {
      'Default Web Site': {
        authentication: { anonymous: { enabled: true, identity: 'IUSR' }, basic: { enabled: false } },
        requestFiltering: { verbs: { deny: ['TRACE'] } },
      },
    },
    acl: {
      [root]: {
        inheritance: 'disabled',
        aces: ['SYSTEM:(OI)(CI)(F)', 'Administrators:(OI)(CI)(F)', 'IUSR:(OI)(CI)(RX)', 'IIS AppPool\\DefaultAppPool:(OI)(CI)(RX)'],
      },
    },
  });
  return parseConfig(document.toString(), join(stateDir, 'quick-mode.yaml'));
}
