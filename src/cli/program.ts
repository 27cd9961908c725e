import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { registerAclCommands } from './commands/acl.js';
import { registerAppCommands } from './commands/app.js';
import { registerAuditCommand } from './commands/audit.js';
import { registerAuthCommands } from './commands/auth.js';
import { registerAuthzCommands } from './commands/authz.js';
import { registerConfigCommands } from './commands/config.js';
import { registerExplainCommand } from './commands/explain.js';
import { registerGroupCommands } from './commands/group.js';
import { registerImportCommands } from './commands/import.js';
import { registerInitCommand } from './commands/init.js';
import { registerPoolCommands } from './commands/pool.js';
import { registerSiteCommands } from './commands/site.js';
import { registerServeCommand } from './commands/serve.js';
import { registerTokenCommand } from './commands/token.js';
import { registerUserCommands } from './commands/user.js';
import { registerVdirCommands } from './commands/vdir.js';

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

/** Every command, registered explicitly and in one place, so what `usher` offers is visible here. */
const COMMANDS: readonly ((program: Command) => void)[] = [
  registerInitCommand,
  registerServeCommand,
  registerExplainCommand,
  registerConfigCommands,
  registerSiteCommands,
  registerAppCommands,
  registerVdirCommands,
  registerPoolCommands,
  registerAuthCommands,
  registerAuthzCommands,
  registerUserCommands,
  registerGroupCommands,
  registerAclCommands,
  registerTokenCommand,
  registerImportCommands,
  registerAuditCommand,
];

export function buildProgram(): Command {
  const program = new Command('usher')
    .description('a web server with the security model of IIS: identities, IUSR and Windows-style ACLs')
    .version(version(), '-V, --version')
    .option('-c, --config <file>', 'the configuration file', 'usher.yaml')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`usher: ${text.replace(/^error: /, '')}`) });
  for (const register of COMMANDS) register(program);
  return program;
}
