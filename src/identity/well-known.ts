import type { PrincipalKind } from './principal.js';
import type { Sid } from './sid.js';

export interface WellKnownPrincipal {
  readonly sid: Sid;
  /** Windows' display name; the part after `\` is also accepted on its own. */
  readonly name: string;
  readonly kind: PrincipalKind;
  /** Further spellings people and IIS configuration use (IIS identityType names among them). */
  readonly aliases: readonly string[];
}

// DESIGN §3; SIDs from MS-DTYP / win32 sid-strings (reference §7).
export const WELL_KNOWN_PRINCIPALS: readonly WellKnownPrincipal[] = [
  { sid: 'S-1-1-0', name: 'Everyone', kind: 'well-known-group', aliases: ['World'] },
  { sid: 'S-1-2-0', name: 'LOCAL', kind: 'well-known-group', aliases: [] },
  { sid: 'S-1-2-1', name: 'CONSOLE LOGON', kind: 'well-known-group', aliases: [] },
  { sid: 'S-1-3-0', name: 'CREATOR OWNER', kind: 'placeholder', aliases: [] },
  { sid: 'S-1-3-1', name: 'CREATOR GROUP', kind: 'placeholder', aliases: [] },
  { sid: 'S-1-3-4', name: 'OWNER RIGHTS', kind: 'placeholder', aliases: [] },
  { sid: 'S-1-5-2', name: 'NT AUTHORITY\\NETWORK', kind: 'well-known-group', aliases: [] },
  { sid: 'S-1-5-4', name: 'NT AUTHORITY\\INTERACTIVE', kind: 'well-known-group', aliases: [] },
  { sid: 'S-1-5-6', name: 'NT AUTHORITY\\SERVICE', kind: 'well-known-group', aliases: [] },
  { sid: 'S-1-5-7', name: 'NT AUTHORITY\\ANONYMOUS LOGON', kind: 'well-known-group', aliases: [] },
  { sid: 'S-1-5-11', name: 'NT AUTHORITY\\Authenticated Users', kind: 'well-known-group', aliases: [] },
  { sid: 'S-1-5-15', name: 'NT AUTHORITY\\This Organization', kind: 'well-known-group', aliases: [] },
  { sid: 'S-1-5-17', name: 'NT AUTHORITY\\IUSR', kind: 'anonymous-account', aliases: [] },
  { sid: 'S-1-5-18', name: 'NT AUTHORITY\\SYSTEM', kind: 'service-account', aliases: ['LocalSystem', 'Local System'] },
  { sid: 'S-1-5-19', name: 'NT AUTHORITY\\LOCAL SERVICE', kind: 'service-account', aliases: ['LocalService'] },
  { sid: 'S-1-5-20', name: 'NT AUTHORITY\\NETWORK SERVICE', kind: 'service-account', aliases: ['NetworkService'] },
  { sid: 'S-1-5-32-544', name: 'BUILTIN\\Administrators', kind: 'builtin-group', aliases: [] },
  { sid: 'S-1-5-32-545', name: 'BUILTIN\\Users', kind: 'builtin-group', aliases: [] },
  { sid: 'S-1-5-32-546', name: 'BUILTIN\\Guests', kind: 'builtin-group', aliases: [] },
  { sid: 'S-1-5-32-568', name: 'BUILTIN\\IIS_IUSRS', kind: 'builtin-group', aliases: [] },
  { sid: 'S-1-5-113', name: 'NT AUTHORITY\\Local account', kind: 'well-known-group', aliases: [] },
  {
    sid: 'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464',
    name: 'NT SERVICE\\TrustedInstaller',
    kind: 'service-account',
    aliases: [],
  },
  // Every pool worker carries it; Windows has no name for it and `whoami /groups` prints the bare SID.
  { sid: 'S-1-5-82-0', name: 'S-1-5-82-0', kind: 'well-known-group', aliases: [] },
];

/** SIDs that tokens are built from, named so the builders read like DESIGN §3. */
export const SID = {
  everyone: 'S-1-1-0',
  local: 'S-1-2-0',
  consoleLogon: 'S-1-2-1',
  creatorOwner: 'S-1-3-0',
  network: 'S-1-5-2',
  service: 'S-1-5-6',
  authenticatedUsers: 'S-1-5-11',
  thisOrganization: 'S-1-5-15',
  iusr: 'S-1-5-17',
  system: 'S-1-5-18',
  localService: 'S-1-5-19',
  networkService: 'S-1-5-20',
  administrators: 'S-1-5-32-544',
  users: 'S-1-5-32-545',
  guests: 'S-1-5-32-546',
  iisIusrs: 'S-1-5-32-568',
  localAccount: 'S-1-5-113',
  allPools: 'S-1-5-82-0',
} as const satisfies Record<string, Sid>;
