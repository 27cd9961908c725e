/**
 * The request pipeline's engine (DESIGN §1): the RequestContext and its slots, the stage contract
 * and order, compiled configuration generations, and the one error path. No concrete stage lives
 * here; the server composes them.
 */
export { refuse, formatStatus, type Outcome } from './outcome.js';
export { basicChallenge } from './challenge.js';
export type { Decision, Layer, Verdict } from './decision.js';
export {
  RequestContext,
  type RequestHead, type ConnectionInfo, type RequestUrl, type MappedRequest, type RequestUser, type RequestAccess, type HandlerPlan,
} from './context.js';
export type { Stage, StageId } from './stage.js';
export { STAGE_ORDER, orderStages } from './order.js';
export { runPipeline } from './run.js';
export { andThen, type MaybePromise } from './maybe-async.js';
export { sendOutcome, errorPage } from './respond.js';
export {
  compileGeneration, listenerKey,
  type Generation, type CompiledSite, type CompiledApplication, type CompiledVirtualDirectory, type KeyedToken,
} from './generation.js';
export type { ContentEntry, ContentView, DirectoryItem, ResolveResult, FinalStatus, RequestLogSink } from './services.js';
export { BoundedCache } from './bounded-cache.js';
