import type { ServerResponse } from 'node:http';
import { open, type FileHandle } from 'node:fs/promises';
import { andThen, refuse, type MaybePromise, type Outcome, type RequestContext } from '../../pipeline/index.js';
import type { FileInfo } from './file-info.js';
import { selectResponse } from './preconditions.js';

/** Read-ahead per chunk when streaming: large enough for few syscalls, small enough to keep memory flat. */
const CHUNK = 64 * 1024;

function openFailed(context: RequestContext, error: unknown): Outcome {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    // Removed between mapping and now; the change notification will reach the cache shortly.
    context.note({ layer: 'handler', verdict: 'deny', detail: 'the file vanished before it could be read' });
    return refuse(404, 0, 2, 'the file vanished before it could be read');
  }
  context.note({ layer: 'handler', verdict: 'deny', detail: `the server process cannot open the file (${code ?? 'error'})` });
  return refuse(500, 0, code === 'EACCES' || code === 'EPERM' ? 5 : 0, `cannot open the file (${code ?? 'error'})`);
}

/**
 * Streams bytes start..end from an open file. A file that shrank underway cannot fill the
 * Content-Length already sent, so the response is cut off rather than left hanging; a client that
 * goes away closes the file.
 */
function stream(context: RequestContext, response: ServerResponse, handle: FileHandle, start: number, end: number): void {
  const expected = end - start + 1;
  const source = handle.createReadStream({ start, end, highWaterMark: CHUNK });
  // The status is on its way already: the trail (read when the response closes) says what went wrong.
  const cutOff = (detail: string) => {
    context.note({ layer: 'handler', verdict: 'deny', detail });
    response.destroy();
  };
  source.on('error', (error: NodeJS.ErrnoException) => cutOff(`reading the file failed mid-response (${error.code ?? 'error'})`));
  response.on('close', () => source.destroy());
  source.on('end', () => {
    if (source.bytesRead < expected) cutOff(`the file shrank while it was sent (${source.bytesRead} of ${expected} bytes)`);
    else response.end();
  });
  source.pipe(response, { end: false });
}

/**
 * Sends `info`'s file (or part of it), from memory when the content view keeps it (synchronously:
 * a hot file costs no promise), else from disk.
 */
function sendBytes(
  context: RequestContext, response: ServerResponse, info: FileInfo,
  status: number, headers: readonly (string | number)[], start: number, end: number,
): MaybePromise<Outcome | undefined> {
  return andThen(context.content.body(info.entry), (body) => {
    if (body === undefined) return streamFromDisk(context, response, info, status, headers, start, end);
    response.writeHead(status, headers as (string | number)[]);
    response.end(start === 0 && end === body.length - 1 ? body : body.subarray(start, end + 1));
    return undefined;
  });
}

async function streamFromDisk(
  context: RequestContext, response: ServerResponse, info: FileInfo,
  status: number, headers: readonly (string | number)[], start: number, end: number,
): Promise<Outcome | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(info.entry.realPath, 'r');
  } catch (error) {
    return openFailed(context, error);
  }
  response.writeHead(status, headers as (string | number)[]);
  stream(context, response, handle, start, end);
  return undefined;
}

/** GET or HEAD of a file: 304, 206, 416 or 200. */
export function sendFile(context: RequestContext, response: ServerResponse, info: FileInfo): MaybePromise<Outcome | undefined> {
  const method = context.head.method;
  const selection = selectResponse(method, context.head.headers, info);
  const size = info.entry.size;
  switch (selection.kind) {
    case 'not-modified':
      context.note(info.notModified);
      response.writeHead(304, info.notModifiedHeaders as string[]);
      response.end();
      return undefined;
    case 'unsatisfiable':
      context.note({ layer: 'handler', verdict: 'deny', detail: `no requested range lies within the file's ${size} bytes (416)` });
      return refuse(416, 0, 0, 'range not satisfiable', { 'Content-Range': `bytes */${size}` });
    case 'partial': {
      const { start, end } = selection;
      context.note({ layer: 'handler', verdict: 'pass', detail: `${info.served.detail}; bytes ${start}-${end} (206)` });
      const headers = [...info.partialHeaders, 'Content-Length', end - start + 1, 'Content-Range', `bytes ${start}-${end}/${size}`];
      return sendBytes(context, response, info, 206, headers, start, end);
    }
    case 'full':
      context.note(info.served);
      if (method === 'HEAD' || size === 0) {
        response.writeHead(200, info.headers as (string | number)[]);
        response.end();
        return undefined;
      }
      return sendBytes(context, response, info, 200, info.headers, 0, size - 1);
  }
}
