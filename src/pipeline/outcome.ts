/**
 * How a request ends when a stage refuses it (DESIGN §8): the same status, substatus and win32 code
 * go to the response, the W3C line and the decision trail. `reason` is for the trail and the logs
 * only; the client never sees it.
 */
export interface Outcome {
  readonly status: number;
  readonly substatus: number;
  readonly win32: number;
  readonly reason: string;
  /** Headers the answer needs: `WWW-Authenticate` with a 401, `Location` with a 301, `Allow` with a 405. */
  readonly headers?: Readonly<Record<string, string>>;
}

export function refuse(status: number, substatus: number, win32: number, reason: string, headers?: Record<string, string>): Outcome {
  return headers === undefined ? { status, substatus, win32, reason } : { status, substatus, win32, reason, headers };
}

/** `401.3`, `404.0`: how IIS and its logs write a status with its substatus. */
export function formatStatus(outcome: Pick<Outcome, 'status' | 'substatus'>): string {
  return `${outcome.status}.${outcome.substatus}`;
}
