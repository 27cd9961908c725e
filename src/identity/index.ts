export { normalizeSid, parseSid, isSid, type Sid } from './sid.js';
export type { Principal, PrincipalKind } from './principal.js';
export type { Token, TokenEntry } from './token.js';
export { WELL_KNOWN_PRINCIPALS, SID, type WellKnownPrincipal } from './well-known.js';
export { poolSid, serviceSid } from './virtual-account-sid.js';
export { generateMachineSid, FIRST_LOCAL_RID } from './machine-sid.js';
export { hashPassword, verifyPassword, parsePasswordHash, isPasswordHash } from './password.js';
export {
  createDirectory,
  type Directory,
  type DirectoryInput,
  type PoolAccount,
  type PoolIdentity,
  type PoolIdentityType,
} from './directory.js';
export {
  anonymousToken,
  anonymousIdentityToken,
  poolToken,
  serviceToken,
  tokenFor,
  userToken,
  type AnonymousIdentity,
} from './token-builder.js';
