/** The audit's read-only model (see model.ts) and the one function that builds it. */
export { buildSnapshot, DEFAULT_EVIDENCE_DAYS, type SnapshotOptions } from './build.js';
export type * from './model.js';
export { SETTING_NAMES } from './setting-names.js';
export { SAMPLE_MARKER } from './file-walk.js';
