import type { RequestContext } from './context.js';
import type { Outcome } from './outcome.js';
import type { Stage } from './stage.js';

/**
 * Runs the stages in order until one refuses. Returns the refusal (also kept on the context), or
 * undefined when the handler answered. Sync stages cost no promise: the hot path stays cheap.
 */
export async function runPipeline(stages: readonly Stage[], context: RequestContext): Promise<Outcome | undefined> {
  for (const stage of stages) {
    const result = stage.run(context);
    const outcome = result instanceof Promise ? await result : result;
    if (outcome !== undefined) {
      context.outcome = outcome;
      return outcome;
    }
  }
  return undefined;
}
