import type { IncomingMessage } from 'node:http';

/**
 * No handler here reads a request body, and none waits for one: the answer goes out as soon as
 * it is ready. A body that does arrive (a GET with one, a refused POST) is drained as it comes,
 * never buffered, so a client still sending it cannot stall with a full TCP window while we wait
 * for it to read our answer. (Node would only dump the rest after the response finished.)
 * Request filtering's maxAllowedContentLength bounds what a client may announce.
 */
export function ignoreRequestBody(request: IncomingMessage): void {
  const length = request.headers['content-length'];
  if ((length === undefined || length === '0') && request.headers['transfer-encoding'] === undefined) return;
  request.resume();
}
