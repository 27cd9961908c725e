import type { FSWatcher } from 'node:fs';
import { loadConfig, type LoadedConfig } from '../config/index.js';
import { compileGeneration, type Generation } from '../pipeline/index.js';
import { createServerErrorLog, createSiteLogs } from '../stages/logging/index.js';
import { watchConfigFile } from './config-watcher.js';
import { createContentView } from './content/index.js';
import { ListenerSet } from './listener-set.js';
import { createRequestHandler } from './request-handler.js';
import { SOFTWARE } from './software.js';
import { createStages } from './stages.js';

export interface ServerOptions {
  /** The configuration as loaded (from a file, or built in memory for quick mode). */
  readonly loaded: LoadedConfig;
  /** Watch this file and apply valid changes; quick mode has none. */
  readonly watchFile?: string | undefined;
  /** Where the server says what it is doing (stderr in the foreground). */
  readonly report: (message: string) => void;
}

export interface RunningServer {
  readonly listeners: readonly { protocol: 'http' | 'https'; address: string; port: number }[];
  generation(): Generation;
  /** Loads the file again and applies it if valid; resolves to whether it was applied. */
  reload(): Promise<boolean>;
  /** Stops accepting, drains requests in flight, flushes the logs. */
  close(): Promise<void>;
}

/** The composition root (DESIGN §2): the only place that knows every part. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { report } = options;
  let generation = compileGeneration(options.loaded);
  const cache = generation.resolved.server.contentCache;
  const content = createContentView({ maxBytes: cache.maxBytes, maxFileBytes: cache.maxFileBytes, report });
  const logs = createSiteLogs({ software: SOFTWARE, report });
  const serverErrors = createServerErrorLog({ directory: generation.resolved.server.logging.directory, software: SOFTWARE, report });
  const handle = createRequestHandler({
    generation: () => generation,
    stages: createStages(),
    content,
    logs,
    serverErrors,
    reportFailure: (error) => report(`internal error while serving a request: ${(error as Error)?.stack ?? String(error)}`),
  });
  const listeners = new ListenerSet({
    request: handle,
    clientError: (_key, error, socket) => {
      serverErrors.record({
        clientAddress: socket.remoteAddress ?? '', clientPort: socket.remotePort ?? 0,
        localAddress: socket.localAddress ?? '', localPort: socket.localPort ?? 0,
        status: 400, reason: error.code === 'HPE_HEADER_OVERFLOW' ? 'Header' : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'Timer_EntityBody' : 'BadRequest',
      });
      if (socket.writable && !socket.destroyed) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      else socket.destroy();
    },
  }, report);

  const apply = async (next: Generation): Promise<void> => {
    for (const site of next.sites) {
      for (const missing of site.missingRoots) report(`site '${site.name}': ${missing} does not exist; nothing is served from it`);
    }
    logs.update(next);
    content.watch(next.sites.flatMap((site) => site.contentRoots));
    generation = next;
    const { failed } = await listeners.update(next);
    for (const failure of failed) report(`cannot listen on ${failure}`);
  };
  await apply(generation);

  let watcher: FSWatcher | undefined;
  const reload = async (): Promise<boolean> => {
    if (!options.watchFile) return false;
    try {
      const loaded = await loadConfig(options.watchFile);
      await apply(compileGeneration({ ...loaded, file: options.watchFile }));
      report(`configuration reloaded from ${options.watchFile}`);
      return true;
    } catch (error) {
      report(`configuration change ignored, the previous configuration keeps serving: ${(error as Error).message}`);
      return false;
    }
  };
  if (options.watchFile) watcher = watchConfigFile(options.watchFile, () => void reload());

  return {
    get listeners() {
      return listeners.listeners.map((listener) => ({ protocol: listener.protocol, address: listener.bound.address, port: listener.bound.port }));
    },
    generation: () => generation,
    reload,
    async close() {
      watcher?.close();
      await listeners.close(10_000);
      content.close();
      await Promise.all([logs.closeAll(), serverErrors.close()]);
    },
  };
}
