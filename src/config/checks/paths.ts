import { statSync } from 'node:fs';
import type { FieldPath } from '../field-path.js';
import { resolveConfigPath } from '../paths.js';
import type { CheckContext } from './check-context.js';

type Expect = 'directory' | 'file' | 'any';

function pathProblem(absolute: string, expect: Expect): string | undefined {
  let stats;
  try {
    stats = statSync(absolute);
  } catch {
    return `${absolute} does not exist`;
  }
  if (expect === 'directory' && !stats.isDirectory()) return `${absolute} is not a folder`;
  if (expect === 'file' && !stats.isFile()) return `${absolute} is not a file`;
  return undefined;
}

/**
 * Paths on disk are warnings, not errors (DESIGN §5): a site whose folder is missing does not
 * start, the others serve, and `config check` says which.
 */
export function checkPaths(context: CheckContext): void {
  const warn = (path: FieldPath, written: string, expect: Expect, consequence: string): void => {
    const problem = pathProblem(resolveConfigPath(context.dir, written), expect);
    if (problem) context.report(path, `${problem}; ${consequence}`, 'warning');
  };
  context.config.sites?.forEach((site, index) => {
    const sitePath: FieldPath = ['sites', index];
    warn([...sitePath, 'physicalPath'], site.physicalPath, 'directory', 'the site will not start');
    site.bindings?.forEach((binding, bindingIndex) => {
      if (typeof binding === 'string') return;
      for (const key of ['certificate', 'key'] as const) {
        const file = binding[key];
        if (file !== undefined) warn([...sitePath, 'bindings', bindingIndex, key], file, 'file', 'the binding will not listen');
      }
    });
    site.applications?.forEach((app, appIndex) => {
      const appPath: FieldPath = [...sitePath, 'applications', appIndex];
      warn([...appPath, 'physicalPath'], app.physicalPath, 'directory', 'the application will not serve');
      app.virtualDirectories?.forEach((vdir, vdirIndex) => {
        warn([...appPath, 'virtualDirectories', vdirIndex, 'physicalPath'], vdir.physicalPath, 'directory', 'the directory will not serve');
      });
    });
  });
  // An ACL is keyed by path and does not follow a renamed folder (DESIGN §4), so a dangling key
  // usually means content moved away from its protection.
  for (const key of Object.keys(context.config.acl ?? {})) {
    warn(['acl', key], key, 'any', 'the entry protects nothing (was the folder renamed?)');
  }
}
