import { formatFieldPath, type FieldPath } from '../field-path.js';
import { resolveConfigPath } from '../paths.js';
import type { CheckContext } from './check-context.js';

/**
 * ACL entries: one per path (two keys spelling the same folder would be two competing ACLs), and
 * ACE strings checked by the ACL module's parser, handed in as `checkAce`.
 */
export function checkAcl(context: CheckContext): void {
  const seen = new Map<string, FieldPath>();
  for (const [key, entry] of Object.entries(context.config.acl ?? {})) {
    const path: FieldPath = ['acl', key];
    const absolute = resolveConfigPath(context.dir, key);
    const earlier = seen.get(absolute);
    if (earlier) context.report(path, `the same path as ${formatFieldPath(earlier)}: merge the two entries`);
    else seen.set(absolute, path);
    const checkAce = context.options.checkAce;
    if (!checkAce) continue;
    entry.aces?.forEach((ace, index) => {
      const problem = checkAce(ace, context.config);
      if (problem) context.report([...path, 'aces', index], problem);
    });
  }
}
