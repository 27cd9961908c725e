import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { UsherError } from '../../shared/index.js';
import { action } from '../command-env.js';

interface ServeOptions {
  root?: string;
  listen?: string;
  stateDir?: string;
  logDir?: string;
}

const formatAddress = (address: string) => (address.includes(':') ? `[${address}]` : address);

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the server in the foreground; SIGTERM or Ctrl-C drains requests and flushes the logs')
    .option('--root <dir>', 'quick mode: serve this one folder with the usher init defaults, no config file')
    .option('--listen <host:port>', 'quick mode: where to listen (default 127.0.0.1:8080; port 0 picks a free one)')
    .option('--state-dir <dir>', 'quick mode: state folder (default $XDG_STATE_HOME/usher or ~/.local/state/usher)')
    .option('--log-dir <dir>', 'quick mode: W3C logs folder (default STATE_DIR/logs)')
    .action(action(async ({ configPath }, options: ServeOptions) => {
      // Loaded here, not at start-up: every other command stays quick to start.
      const { quickModeConfig, startServer } = await import('../../server/index.js');
      const quick = options.root !== undefined;
      if (!quick && (options.listen ?? options.stateDir ?? options.logDir) !== undefined) {
        throw new UsherError('USHER_ERR_CLI_USAGE', '--listen, --state-dir and --log-dir go with --root (quick mode); with a config file, set bindings with usher site set');
      }
      const loaded = quick ? quickModeConfig({ root: options.root!, listen: options.listen, stateDir: options.stateDir, logDir: options.logDir })
        : await loadConfig(configPath);
      for (const warning of loaded.warnings) process.stderr.write(`usher: warning: ${warning.file}:${warning.line}: ${warning.field}: ${warning.message}\n`);
      const report = (message: string) => process.stderr.write(`usher: ${new Date().toISOString()} ${message}\n`);
      const server = await startServer({ loaded, watchFile: quick ? undefined : configPath, report });
      if (server.listeners.length === 0) {
        await server.close();
        throw new UsherError('USHER_ERR_CLI_USAGE', 'nothing to serve: no site has a binding that could be opened and a content folder that exists');
      }
      for (const listener of server.listeners) {
        process.stdout.write(`listening ${listener.protocol}://${formatAddress(listener.address)}:${listener.port}\n`);
      }
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          report(`${signal}: finishing requests in flight and flushing logs`);
          void server.close().then(resolve);
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
      });
    }));
}
