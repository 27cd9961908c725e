import type { RequestContext } from './context.js';
import type { Outcome } from './outcome.js';

/** The stages of DESIGN §1, named after IIS's pipeline events (pipeline/order.ts gives the order). */
export type StageId = 'request-filtering' | 'mapping' | 'authentication' | 'authorization' | 'handler';

/**
 * A stage reads and writes slots of the RequestContext and either lets the request go on
 * (returns undefined) or ends it with a typed outcome, which the one error path turns into the
 * response and the log line. Stages never write error responses themselves; only the handler
 * writes a successful response.
 */
export interface Stage {
  readonly id: StageId;
  run(context: RequestContext): Outcome | undefined | Promise<Outcome | undefined>;
}
