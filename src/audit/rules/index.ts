import type { AuditRule } from '../rule.js';
import anonymousBypassesAuthentication from './anonymous-bypasses-authentication.js';
import anonymousIdentityPrivileged from './anonymous-identity-privileged.js';
import anonymousWriteOnContent from './anonymous-write-on-content.js';
import backupOrSourceFilesInContent from './backup-or-source-files-in-content.js';
import basicAuthWithoutTls from './basic-auth-without-tls.js';
import directoryBrowsingEnabled from './directory-browsing-enabled.js';
import localUserEmptyPassword from './local-user-empty-password.js';
import poolIdentityLocalsystem from './pool-identity-localsystem.js';
import poolIdentityPrivilegedUser from './pool-identity-privileged-user.js';
import sampleContentPresent from './sample-content-present.js';
import vcsOrSecretFilesExposed from './vcs-or-secret-files-exposed.js';
import webIdentityFullControl from './web-identity-full-control.js';

/**
 * Every audit rule, explicitly and sorted by id (a test checks both, and that each has its test
 * file and docs/rules page). A new rule is one import and one line here.
 */
export const RULES: readonly AuditRule[] = [
  anonymousBypassesAuthentication,
  anonymousIdentityPrivileged,
  anonymousWriteOnContent,
  backupOrSourceFilesInContent,
  basicAuthWithoutTls,
  directoryBrowsingEnabled,
  localUserEmptyPassword,
  poolIdentityLocalsystem,
  poolIdentityPrivilegedUser,
  sampleContentPresent,
  vcsOrSecretFilesExposed,
  webIdentityFullControl,
];
