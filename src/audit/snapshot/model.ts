import type { AccessCheckResult } from '../../acl/index.js';
import type {
  AnonymousIdentity, AuditExceptionConfig, EffectiveLocation, ResolvedApplicationPool, ResolvedBinding, ResolvedConfig, ResolvedSite,
  UsherConfig,
} from '../../config/index.js';
import type { Directory, PrincipalKind, Sid, Token } from '../../identity/index.js';
import type { Scope } from '../scope.js';
import type { CertificateModel } from './certificate-model.js';
import type { ConfigVersionModel } from './config-versions-model.js';
import type { EvidenceModel } from './evidence-model.js';
import type { ExposureResult } from './exposure-model.js';
import type { FileModel } from './files-model.js';
import type { SettingName } from './setting-names.js';

/**
 * The read-only model every audit rule sees (issue 4, catalogue §2 "Inputs"). It is built once,
 * from the live machine or a test's temp folder, before any rule runs; rules never touch the disk,
 * so the same snapshot gives the same findings. Everything here is data, except `access`, which is
 * the pure access check over the configuration's ACLs.
 */
export interface Snapshot {
  /** When it was taken (ms since the epoch): evidence windows count back from here. */
  readonly takenAt: number;
  readonly config: ConfigModel;
  readonly server: ServerModel;
  readonly pools: readonly PoolModel[];
  readonly sites: readonly SiteModel[];
  /** Every location of every site (see LocationModel), site roots first. */
  readonly locations: readonly LocationModel[];
  readonly identities: IdentityModel;
  readonly files: FileModel;
  /** What each site's anonymous identity could fetch that looks like a secret, a backup or a source file. */
  readonly exposure: readonly ExposureResult[];
  readonly evidence: EvidenceModel;
  /** THE access check (acl/accessCheck) of `token` on the object at the real `path`. */
  access(path: string, isDirectory: boolean, token: Token, desired: number): AccessCheckResult;
  /** What the builder could not do fully (a walk cap, an unreadable folder): copied into the report's notes. */
  readonly notes: readonly string[];
}

export interface ConfigModel {
  /** Absolute path of usher.yaml; undefined when the snapshot was built from text. */
  readonly file: string | undefined;
  readonly dir: string;
  /** As written (defaults not applied): tells whether a value was set at all. */
  readonly raw: UsherConfig;
  /** Every default filled in, durations in ms, paths absolute. */
  readonly resolved: ResolvedConfig;
  readonly exceptions: readonly AuditExceptionConfig[];
  /** The live file (number 0) and the versions `.usher-history/` keeps of it, with the password keys each holds. */
  readonly versions: readonly ConfigVersionModel[];
}

export interface ServerModel {
  readonly logging: ResolvedConfig['server']['logging'];
  /** `.usher-history/` beside the config file. */
  readonly historyDir: string | undefined;
  /** Where Usher itself is installed (the package root), when the caller knows it. */
  readonly installDir: string | undefined;
}

/** A principal as findings name it. */
export interface PrincipalRef {
  readonly sid: Sid;
  /** The display name (`NT AUTHORITY\IUSR`, `IIS AppPool\web`, `alice`). */
  readonly name: string;
  /** The short spelling ACE strings and commands use (`IUSR`, `IIS AppPool\web`, `*S-1-5-21-…`). */
  readonly shortName: string;
  readonly kind: PrincipalKind;
}

export type PoolIdentityType = 'ApplicationPoolIdentity' | 'NetworkService' | 'LocalService' | 'LocalSystem' | 'SpecificUser';

export interface PoolModel {
  readonly name: string;
  /** `pool:NAME` */
  readonly scope: Scope;
  readonly resolved: ResolvedApplicationPool;
  readonly identityType: PoolIdentityType;
  /** The configured user, for SpecificUser. */
  readonly userName: string | undefined;
  /** The account its workers run as (the pool's virtual account for ApplicationPoolIdentity). */
  readonly worker: PrincipalRef;
  /** `IIS AppPool\NAME`, injected into the worker token whatever the identity type. */
  readonly poolSid: Sid;
  /** The worker token, exactly as the server builds it. */
  readonly token: Token;
  /** Applications served by this pool. */
  readonly usedBy: readonly { readonly site: string; readonly application: string }[];
}

export interface BindingModel extends ResolvedBinding {
  /** `binding:SITE proto/IP:PORT:HOST` */
  readonly scope: Scope;
  /** On 127.0.0.0/8 or ::1 only. */
  readonly loopback: boolean;
  readonly tls: boolean;
  /** https bindings: the leaf certificate of `certificate`, parsed (undefined for http, or https without a file). */
  readonly parsedCertificate: CertificateModel | undefined;
}

export interface VirtualDirectoryModel {
  /** The URL path in the site (application path + directory path). */
  readonly urlPath: string;
  readonly physicalPath: string;
  /** With symlinks resolved; undefined when the folder does not exist. */
  readonly realPath: string | undefined;
}

export interface ApplicationModel {
  readonly path: string;
  readonly pool: string;
  readonly physicalPath: string;
  /** The application's own root (`urlPath` = the application path) first, then its virtual directories. */
  readonly virtualDirectories: readonly VirtualDirectoryModel[];
}

export interface SiteModel {
  readonly name: string;
  readonly id: number;
  /** `site:NAME` */
  readonly scope: Scope;
  readonly resolved: ResolvedSite;
  readonly bindings: readonly BindingModel[];
  /** Every binding is on loopback (vacuously true without bindings: nobody can reach the site). */
  readonly loopbackOnly: boolean;
  /** Root application `/` first. */
  readonly applications: readonly ApplicationModel[];
  /** Real paths of the folders the site serves. */
  readonly contentRoots: readonly string[];
  /** Configured folders that do not exist. */
  readonly missingRoots: readonly string[];
  readonly logging: { readonly enabled: boolean; readonly directory: string };
}

export interface AnonymousModel {
  readonly identity: AnonymousIdentity;
  /** Who anonymous requests run as here: IUSR, the pool's worker identity, or a local user. */
  readonly principal: PrincipalRef;
  readonly token: Token;
  /** URL authorization lets an anonymous GET through here (the server's own rule evaluation). */
  readonly allowedByUrlRules: boolean;
}

/**
 * One URL location of a site: the site root, every path a `locations:` key names, and every
 * application and virtual directory path. `settings` are the merged values in force there;
 * `origins` says, for each setting, where the value in force was set, so a finding about a value is
 * reported once, where it is set: `server` for Usher's default, `site:NAME` for the key `NAME`,
 * `location:NAME/path` for a deeper key.
 */
export interface LocationModel {
  readonly site: string;
  /** `/` for the site root. */
  readonly path: string;
  /** `site:NAME` at the root, `location:NAME/path` below. */
  readonly scope: Scope;
  /** The `locations:` key naming exactly this path, if there is one. */
  readonly key: string | undefined;
  readonly settings: EffectiveLocation;
  readonly origins: Readonly<Record<SettingName, Scope>>;
  /** The application serving this path. */
  readonly application: { readonly path: string; readonly pool: string };
  /** The real path it maps to, or undefined when nothing exists there. */
  readonly realPath: string | undefined;
  readonly isDirectory: boolean;
  /** Present when anonymous authentication is enabled here. */
  readonly anonymous: AnonymousModel | undefined;
}

export interface PrincipalModel extends PrincipalRef {
  /** Every group it is a member of, transitively (local and built-in groups the config names). */
  readonly memberOf: readonly Sid[];
  /** In the admin set A (catalogue §2.1): SYSTEM, Administrators, TrustedInstaller, or a member of Administrators. */
  readonly admin: boolean;
  /** In A, or a member of a privileged group (P). */
  readonly privileged: boolean;
}

/** `hash`: a usable password; `empty`: its hash verifies the empty password; `unverified`: too costly to try. */
export type CredentialState = 'hash' | 'empty' | 'malformed' | 'unverified';

export interface UserModel extends PrincipalModel {
  readonly credential: CredentialState;
  /** The token Basic authentication gives this user. */
  readonly token: Token;
}

export interface IdentityModel {
  /** Name and SID resolution, exactly as the server does it. */
  readonly directory: Directory;
  /** Well-known principals, pools' virtual accounts, local users and groups. */
  readonly principals: readonly PrincipalModel[];
  readonly users: readonly UserModel[];
  /** A: SYSTEM, Administrators, TrustedInstaller and every principal in Administrators. */
  readonly admins: ReadonlySet<Sid>;
  /** SIDs of the privileged groups P (Administrators, Backup Operators … and Linux-privileged names). */
  readonly privilegedGroups: ReadonlySet<Sid>;
  /** G: Everyone, Anonymous Logon, Users, Authenticated Users, IIS_IUSRS. */
  readonly broadGroups: ReadonlySet<Sid>;
  /** W: every pool identity and pool SID, every anonymous identity, IUSR and G, minus A. */
  readonly webIdentities: ReadonlySet<Sid>;
}

export type { EvidenceModel, SiteEvidence, W3cRecord } from './evidence-model.js';
export type { AclEntryModel, AppliedAce, ContentRootModel, ExplicitAce, FileModel, FsObject, ObjectRole } from './files-model.js';
export type { ExposureCategory, ExposureResult } from './exposure-model.js';
export type { SettingName } from './setting-names.js';
export type { CertificateModel, ParsedCertificateModel, UnreadableCertificateModel } from './certificate-model.js';
export type { ConfigVersionModel, PasswordForm, PasswordValueModel } from './config-versions-model.js';
