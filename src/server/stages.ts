import { orderStages, type Stage } from '../pipeline/index.js';
import { createAuthenticationStage } from '../stages/authentication/index.js';
import { createAuthorizationStage } from '../stages/authorization/index.js';
import { createHandlerStage } from '../stages/handler/index.js';
import { createMappingStage } from '../stages/mapping/index.js';
import { createRequestFilteringStage } from '../stages/request-filtering/index.js';

/** The concrete stages, in pipeline order: the same list serves requests and explains them. */
export function createStages(): Stage[] {
  return orderStages([
    createRequestFilteringStage(),
    createMappingStage(),
    createAuthenticationStage(),
    createAuthorizationStage(),
    createHandlerStage(),
  ]);
}
