import type { RequestContext } from './context.js';
import type { MaybePromise } from './maybe-async.js';
import type { Outcome } from './outcome.js';
import type { Stage } from './stage.js';

/**
 * Runs the stages in order until one refuses. Returns the refusal (also kept on the context), or
 * undefined when the handler answered. The answer is synchronous as long as every stage answers
 * synchronously (everything the request needs is cached): the hot path costs no promise. A stage
 * that throws synchronously throws out of here; the caller's error path handles both kinds.
 */
export function runPipeline(stages: readonly Stage[], context: RequestContext, from = 0): MaybePromise<Outcome | undefined> {
  for (let i = from; i < stages.length; i++) {
    const result = stages[i]!.run(context);
    if (result instanceof Promise) {
      return result.then((outcome) => (outcome === undefined ? runPipeline(stages, context, i + 1) : settle(context, outcome)));
    }
    if (result !== undefined) return settle(context, result);
  }
  return undefined;
}

function settle(context: RequestContext, outcome: Outcome): Outcome {
  context.outcome = outcome;
  return outcome;
}
