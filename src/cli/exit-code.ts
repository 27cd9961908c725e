/** DESIGN §6: the exit codes every command shares. */
export const EXIT = {
  ok: 0,
  /** A negative answer: access denied, findings at or above --fail-on. */
  negative: 1,
  /** A usage or configuration error. */
  error: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
