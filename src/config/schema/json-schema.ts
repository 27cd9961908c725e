import * as z from 'zod';
import { usherConfigSchema } from './usher-config.js';

/**
 * JSON Schema of `usher.yaml` for editors (YAML language server, VS Code's JSON support), derived
 * from the zod schema so the two cannot drift. Produced on demand, never committed.
 */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(usherConfigSchema, {
    target: 'draft-2020-12',
    // Cross-field rules (pool references, duplicate bindings) are not expressible here; they stay
    // in `validateConfig`, and the editor simply does not know them.
    unrepresentable: 'any',
    io: 'input',
  }) as Record<string, unknown>;
}
