import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Document } from 'yaml';
import { isUsherError, UsherError } from '../shared/index.js';
import { createFileAtomic, removeLeftoverTemps, writeFileAtomic } from './atomic-write.js';
import { SERVER_DEFAULTS } from './defaults.js';
import { serializeDocument } from './document-source.js';
import { archiveVersion, listHistory, pruneHistory, recordHead, type HistoryEntry } from './history.js';
import { ConfigInvalidError } from './issues.js';
import { keepOriginalFormatting } from './preserve-formatting.js';
import { loadConfig, parseConfig, readConfigText, type LoadedConfig, type LoadOptions } from './load.js';
import { acquireLock } from './lock-file.js';
import type { UsherConfig } from './schema/usher-config.js';

export interface StoreOptions extends LoadOptions {
  /** How long to wait for another writer's lock (default 10 s). */
  readonly lockTimeoutMs?: number | undefined;
}

export interface EditOptions {
  /** Kept with the version in history, e.g. `site add shop`. */
  readonly message?: string | undefined;
}

/** Changes the document in place; `current` is the same configuration, parsed and validated. */
export type Mutation = (document: Document, current: UsherConfig) => void | Promise<void>;

/**
 * The only way Usher writes a configuration (DESIGN §5): under a lock, re-read, edited as a YAML
 * document (comments and key order survive), validated, previous version kept in history, and
 * replaced atomically.
 */
export interface ConfigStore {
  readonly file: string;
  read(): Promise<LoadedConfig>;
  edit(mutate: Mutation, options?: EditOptions): Promise<LoadedConfig>;
  history(): Promise<HistoryEntry[]>;
  /** Restores version `n` of `history()` through the same path as an edit, so it is validated and undoable. */
  rollback(n: number, options?: EditOptions): Promise<LoadedConfig>;
}

interface CurrentFile {
  readonly bytes: Buffer;
  readonly modified: Date;
}

async function readCurrent(file: string): Promise<CurrentFile | undefined> {
  try {
    const [bytes, info] = await Promise.all([readFile(file), stat(file)]);
    return { bytes, modified: info.mtime };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function writeError(file: string, error: unknown): UsherError {
  if (isUsherError(error)) return error;
  return new UsherError('USHER_ERR_CFG_WRITE', `cannot save ${file}: ${(error as Error).message}`, { location: { file }, cause: error });
}

/** Archive, replace, remember: the order makes a crash at any point leave a loadable config. */
async function commit(file: string, previous: CurrentFile | undefined, next: LoadedConfig, text: string, message?: string): Promise<void> {
  try {
    // A symlinked config (say, into a checkout) stays a symlink: the file it points at is replaced.
    const target = await realpath(file).catch(() => file);
    await removeLeftoverTemps(dirname(target), target);
    if (previous) await archiveVersion(file, previous.bytes, previous.modified);
    await writeFileAtomic(target, text, { mode: 0o600 });
    await recordHead(file, text, message);
    await pruneHistory(file, next.config.server?.history?.keep ?? SERVER_DEFAULTS.history.keep);
  } catch (error) {
    throw writeError(file, error);
  }
}

/**
 * The edited text, parsed and validated. The text keeps the user's formatting where possible; if
 * that version does not parse to exactly the edited document, the library's printing is used.
 */
function parseEdited(formatted: string, printed: string, edited: Document, options: LoadOptions & { file: string }): { next: LoadedConfig; nextText: string } {
  if (formatted !== printed) {
    try {
      const next = parseConfig(formatted, options.file, options);
      if (JSON.stringify(next.document.toJS()) === JSON.stringify(edited.toJS())) return { next, nextText: formatted };
    } catch {
      // The printed text decides: it either loads, or its errors are the ones to report.
    }
  }
  return { next: parseConfig(printed, options.file, options), nextText: printed };
}

export function openStore(file: string, options: StoreOptions = {}): ConfigStore {
  const locked = async <T>(work: () => Promise<T>): Promise<T> => {
    const release = await acquireLock(`${file}.lock`, { timeoutMs: options.lockTimeoutMs ?? 10_000 });
    try {
      return await work();
    } finally {
      await release();
    }
  };

  return {
    file,
    read: () => loadConfig(file, options),

    edit: async (mutate, editOptions = {}) => {
      // Say "no such file" before trying to lock beside it, which would fail less clearly.
      await readConfigText(file);
      return locked(async () => {
        // Read under the lock: whatever another writer saved a moment ago is what this edit builds on.
        const text = await readConfigText(file);
        let current: LoadedConfig;
        try {
          current = parseConfig(text, file, options);
        } catch (error) {
          if (error instanceof ConfigInvalidError) {
            throw new ConfigInvalidError(error.issues, { context: `${file} is invalid, so it cannot be edited (fix it or use usher config rollback)` });
          }
          throw error;
        }
        const printedBefore = serializeDocument(current.document);
        await mutate(current.document, current.config);
        const printedAfter = serializeDocument(current.document);
        if (printedAfter === printedBefore) return current;
        const { next, nextText } = parseEdited(
          keepOriginalFormatting(text, printedBefore, printedAfter), printedAfter, current.document, { ...options, file });
        await commit(file, await readCurrent(file), next, nextText, editOptions.message);
        return next;
      });
    },

    history: () => listHistory(file),

    rollback: (n, editOptions = {}) => locked(async () => {
      const versions = await listHistory(file);
      const version = Number.isInteger(n) ? versions.find((entry) => entry.number === n) : undefined;
      if (!version) {
        throw new UsherError('USHER_ERR_CFG_HISTORY', versions.length === 0
          ? `${file} has no history yet`
          : `there is no version ${n}: history holds 1..${versions.length} (see usher config history)`);
      }
      const text = await readFile(version.path, 'utf8');
      let next: LoadedConfig;
      try {
        next = parseConfig(text, file, options);
      } catch (error) {
        if (error instanceof ConfigInvalidError) {
          throw new ConfigInvalidError(error.issues, { context: `version ${n} does not validate today, so it was not restored` });
        }
        throw error;
      }
      const savedAt = version.savedAt.toISOString();
      await commit(file, await readCurrent(file), next, text, editOptions.message ?? `rollback to version ${n} (saved ${savedAt})`);
      return next;
    }),
  };
}

/** Writes a new configuration for `usher init`; never replaces one (USHER_ERR_CFG_EXISTS). */
export async function createConfig(file: string, text: string, options: StoreOptions & EditOptions = {}): Promise<LoadedConfig> {
  const loaded = parseConfig(text, file, options);
  try {
    await createFileAtomic(file, text, { mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new UsherError('USHER_ERR_CFG_EXISTS', `${file} already exists: change it with usher commands, or move it away first`, {
        location: { file },
      });
    }
    throw writeError(file, error);
  }
  await recordHead(file, text, options.message ?? 'usher init').catch((error: unknown) => {
    throw writeError(file, error);
  });
  return loaded;
}
