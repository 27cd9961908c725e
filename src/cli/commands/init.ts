import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { createConfig } from '../../config/index.js';
import { generateMachineSid } from '../../identity/index.js';
import { action } from '../command-env.js';
import { INDEX_HTML, initialConfig } from '../init/config-template.js';

/** Writes `file` unless something is already there: init never overwrites content. */
async function writeIfAbsent(file: string, text: string): Promise<boolean> {
  try {
    await writeFile(file, text, { flag: 'wx', mode: 0o644 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

export function registerInitCommand(program: Command): void {
  program
    .command('init')
    .description('create usher.yaml, a wwwroot/ and default ACLs in DIR (default: the current folder)')
    .argument('[DIR]', 'the folder to set up; created if missing', '.')
    .action(action(async ({ out }, dir: string) => {
      const root = resolve(dir);
      await mkdir(join(root, 'wwwroot'), { recursive: true });
      const file = join(root, 'usher.yaml');
      await createConfig(file, initialConfig(generateMachineSid()), { message: 'usher init' });
      const wroteIndex = await writeIfAbsent(join(root, 'wwwroot', 'index.html'), INDEX_HTML);
      const shown = relative(process.cwd(), root) || '.';
      out.line(`created ${join(shown, 'usher.yaml')} and ${join(shown, 'wwwroot')}/${wroteIndex ? ' with an index.html' : ' (kept its content)'}`);
      out.line('  site "Default Web Site" on http://127.0.0.1:8080/, pool DefaultAppPool, anonymous visitors run as IUSR');
      out.line('  IUSR and the pool may read wwwroot/; SYSTEM and Administrators have full control');
      out.line('next:');
      if (shown !== '.') out.line(`  cd ${shown}`);
      out.line('  usher acl show wwwroot');
      out.line('  usher acl check wwwroot/index.html --identity IUSR --right R');
    }));
}
