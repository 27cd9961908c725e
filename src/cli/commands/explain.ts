import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { action } from '../command-env.js';
import { EXIT } from '../exit-code.js';

const LAYER_NAMES: Record<string, string> = {
  filtering: 'filtering', site: 'site', mapping: 'mapping', identity: 'identity', 'url-rules': 'url rules', acl: 'acl', handler: 'handler',
};

export function registerExplainCommand(program: Command): void {
  program
    .command('explain')
    .description('what the server would answer to a request, every layer\'s verdict, which one decided, and the fix')
    .argument('<URL>', 'e.g. http://127.0.0.1:8080/private/report.pdf')
    .option('--user <name>', 'as this local user, signed in (no password needed); default: anonymous')
    .option('--method <verb>', 'the HTTP method (default GET)')
    .option('--json', 'print { url, decidedBy, status, substatus, win32, layers, fix } as JSON')
    .action(action(async ({ configPath, out }, url: string, options: { user?: string; method?: string }) => {
      const { explainRequest } = await import('../../server/index.js');
      const loaded = await loadConfig(configPath);
      const explanation = await explainRequest(loaded, url, { user: options.user, method: options.method });
      const refused = explanation.status >= 400;
      if (out.json) {
        const { url: u, decidedBy, status, substatus, win32, layers, fix } = explanation;
        out.data({ url: u, decidedBy, status, substatus, win32, layers, fix: fix ?? null });
        return refused ? EXIT.negative : EXIT.ok;
      }
      const who = options.user ? `as ${options.user}` : 'as anonymous';
      out.line(`${explanation.method} ${url}  ${who}  →  ${explanation.status}.${explanation.substatus} (${LAYER_NAMES[explanation.decidedBy] ?? explanation.decidedBy})`);
      for (const layer of explanation.layers) {
        const verdict = layer.verdict === 'deny' ? 'DENY' : layer.verdict;
        out.line(`  ${(LAYER_NAMES[layer.layer] ?? layer.layer).padEnd(10)}  ${verdict.padEnd(5)}  ${layer.detail}`);
      }
      if (explanation.fix) out.line(`  ${'fix'.padEnd(10)}  ${' '.repeat(5)}  ${explanation.fix}`);
      return refused ? EXIT.negative : EXIT.ok;
    }));
}
