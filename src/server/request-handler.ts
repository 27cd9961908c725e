import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  refuse, runPipeline, sendOutcome, RequestContext, type ConnectionInfo, type ContentView, type FinalStatus, type Generation, type Outcome,
  type RequestLogSink, type Stage,
} from '../pipeline/index.js';
import { ignoreRequestBody } from '../stages/handler/index.js';
import { isLoopback, requestHost } from './host-header.js';

export interface ServerErrorSink {
  record(entry: {
    clientAddress: string; clientPort: number; localAddress: string; localPort: number;
    version?: string; method?: string; uri?: string; status: number; reason: string;
  }): void;
}

export interface RequestHandlerState {
  generation(): Generation;
  readonly stages: readonly Stage[];
  readonly content: ContentView;
  readonly logs: RequestLogSink;
  readonly serverErrors: ServerErrorSink;
  /** An unexpected failure inside a stage: logged with its stack, answered with a plain 500. */
  readonly reportFailure: (error: unknown) => void;
}

const BAD_REQUEST = Buffer.from('<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>400 - Bad Request</title></head>\n<body><h1>400 - Bad Request</h1></body></html>\n');

function detailedErrors(context: RequestContext): boolean {
  const mode = context.location?.httpErrors.errorMode ?? context.site.settingsAt('/').httpErrors.errorMode;
  return mode === 'Detailed' || (mode === 'DetailedLocalOnly' && isLoopback(context.connection.remoteAddress));
}

/** sc-bytes as IIS counts it, headers included: what this response added to the socket. */
function finalStatus(response: ServerResponse, outcome: Outcome | undefined, bytesBefore: number): FinalStatus {
  const matches = outcome !== undefined && outcome.status === response.statusCode;
  return {
    status: response.statusCode,
    substatus: matches ? outcome.substatus : 0,
    win32: matches ? outcome.win32 : response.statusCode === 500 ? 1359 : 0,
    bytesSent: Math.max(0, (response.socket?.bytesWritten ?? bytesBefore) - bytesBefore),
  };
}

/**
 * A socket's addresses, read once per connection rather than once per request: a keep-alive
 * client's requests share one object.
 */
const connections = new WeakMap<Socket, ConnectionInfo>();

function connectionOf(socket: Socket): ConnectionInfo {
  let connection = connections.get(socket);
  if (connection === undefined) {
    connection = {
      remoteAddress: socket.remoteAddress ?? '', remotePort: socket.remotePort ?? 0,
      localAddress: socket.localAddress ?? '', localPort: socket.localPort ?? 0,
      encrypted: 'encrypted' in socket && socket.encrypted === true,
    };
    // An address is unknown only on a socket that is already gone; do not remember that.
    if (connection.remoteAddress !== '') connections.set(socket, connection);
  }
  return connection;
}

/** Node's per-request entry: choose the site, run the pipeline, answer a refusal, log when done. */
export function createRequestHandler(state: RequestHandlerState) {
  return function handleRequest(listener: string, request: IncomingMessage, response: ServerResponse): void {
    const startedAt = performance.now();
    const generation = state.generation();
    const socket = request.socket;
    const connection = connectionOf(socket);
    const target = request.url ?? '/';
    const site = generation.siteFor(listener, requestHost(request.headers.host, target));
    if (!site) {
      state.serverErrors.record({
        clientAddress: connection.remoteAddress, clientPort: connection.remotePort,
        localAddress: connection.localAddress, localPort: connection.localPort,
        version: `HTTP/${request.httpVersion}`, method: request.method ?? '', uri: target, status: 400, reason: 'Hostname',
      });
      response.writeHead(400, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': BAD_REQUEST.length, Connection: 'close' });
      response.end(request.method === 'HEAD' ? undefined : BAD_REQUEST);
      return;
    }
    const context = new RequestContext({
      head: { method: request.method ?? 'GET', target, headers: request.headers, httpVersion: request.httpVersion },
      connection, generation, site, content: state.content, response, startedAt,
    });
    const bytesBefore = socket.bytesWritten;
    // 'close' comes once per response, finished or aborted: the log line is written either way.
    response.on('close', () => state.logs.record(context, finalStatus(response, context.outcome, bytesBefore)));
    // A static server reads no bodies: let Node discard one rather than wait for it.
    ignoreRequestBody(request);
    let result;
    try {
      result = runPipeline(state.stages, context);
    } catch (error) {
      fail(state, context, response, error);
      return;
    }
    // The hot path: the handler has answered already and nothing is left to do.
    if (result === undefined) return;
    if (result instanceof Promise) {
      result.then((outcome) => answer(context, response, outcome), (error: unknown) => fail(state, context, response, error));
    } else {
      answer(context, response, result);
    }
  };
}

/** A refusal becomes its response (the one error path of DESIGN §8). */
function answer(context: RequestContext, response: ServerResponse, outcome: Outcome | undefined): void {
  if (outcome) sendOutcome(response, outcome, { detailed: detailedErrors(context), head: context.head.method === 'HEAD' });
}

/** An unexpected failure in a stage, thrown or rejected: reported with its stack, answered with a plain 500. */
function fail(state: RequestHandlerState, context: RequestContext, response: ServerResponse, error: unknown): void {
  state.reportFailure(error);
  context.outcome = refuse(500, 0, 1359, 'internal error');
  sendOutcome(response, context.outcome, { detailed: false, head: context.head.method === 'HEAD' });
}
