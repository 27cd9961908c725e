import { describe, expect, it } from 'vitest';
import { formatDuration, parseBool, parseTimeSpan, parseUint } from './values.js';

describe('IIS values', () => {
  it('reads TimeSpans, with days and without', () => {
    expect(parseTimeSpan('00:20:00')).toBe(1200);
    expect(parseTimeSpan('29:00:00')).toBe(104_400);
    expect(parseTimeSpan('1.05:30:00')).toBe(106_200);
    expect(parseTimeSpan('soon')).toBeUndefined();
  });
  it("writes durations in Usher's spelling", () => {
    expect([0, 30, 300, 5400, 104_400, 90].map(formatDuration)).toEqual([0, '30s', '5m', '1h30m', '29h', '1m30s']);
  });
  it('reads booleans in any case and unsigned integers', () => {
    expect([parseBool('True'), parseBool('false'), parseBool('yes')]).toEqual([true, false, undefined]);
    expect([parseUint('42'), parseUint('-1'), parseUint('4294967296')]).toEqual([42, undefined, undefined]);
  });
});
