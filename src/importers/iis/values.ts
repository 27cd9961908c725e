/**
 * IIS attribute values as the schema writes them: booleans `true`/`false` (any case), unsigned
 * integers, TimeSpans `[d.]hh:mm:ss[.fff]`, and flag lists `Ssl, SslNegotiateCert`.
 */

export function parseBool(text: string | undefined): boolean | undefined {
  if (text === undefined) return undefined;
  const folded = text.trim().toLowerCase();
  if (folded === 'true') return true;
  if (folded === 'false') return false;
  return undefined;
}

export function parseUint(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*\d+\s*$/.test(text)) return undefined;
  const value = Number(text);
  return value <= 4_294_967_295 ? value : undefined;
}

/** Seconds in an IIS TimeSpan (`00:20:00`, `1.05:00:00`, `29:00:00`), or undefined. */
export function parseTimeSpan(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const match = /^\s*(?:(\d+)\.)?(\d+):(\d{1,2}):(\d{1,2})(?:\.\d+)?\s*$/.exec(text);
  if (!match) return undefined;
  const [, days, hours, minutes, seconds] = match;
  return Number(days ?? 0) * 86_400 + Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
}

/** A duration in Usher's spelling: `29h`, `5m`, `1h30m`, `90s`, or 0 (off, where IIS allows it). */
export function formatDuration(totalSeconds: number): string | number {
  if (totalSeconds === 0) return 0;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return `${hours > 0 ? `${hours}h` : ''}${minutes > 0 ? `${minutes}m` : ''}${seconds > 0 ? `${seconds}s` : ''}`;
}

/** `Ssl, SslNegotiateCert` → `['ssl', 'sslnegotiatecert']`. */
export function parseFlags(text: string | undefined): string[] {
  return (text ?? '').split(',').map((flag) => flag.trim().toLowerCase()).filter((flag) => flag !== '');
}
