import type { Stage, StageId } from './stage.js';

/**
 * The fixed order, with why each stage sits where it does:
 * - request-filtering (BeginRequest): decide what the path *is* before anything trusts it, and
 *   refuse hostile forms before they touch the disk.
 * - mapping (MapRequestHandler): the canonical path becomes a real path inside a content root; the
 *   access check must run on that real path, so mapping comes before authorization.
 * - authentication (AuthenticateRequest): who the request runs as; a challenge is only worth
 *   sending once we know the identity is refused, which authorization tells it.
 * - authorization (AuthorizeRequest): URL rules, then the ACL access check for the token.
 * - handler (ExecuteRequestHandler): default document, file, listing.
 * Logging (LogRequest) runs after the response, whatever happened.
 */
export const STAGE_ORDER: readonly StageId[] = ['request-filtering', 'mapping', 'authentication', 'authorization', 'handler'];

/** The stages in pipeline order; refuses a missing or duplicated stage at start-up, not on a request. */
export function orderStages(stages: readonly Stage[]): Stage[] {
  const byId = new Map(stages.map((stage) => [stage.id, stage]));
  if (byId.size !== stages.length) throw new Error('a pipeline stage was registered twice');
  return STAGE_ORDER.map((id) => {
    const stage = byId.get(id);
    if (!stage) throw new Error(`the pipeline has no '${id}' stage`);
    return stage;
  });
}
