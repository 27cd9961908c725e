/**
 * Usher's ACL engine: Windows access masks, ACEs, inheritance, canonical order and the one access
 * check, with icacls and SDDL as text forms. Pure: no I/O, no configuration, no clock.
 */
export {
  SPECIFIC_RIGHTS,
  SIMPLE_RIGHTS,
  FILE_GENERIC_MAPPING,
  FILE_GENERIC_READ,
  FILE_GENERIC_WRITE,
  FILE_GENERIC_EXECUTE,
  FILE_ALL_ACCESS,
  GENERIC_BITS,
  SYNCHRONIZE,
  MAXIMUM_ALLOWED,
  READ_FILE,
  LIST_DIRECTORY,
  mapGenericBits,
  hasGenericBits,
  formatMask,
  icaclsRights,
  rightByName,
  type SpecificRight,
  type SimpleRight,
} from './access-mask.js';
export {
  NO_FLAGS,
  aceFlags,
  isInheritable,
  sameAce,
  sameFlags,
  sameInheritance,
  sameTrusteeAndFlags,
  type Ace,
  type AceFlags,
  type AceType,
  type Acl,
  type EffectiveAce,
} from './ace.js';
export { parseAce, parseRights, formatAce, formatAceFlags, type ResolveName, type NameOf } from './icacls.js';
export { parseSddl, type SddlDacl, type SddlOptions } from './sddl.js';
export { formatSddl, formatSddlAce, formatSddlRights, formatSddlSid } from './sddl-format.js';
export {
  effectiveAcl,
  effectiveAces,
  inheritedCopies,
  disableInheritance,
  type ChainNode,
  type EffectiveAcl,
  type UnreachedAce,
  type UnreachedReason,
} from './inheritance.js';
export { canonicalOrder, isCanonical } from './canonical-order.js';
export { accessCheck, type AccessCheckRequest, type AccessCheckResult, type ExplainEntry } from './access-check.js';
export type { AccessNote, AccessNoteKind } from './access-notes.js';
export { grantAces, denyAces, removeAces } from './acl-edit.js';
