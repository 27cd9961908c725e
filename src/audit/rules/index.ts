import type { AuditRule } from '../rule.js';
import aclNotCanonical from './acl-not-canonical.js';
import aclOrphanedSid from './acl-orphaned-sid.js';
import anonymousBypassesAuthentication from './anonymous-bypasses-authentication.js';
import anonymousIdentityNotPoolIdentity from './anonymous-identity-not-pool-identity.js';
import anonymousIdentityPrivileged from './anonymous-identity-privileged.js';
import anonymousOnAdminPath from './anonymous-on-admin-path.js';
import anonymousWriteOnContent from './anonymous-write-on-content.js';
import appPoolUnused from './app-pool-unused.js';
import backupOrSourceFilesInContent from './backup-or-source-files-in-content.js';
import basicAuthWithoutTls from './basic-auth-without-tls.js';
import bindingUnapprovedPort from './binding-unapproved-port.js';
import bindingWithoutHostHeader from './binding-without-host-header.js';
import connectionTimeoutsUnbounded from './connection-timeouts-unbounded.js';
import contentSymlinkEscapesRoot from './content-symlink-escapes-root.js';
import detailedErrorsRemote from './detailed-errors-remote.js';
import directoryBrowsingEnabled from './directory-browsing-enabled.js';
import everyoneGrantInherited from './everyone-grant-inherited.js';
import folderGrantWhereFileSuffices from './folder-grant-where-file-suffices.js';
import fullControlToNonAdmin from './full-control-to-non-admin.js';
import grantExceedsObservedUse from './grant-exceeds-observed-use.js';
import hiddenSegmentsDefaultsRemoved from './hidden-segments-defaults-removed.js';
import localUserEmptyPassword from './local-user-empty-password.js';
import logDirectoryInsideContent from './log-directory-inside-content.js';
import logFilesReadableByNonAdmins from './log-files-readable-by-non-admins.js';
import logFilesWritableByWebIdentities from './log-files-writable-by-web-identities.js';
import logRecordsCredentials from './log-records-credentials.js';
import loggingDisabled from './logging-disabled.js';
import maxConnectionsUnbounded from './max-connections-unbounded.js';
import poolIdentityBuiltinService from './pool-identity-builtin-service.js';
import poolIdentityLocalsystem from './pool-identity-localsystem.js';
import poolIdentityPrivilegedUser from './pool-identity-privileged-user.js';
import poolIdentityShared from './pool-identity-shared.js';
import poolIdentityWriteOnContentRoot from './pool-identity-write-on-content-root.js';
import poolIdleTimeoutDisabled from './pool-idle-timeout-disabled.js';
import poolRapidFailProtectionOff from './pool-rapid-fail-protection-off.js';
import requestFilterDoubleEscapingAllowed from './request-filter-double-escaping-allowed.js';
import requestFilterHighBitAllowed from './request-filter-high-bit-allowed.js';
import requestLimitContentLengthUnbounded from './request-limit-content-length-unbounded.js';
import sampleContentPresent from './sample-content-present.js';
import serverFilesWritableByNonAdmin from './server-files-writable-by-non-admin.js';
import serverSecretsReadableByWebIdentities from './server-secrets-readable-by-web-identities.js';
import sharedGroupGrantOnContent from './shared-group-grant-on-content.js';
import siteSharesAppPool from './site-shares-app-pool.js';
import siteWithoutHttpsBinding from './site-without-https-binding.js';
import specificUserPasswordInClear from './specific-user-password-in-clear.js';
import tlsCertificateWeakOrExpiring from './tls-certificate-weak-or-expiring.js';
import tlsLegacyProtocolEnabled from './tls-legacy-protocol-enabled.js';
import traceVerbAllowed from './trace-verb-allowed.js';
import unusedGrant from './unused-grant.js';
import unusedLocalAccount from './unused-local-account.js';
import vcsOrSecretFilesExposed from './vcs-or-secret-files-exposed.js';
import vdirMapsSystemPath from './vdir-maps-system-path.js';
import webIdentityFullControl from './web-identity-full-control.js';

/**
 * Every audit rule, explicitly and sorted by id (a test checks both, and that each has its test
 * file and docs/rules page). A new rule is one import and one line here.
 */
export const RULES: readonly AuditRule[] = [
  aclNotCanonical,
  aclOrphanedSid,
  anonymousBypassesAuthentication,
  anonymousIdentityNotPoolIdentity,
  anonymousIdentityPrivileged,
  anonymousOnAdminPath,
  anonymousWriteOnContent,
  appPoolUnused,
  backupOrSourceFilesInContent,
  basicAuthWithoutTls,
  bindingUnapprovedPort,
  bindingWithoutHostHeader,
  connectionTimeoutsUnbounded,
  contentSymlinkEscapesRoot,
  detailedErrorsRemote,
  directoryBrowsingEnabled,
  everyoneGrantInherited,
  folderGrantWhereFileSuffices,
  fullControlToNonAdmin,
  grantExceedsObservedUse,
  hiddenSegmentsDefaultsRemoved,
  localUserEmptyPassword,
  logDirectoryInsideContent,
  logFilesReadableByNonAdmins,
  logFilesWritableByWebIdentities,
  logRecordsCredentials,
  loggingDisabled,
  maxConnectionsUnbounded,
  poolIdentityBuiltinService,
  poolIdentityLocalsystem,
  poolIdentityPrivilegedUser,
  poolIdentityShared,
  poolIdentityWriteOnContentRoot,
  poolIdleTimeoutDisabled,
  poolRapidFailProtectionOff,
  requestFilterDoubleEscapingAllowed,
  requestFilterHighBitAllowed,
  requestLimitContentLengthUnbounded,
  sampleContentPresent,
  serverFilesWritableByNonAdmin,
  serverSecretsReadableByWebIdentities,
  sharedGroupGrantOnContent,
  siteSharesAppPool,
  siteWithoutHttpsBinding,
  specificUserPasswordInClear,
  tlsCertificateWeakOrExpiring,
  tlsLegacyProtocolEnabled,
  traceVerbAllowed,
  unusedGrant,
  unusedLocalAccount,
  vcsOrSecretFilesExposed,
  vdirMapsSystemPath,
  webIdentityFullControl,
];
