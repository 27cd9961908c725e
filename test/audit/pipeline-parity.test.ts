import { describe, expect, it } from 'vitest';
import { auditStages } from '../../src/audit/probe.js';
import { createStages } from '../../src/server/stages.js';

// The exposure scan must decide with the stages the server serves with: same ids, same order.
describe('the exposure scan', () => {
  it('runs exactly the stages the server runs, in the same order', () => {
    expect(auditStages().map((stage) => stage.id)).toEqual(createStages().map((stage) => stage.id));
  });
});
