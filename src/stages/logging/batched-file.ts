import { mkdir, open, readdir, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { w3cRemark } from './header.js';

/**
 * The part every log file shares: lines wait in memory and go to disk in batches, one append per
 * file per batch, so serving a request never costs a syscall for its log line. Each line carries
 * its own timestamp and lands in the file of its own period, even when the batch is written after
 * midnight. Writing never throws into the server: a failure is reported once, the lines are kept
 * and retried with the next batch, and past a cap new lines are dropped and counted.
 */

/** Log files hold client addresses, query strings and, if enabled, cookies: owner and group only. */
export const LOG_FILE_MODE = 0o640;
export const LOG_DIRECTORY_MODE = 0o750;

/** How lines are split between files: by the period of their timestamp, or by size (`<prefix><N>.log`). */
export type FileNaming =
  | { readonly kind: 'period'; readonly name: (epochMs: number) => string }
  | { readonly kind: 'size'; readonly prefix: string; readonly truncateSize: number };

export interface BatchTuning {
  /** Longest a line waits in memory before it is written (default 500 ms). */
  readonly intervalMs?: number;
  /** Waiting lines of this many characters are written at once, without waiting (default 64 KiB). */
  readonly batchChars?: number;
  /** While writes fail, lines wait up to this many characters; past it new lines are dropped (default 8 MiB). */
  readonly maxPendingChars?: number;
}

export interface BatchedFileOptions extends BatchTuning {
  readonly directory: string;
  readonly naming: FileNaming;
  /** The directive block for a file (re)opened with a line stamped `epochMs`. */
  readonly header: (epochMs: number) => string;
  /** Where problems are said, once per episode (the server's stderr). */
  readonly report: (message: string) => void;
  /** Nothing is written before this settles: the previous writer of the same file closing. */
  readonly after?: Promise<void> | undefined;
}

export const DEFAULT_TUNING = { intervalMs: 500, batchChars: 64 * 1024, maxPendingChars: 8 * 1024 * 1024 } as const;

/** Consecutive lines that go to the same file. */
interface Chunk {
  readonly name: string;
  readonly firstMs: number;
  readonly lines: string[];
}

const SIZE_INDEX = (prefix: string): RegExp => new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\d+)\\.log$`);

export class BatchedLogFile {
  private readonly tuning: Required<BatchTuning>;
  private pending: Chunk[] = [];
  private pendingChars = 0;
  private timer: NodeJS.Timeout | undefined;
  private queued = false;
  private chain: Promise<void>;
  /** The file this writer last wrote to; writing to any other is opening a file, which needs a header. */
  private current: string | undefined;
  private sizeIndex: number | undefined;
  private failing = false;
  private dropped = 0;
  private dropReported = false;
  private closed = false;
  private nameSecond = Number.NaN;
  private nameCached = '';

  constructor(private readonly options: BatchedFileOptions) {
    this.chain = options.after ?? Promise.resolve();
    this.tuning = {
      intervalMs: options.intervalMs ?? DEFAULT_TUNING.intervalMs,
      batchChars: options.batchChars ?? DEFAULT_TUNING.batchChars,
      maxPendingChars: options.maxPendingChars ?? DEFAULT_TUNING.maxPendingChars,
    };
  }

  /** The hot path: no I/O, at most a timer armed for the batch. */
  append(line: string, epochMs: number): void {
    const chars = line.length + 1;
    if (this.pendingChars + chars > this.tuning.maxPendingChars) {
      this.drop(1);
      return;
    }
    const name = this.nameFor(epochMs);
    const last = this.pending[this.pending.length - 1];
    if (last !== undefined && last.name === name) last.lines.push(line);
    else this.pending.push({ name, firstMs: epochMs, lines: [line] });
    this.pendingChars += chars;
    // While writes fail, retries keep to the interval rather than one attempt per request.
    if (this.closed || (this.pendingChars >= this.tuning.batchChars && !this.failing)) this.writeSoon();
    else this.timer ??= setTimeout(() => this.writeSoon(), this.tuning.intervalMs).unref();
  }

  /** Resolves when every line appended so far has been written (or has failed and been reported). */
  flush(): Promise<void> {
    this.clearTimer();
    this.chain = this.chain.then(() => this.writePending()).catch((error: unknown) => this.problem(error));
    return this.chain;
  }

  /**
   * Writes what is waiting and stops the timer. Lines recorded later are still written, each
   * batch at once; lines that fail once closed are lost, and the report says how many.
   */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private nameFor(epochMs: number): string {
    const naming = this.options.naming;
    if (naming.kind === 'size') return '';
    // Period names change at most once a second; computing one costs a Date.
    const second = Math.floor(epochMs / 1000);
    if (second !== this.nameSecond) {
      this.nameSecond = second;
      this.nameCached = naming.name(epochMs);
    }
    return this.nameCached;
  }

  private writeSoon(): void {
    if (this.queued) return;
    this.queued = true;
    void this.flush();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async writePending(): Promise<void> {
    this.queued = false;
    this.clearTimer();
    const chunks = this.pending;
    this.pending = [];
    this.pendingChars = 0;
    for (let i = 0; i < chunks.length; i++) {
      try {
        await this.writeChunk(chunks[i]!);
      } catch (error) {
        this.failed(error, chunks.slice(i));
        return;
      }
    }
    if (chunks.length > 0 && this.failing) {
      this.failing = false;
      this.dropReported = false;
      this.options.report(`the W3C log in ${this.options.directory} is being written again`);
    }
  }

  /** Keeps the unwritten lines ahead of newer ones and tries again with the next batch. */
  private failed(error: unknown, unwritten: Chunk[]): void {
    if (this.closed) {
      const lost = unwritten.reduce((sum, chunk) => sum + chunk.lines.length, 0);
      this.problem(error, `${lost} lines are lost (the log is closing)`);
      return;
    }
    if (!this.failing) this.problem(error, 'lines are kept in memory and retried');
    this.failing = true;
    this.pending = [...unwritten, ...this.pending];
    this.pendingChars = this.pending.reduce((sum, chunk) => chunk.lines.reduce((s, line) => s + line.length + 1, sum), 0);
    this.timer ??= setTimeout(() => this.writeSoon(), this.tuning.intervalMs).unref();
  }

  private problem(error: unknown, consequence = 'the server keeps serving'): void {
    const code = (error as NodeJS.ErrnoException)?.code;
    const message = (error as Error)?.message ?? String(error);
    this.options.report(`cannot write the W3C log in ${this.options.directory}: ${code ?? message}; ${consequence}`);
  }

  private drop(lines: number): void {
    this.dropped += lines;
    if (this.dropReported) return;
    this.dropReported = true;
    this.options.report(`W3C log lines for ${this.options.directory} are being dropped: ${this.tuning.maxPendingChars} characters are already waiting`);
  }

  private async openFile(file: string): Promise<FileHandle> {
    try {
      return await open(file, 'a', LOG_FILE_MODE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      // The folder is missing: first write, or removed while running. Create it and carry on.
      await mkdir(this.options.directory, { recursive: true, mode: LOG_DIRECTORY_MODE });
      return await open(file, 'a', LOG_FILE_MODE);
    }
  }

  /** The directives a write starts with: a header when the file is new to this writer or empty, and lost lines. */
  private preamble(name: string, size: number, epochMs: number): { text: string; dropped: number } {
    let text = size === 0 || this.current !== name ? this.options.header(epochMs) : '';
    const dropped = this.dropped;
    if (dropped > 0) text += w3cRemark(`${dropped} lines were dropped while the log could not be written`);
    return { text, dropped };
  }

  /** One append; if it fails halfway, the file is cut back so the retry does not leave half a line. */
  private async appendAll(handle: FileHandle, name: string, text: string, sizeBefore: number, dropped: number): Promise<void> {
    try {
      await handle.appendFile(text);
    } catch (error) {
      await handle.truncate(sizeBefore).catch(() => undefined);
      throw error;
    }
    this.current = name;
    this.dropped -= dropped;
  }

  private async writeChunk(chunk: Chunk): Promise<void> {
    const naming = this.options.naming;
    if (naming.kind === 'size') return this.writeBySize(chunk, naming.prefix, naming.truncateSize);
    const handle = await this.openFile(join(this.options.directory, chunk.name));
    try {
      const { size } = await handle.stat();
      const { text, dropped } = this.preamble(chunk.name, size, chunk.firstMs);
      await this.appendAll(handle, chunk.name, `${text}${chunk.lines.join('\n')}\n`, size, dropped);
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  /** Size rollover: fill `<prefix><N>.log` up to truncateSize, then go on in N+1, as IIS's `u_extend<N>.log`. */
  private async writeBySize(chunk: Chunk, prefix: string, truncateSize: number): Promise<void> {
    this.sizeIndex ??= await this.highestSizeIndex(prefix);
    while (chunk.lines.length > 0) {
      const name = `${prefix}${this.sizeIndex}.log`;
      const handle = await this.openFile(join(this.options.directory, name));
      try {
        const { size } = await handle.stat();
        const { text, dropped } = this.preamble(name, size, chunk.firstMs);
        let bytes = size + Buffer.byteLength(text);
        let count = 0;
        for (const line of chunk.lines) {
          const lineBytes = Buffer.byteLength(line) + 1;
          // A file always takes at least one line, so a line longer than truncateSize cannot stall the log.
          if (bytes + lineBytes > truncateSize && (count > 0 || size > 0)) break;
          bytes += lineBytes;
          count++;
        }
        if (count > 0) {
          await this.appendAll(handle, name, `${text}${chunk.lines.slice(0, count).join('\n')}\n`, size, dropped);
          chunk.lines.splice(0, count);
        }
        if (chunk.lines.length > 0) this.sizeIndex++;
      } finally {
        await handle.close().catch(() => undefined);
      }
    }
  }

  /** After a restart, go on with the newest file (IIS does); it rolls over at once if already full. */
  private async highestSizeIndex(prefix: string): Promise<number> {
    const pattern = SIZE_INDEX(prefix);
    const names = await readdir(this.options.directory).catch(() => [] as string[]);
    return names.reduce((highest, name) => Math.max(highest, Number(pattern.exec(name)?.[1] ?? 0)), 1);
  }
}
