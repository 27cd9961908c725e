/**
 * ExecuteRequestHandler (DESIGN §1): static files (types, validators, 304, ranges), directory
 * listings where enabled, OPTIONS and 405 for other verbs.
 */
export { createHandlerStage } from './handler-stage.js';
export { ignoreRequestBody } from './request-body.js';
export { contentTypeOf } from './file-info.js';
