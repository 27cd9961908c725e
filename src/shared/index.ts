export { ERROR_CODES, type ErrorCode, type ErrorCodeInfo } from './error-codes.js';
export { UsherError, isUsherError, formatLocation, type SourceLocation } from './errors.js';
