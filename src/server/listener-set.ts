import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { listenerKey, type Generation } from '../pipeline/index.js';
import type { ResolvedBinding } from '../config/index.js';
import { TlsContexts } from './tls-contexts.js';

export interface ListenerHandlers {
  request(listener: string, request: IncomingMessage, response: ServerResponse): void;
  clientError(listener: string, error: Error & { code?: string }, socket: Socket): void;
}

/** One open socket and what it serves. */
export interface OpenListener {
  readonly key: string;
  readonly protocol: 'http' | 'https';
  readonly server: Server;
  readonly tls: TlsContexts | undefined;
  /** The address and port actually bound (port 0 becomes a real port). */
  readonly bound: { readonly address: string; readonly port: number };
}

/** `*` listens on every address: IPv6 and IPv4 where the host has IPv6, else IPv4. */
async function listen(server: Server, address: string, port: number): Promise<AddressInfo> {
  const attempt = (host: string) => new Promise<AddressInfo>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen({ host, port, ipv6Only: false }, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
  if (address !== '*') return attempt(address);
  try {
    return await attempt('::');
  } catch (error) {
    if (!['EAFNOSUPPORT', 'EADDRNOTAVAIL'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    return attempt('0.0.0.0');
  }
}

function applyTimeouts(server: Server, generation: Generation, bindings: readonly ResolvedBinding[]): void {
  // A socket can serve several sites; the strictest limits among them apply to it.
  const sites = generation.sites.filter((site) => site.resolved.bindings.some((b) => bindings.includes(b)));
  const limits = sites.map((site) => site.resolved.limits);
  if (limits.length === 0) return;
  server.headersTimeout = Math.min(...limits.map((l) => l.headersTimeoutMs));
  server.requestTimeout = Math.min(...limits.map((l) => l.requestTimeoutMs));
  server.keepAliveTimeout = Math.min(...limits.map((l) => l.connectionTimeoutMs));
  server.maxConnections = Math.min(...limits.map((l) => l.maxConnections));
}

/**
 * The sockets a generation needs, kept across reloads: a socket whose binding survives is kept
 * (its connections live on), new ones are opened and vanished ones closed gracefully.
 */
export class ListenerSet {
  readonly #open = new Map<string, OpenListener>();

  constructor(private readonly handlers: ListenerHandlers, private readonly report: (message: string) => void) {}

  get listeners(): readonly OpenListener[] {
    return [...this.#open.values()];
  }

  /** Opens and closes sockets to match `generation`; a socket that cannot open is reported and skipped. */
  async update(generation: Generation): Promise<{ opened: OpenListener[]; failed: string[] }> {
    const wanted = new Map<string, ResolvedBinding[]>();
    for (const site of generation.sites) {
      if (site.contentRoots.length === 0) continue;
      for (const binding of site.resolved.bindings) {
        const key = listenerKey(binding);
        wanted.set(key, [...(wanted.get(key) ?? []), binding]);
      }
    }
    for (const [key, listener] of this.#open) {
      if (!wanted.has(key)) {
        this.#open.delete(key);
        void closeGracefully(listener);
      }
    }
    const opened: OpenListener[] = [];
    const failed: string[] = [];
    for (const [key, bindings] of wanted) {
      const existing = this.#open.get(key);
      try {
        if (existing) {
          existing.tls?.update(bindings);
          applyTimeouts(existing.server, generation, bindings);
          continue;
        }
        const listener = await this.#openListener(key, bindings);
        applyTimeouts(listener.server, generation, bindings);
        this.#open.set(key, listener);
        opened.push(listener);
      } catch (error) {
        failed.push(`${bindings[0]!.text}: ${(error as Error).message}`);
      }
    }
    return { opened, failed };
  }

  async #openListener(key: string, bindings: readonly ResolvedBinding[]): Promise<OpenListener> {
    const first = bindings[0]!;
    let tls: TlsContexts | undefined;
    let server: Server;
    if (first.protocol === 'https') {
      tls = new TlsContexts(this.report);
      tls.update(bindings);
      const contexts = tls;
      const https = createHttpsServer({
        ...contexts.fallback,
        SNICallback: (servername, done) => done(null, contexts.contextFor(servername)),
      });
      // Clients without SNI get the default context; it follows certificate reloads too.
      contexts.onLoad((material) => https.setSecureContext(material));
      server = https;
    } else {
      server = createHttpServer();
    }
    server.on('request', (request: IncomingMessage, response: ServerResponse) => this.handlers.request(key, request, response));
    server.on('clientError', (error: Error & { code?: string }, socket: Socket) => this.handlers.clientError(key, error, socket));
    const info = await listen(server, first.address, first.port);
    return { key, protocol: first.protocol, server, tls, bound: { address: info.address, port: info.port } };
  }

  /** Stops accepting everywhere and waits for requests in flight, then closes what is left. */
  async close(graceMs: number): Promise<void> {
    const all = [...this.#open.values()];
    this.#open.clear();
    await Promise.all(all.map((listener) => closeGracefully(listener, graceMs)));
  }
}

async function closeGracefully(listener: OpenListener, graceMs = 10_000): Promise<void> {
  listener.tls?.close();
  const closed = new Promise<void>((resolve) => listener.server.close(() => resolve()));
  listener.server.closeIdleConnections();
  const timer = setTimeout(() => listener.server.closeAllConnections(), graceMs);
  timer.unref();
  await closed;
  clearTimeout(timer);
}
