import { parseAce } from '../../acl/index.js';
import { directoryOf } from '../directory-of.js';
import type { CheckOptions } from './check-context.js';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The real checks for ACE strings and principal names: the ACL module's parser over the identity
 * directory the configuration defines. Every load uses them unless a caller replaces them.
 */
export const PRINCIPAL_CHECKS: Required<Pick<CheckOptions, 'checkAce' | 'checkPrincipal'>> = {
  checkAce(text, config) {
    try {
      const directory = directoryOf(config);
      parseAce(text, (name) => directory.resolve(name).sid);
      return undefined;
    } catch (error) {
      return messageOf(error);
    }
  },
  checkPrincipal(name, expected, config) {
    try {
      const principal = directoryOf(config).resolve(name);
      return expected === 'group' && !principal.kind.endsWith('group') ? `'${name}' is not a group` : undefined;
    } catch (error) {
      return messageOf(error);
    }
  },
};
