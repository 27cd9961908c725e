import { parseDuration, type Duration } from '../config/index.js';
import { UsherError } from '../shared/index.js';

/** Option values as typed on the command line, checked before anything is written. */

/** Commander's accumulator for repeatable options (`--binding A --binding B`). */
export function collect(value: string, previous: readonly string[] = []): string[] {
  return [...previous, value];
}

const ON = new Set(['on', 'true', 'yes', 'enabled', '1']);
const OFF = new Set(['off', 'false', 'no', 'disabled', '0']);

export function parseOnOff(text: string, option: string): boolean {
  const folded = text.trim().toLowerCase();
  if (ON.has(folded)) return true;
  if (OFF.has(folded)) return false;
  throw new UsherError('USHER_ERR_CLI_USAGE', `${option} takes on or off, not '${text}'`);
}

export function parseWholeNumber(text: string, option: string, range: { min: number; max: number }): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < range.min || value > range.max) {
    throw new UsherError('USHER_ERR_CLI_USAGE', `${option} takes a whole number from ${range.min} to ${range.max}, not '${text}'`);
  }
  return value;
}

/** A duration as the file writes it (`20m`, `90s`, or seconds as a number); checked with the schema's parser. */
export function parseDurationOption(text: string, option: string): Duration {
  const trimmed = text.trim();
  const value: Duration = /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
  try {
    parseDuration(value);
  } catch (error) {
    throw new UsherError('USHER_ERR_CLI_USAGE', `${option}: ${(error as Error).message}`);
  }
  return value;
}

/** `alice, bob` → `alice,bob`: IIS's comma lists, written one way. */
export function commaList(text: string): string[] {
  return text.split(',').map((item) => item.trim());
}
