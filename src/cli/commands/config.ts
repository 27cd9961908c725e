import type { Command } from 'commander';
import { configJsonSchema, formatIssue, loadConfig, openStore, type ConfigIssue } from '../../config/index.js';
import { UsherError } from '../../shared/index.js';
import { action } from '../command-env.js';
import { formatTable } from '../output.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function parseVersion(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    throw new UsherError('USHER_ERR_CLI_USAGE', `'${text}' is not a version number: give N from 'usher config history' (1 is the newest)`);
  }
  return n;
}

export function registerConfigCommands(program: Command): void {
  const config = program.command('config').description('check the configuration, see its history, roll back');

  config
    .command('check')
    .description('validate the configuration; errors (exit 2) and warnings name file, line and field')
    .option('--json', 'print the result as JSON')
    .action(action(async ({ configPath, out }) => {
      const loaded = await loadConfig(configPath);
      const warnings: readonly ConfigIssue[] = loaded.warnings;
      if (out.json) {
        out.data({ valid: true, file: loaded.file, warnings });
        return;
      }
      for (const warning of warnings) out.warn(formatIssue(warning));
      const c = loaded.config;
      out.line(`${configPath} is valid: ${plural(c.sites?.length ?? 0, 'site')}, ${plural(c.applicationPools?.length ?? 0, 'pool')}, ` +
        `${plural(Object.keys(c.acl ?? {}).length, 'ACL entry').replace('entrys', 'entries')}` +
        (warnings.length > 0 ? `, ${plural(warnings.length, 'warning')}` : ''));
    }));

  config
    .command('history')
    .description('list saved versions, newest first (1 is the version before the current file)')
    .option('--json', 'print the versions as JSON')
    .action(action(async ({ configPath, out }) => {
      const versions = await openStore(configPath).history();
      if (out.json) {
        out.data({ versions: versions.map(({ number, savedAt, size, message }) => ({ number, savedAt: savedAt.toISOString(), size, message: message ?? null })) });
        return;
      }
      if (versions.length === 0) {
        out.line(`${configPath} has no earlier versions yet: every save through usher keeps one`);
        return;
      }
      out.line(formatTable(
        ['N', 'SAVED', 'SIZE', 'CHANGE'],
        versions.map((v) => [String(v.number), v.savedAt.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z'), String(v.size), v.message ?? '(edited by hand)']),
      ));
    }));

  config
    .command('rollback')
    .description('restore version N of the history (validated; the current file is kept as version 1)')
    .argument('<N>', 'the version number from usher config history')
    .action(action(async ({ configPath, out }, n: string) => {
      const version = parseVersion(n);
      await openStore(configPath).rollback(version);
      out.line(`restored version ${version}; the file it replaced is now version 1 of the history`);
    }));

  config
    .command('schema')
    .description('print the JSON Schema of usher.yaml, for editors')
    .action(action(async ({ out }) => {
      out.data(configJsonSchema());
    }));
}
