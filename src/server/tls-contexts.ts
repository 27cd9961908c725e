import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { createSecureContext, type SecureContext } from 'node:tls';
import type { ResolvedBinding } from '../config/index.js';

/** What a TLS context is made of, kept so the server's default context can be rebuilt. */
export interface TlsMaterial {
  readonly cert: Buffer;
  readonly key: Buffer;
  readonly minVersion: ResolvedBinding['minVersion'];
}

interface CertificateSource {
  readonly host: string;
  readonly certificate: string;
  readonly key: string;
  readonly minVersion: ResolvedBinding['minVersion'];
}

/**
 * The certificates of one https socket, chosen by SNI host name (exact, then `*.domain`, then the
 * binding without a host), and reloaded when their files change so renewals need no restart.
 */
export class TlsContexts {
  #sources: CertificateSource[] = [];
  #contexts = new Map<string, SecureContext>();
  #fallback: TlsMaterial | undefined;
  #onLoad: ((fallback: TlsMaterial) => void) | undefined;
  #watchers: FSWatcher[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly report: (message: string) => void) {}

  /** Loads (or reloads) from the bindings of this socket; throws when a file is missing or unusable. */
  update(bindings: readonly ResolvedBinding[]): void {
    this.#sources = bindings.flatMap((binding) =>
      binding.certificate !== undefined && binding.key !== undefined
        ? [{ host: binding.host, certificate: binding.certificate, key: binding.key, minVersion: binding.minVersion }]
        : []);
    this.#load();
    this.#watch();
  }

  /** The certificate for clients that send no SNI: the host-less binding's, else the first. */
  get fallback(): TlsMaterial | undefined {
    return this.#fallback;
  }

  /** Called with the fallback material after every (re)load, so the server's default context follows. */
  onLoad(callback: (fallback: TlsMaterial) => void): void {
    this.#onLoad = callback;
    if (this.#fallback) callback(this.#fallback);
  }

  #load(): void {
    const contexts = new Map<string, SecureContext>();
    let fallback: TlsMaterial | undefined;
    for (const source of this.#sources) {
      if (contexts.has(source.host)) continue;
      const material = { cert: readFileSync(source.certificate), key: readFileSync(source.key), minVersion: source.minVersion };
      contexts.set(source.host, createSecureContext(material));
      if (fallback === undefined || source.host === '') fallback = material;
    }
    this.#contexts = contexts;
    this.#fallback = fallback;
    if (fallback) this.#onLoad?.(fallback);
  }

  #watch(): void {
    for (const watcher of this.#watchers) watcher.close();
    const files = new Set(this.#sources.flatMap((source) => [source.certificate, source.key]));
    const folders = new Set([...files].map((file) => dirname(file)));
    this.#watchers = [...folders].map((folder) => watch(folder, (_event, name) => {
      if (name !== null && [...files].some((file) => dirname(file) === folder && basename(file) === name)) this.#scheduleReload();
    }));
    for (const watcher of this.#watchers) watcher.on('error', () => undefined);
  }

  // Certificate and key are usually replaced one after the other: wait for both before reloading.
  #scheduleReload(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      try {
        this.#load();
        this.report('certificates reloaded');
      } catch (error) {
        this.report(`certificate change ignored, the previous certificates stay in use: ${(error as Error).message}`);
      }
    }, 250);
    this.#timer.unref();
  }

  contextFor(servername: string | undefined): SecureContext | undefined {
    const host = (servername ?? '').toLowerCase();
    const exact = this.#contexts.get(host);
    if (exact) return exact;
    for (const [pattern, context] of this.#contexts) {
      if (pattern.startsWith('*.') && host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1) return context;
    }
    return this.#contexts.get('') ?? this.#contexts.values().next().value;
  }

  close(): void {
    clearTimeout(this.#timer);
    for (const watcher of this.#watchers) watcher.close();
  }
}
