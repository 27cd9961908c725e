import type { Command } from 'commander';
import { tokenFor } from '../../identity/index.js';
import { action } from '../command-env.js';
import { loadContext } from '../loaded-context.js';

export function registerTokenCommand(program: Command): void {
  program
    .command('token')
    .description('the SIDs a logon carries (like whoami /all), built as Usher builds request and worker tokens')
    .requiredOption('--identity <name>', 'IUSR, IIS AppPool\\<pool>, a local user, or a service account such as "NETWORK SERVICE"')
    .option('--json', 'print identity and sids as JSON (DESIGN §7)')
    .action(action(async ({ configPath, out }, options: { identity: string }) => {
      const { directory } = await loadContext(configPath);
      const token = tokenFor(directory, options.identity);
      if (out.json) {
        out.data({ identity: token.identity, sids: token.sids });
        return;
      }
      const width = Math.max(...token.sids.map((entry) => entry.name.length));
      out.line(`${token.identity.name}  ${token.identity.sid}`);
      for (const entry of token.sids.slice(1)) {
        out.line(`  ${entry.name.padEnd(width)}  ${entry.sid}${entry.denyOnly ? '  deny-only (matches deny ACEs, never allow ACEs)' : ''}`.trimEnd());
      }
    }));
}
