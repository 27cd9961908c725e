import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { createConfig } from '../../config/index.js';
import { formatWarning, importIis } from '../../importers/index.js';
import { isUsherError, UsherError } from '../../shared/index.js';
import { action } from '../command-env.js';

const collect = (value: string, previous: string[]) => [...previous, value];
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

interface ImportOptions {
  webConfig: string[];
  acl: string[];
  sddl: string[];
  mapPath: string[];
  output?: string;
}

function refuseExisting(shown: string): UsherError {
  return new UsherError('USHER_ERR_CFG_EXISTS', `${shown} already exists: the import never replaces a configuration; write elsewhere with -o FILE, or move it away first`, {
    location: { file: shown },
  });
}

export function registerImportCommands(program: Command): void {
  const importCommand = program.command('import').description("bring another server's configuration over, with a report of what did not carry over");

  importCommand
    .command('iis')
    .description('read an IIS applicationHost.config (and web.config files, icacls /save files, SDDL) into a new usher.yaml')
    .argument('<APPLICATIONHOST>', "the server's applicationHost.config (%windir%\\System32\\inetsrv\\config\\applicationHost.config)")
    .option('--web-config <DIR>', 'site content copied from the server: its web.config files apply where --map-path puts the folder (repeatable)', collect, [])
    .option('--acl <WINDIR=SAVEFILE>', 'ACLs saved with icacls WINDIR\\* /save SAVEFILE /t (repeatable)', collect, [])
    .option('--sddl <WINPATH=SDDL>', "one object's DACL, e.g. 'C:\\inetpub\\wwwroot=D:PAI(A;OICI;FA;;;SY)' (repeatable)", collect, [])
    .option('--map-path <WINDIR=DIR>', 'where a Windows folder is on this machine, e.g. C:\\inetpub\\wwwroot=/srv/www (repeatable; the longest match wins)', collect, [])
    .option('-o, --output <FILE>', 'the configuration to create (default: -c, else ./usher.yaml); an existing file is never replaced')
    .option('--json', 'print {output, sites, pools, warnings} as JSON')
    .action(action(async ({ configPath, out }, file: string, options: ImportOptions) => {
      const output = options.output === undefined ? configPath : resolve(options.output);
      const shown = relative(process.cwd(), output) || output;
      // Said before the work, so nobody reads a page of warnings about a file that is then refused.
      if (existsSync(output)) throw refuseExisting(shown);
      const result = await importIis({
        applicationHost: file,
        webConfigDirs: options.webConfig,
        acls: options.acl,
        sddl: options.sddl,
        mapPaths: options.mapPath,
        output,
        cwd: process.cwd(),
      });
      try {
        await createConfig(output, result.text, { message: `usher import iis ${file}` });
      } catch (error) {
        if (isUsherError(error) && error.code === 'USHER_ERR_CFG_EXISTS') throw refuseExisting(shown);
        throw error;
      }
      if (out.json) {
        out.data({ output: result.output, sites: result.sites, pools: result.pools, warnings: result.warnings });
        return;
      }
      for (const warning of result.warnings) out.warn(formatWarning(warning));
      out.line(`imported ${plural(result.sites.length, 'site')} and ${plural(result.pools.length, 'pool')} from ${file} into ${shown}` +
        (result.warnings.length > 0 ? ` (${plural(result.warnings.length, 'warning')} above: what did not carry over as it was)` : ''));
      out.line('next:');
      out.line(`  usher -c ${shown} config check`);
      out.line(`  usher -c ${shown} auth show '${result.sites[0] ?? 'SITE'}'`);
    }));
}
