/**
 * Request filtering (BeginRequest, DESIGN §1 and §8): the raw request-target becomes one canonical
 * path, and IIS's requestFiltering rules, with Usher's defaults, are applied to it.
 */
export { createRequestFilteringStage } from './request-filtering-stage.js';
