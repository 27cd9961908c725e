import { orderStages, type Stage } from '../pipeline/index.js';
import { createAuthenticationStage } from './authentication/index.js';
import { createAuthorizationStage } from './authorization/index.js';
import { createHandlerStage } from './handler/index.js';
import { createMappingStage } from './mapping/index.js';
import { createRequestFilteringStage } from './request-filtering/index.js';

/**
 * The concrete stages in pipeline order: the one list the server serves with, `usher explain`
 * explains with and the audit's exposure scan probes with, so the three can never disagree.
 */
export function createStages(): Stage[] {
  return orderStages([
    createRequestFilteringStage(),
    createMappingStage(),
    createAuthenticationStage(),
    createAuthorizationStage(),
    createHandlerStage(),
  ]);
}
