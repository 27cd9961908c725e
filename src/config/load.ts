import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Document } from 'yaml';
import { UsherError } from '../shared/index.js';
import type { CheckOptions } from './checks/check-context.js';
import { parseConfigDocument, yamlErrorMessage } from './document-source.js';
import { ConfigInvalidError, type ConfigIssue } from './issues.js';
import type { UsherConfig } from './schema/usher-config.js';
import { validateConfig } from './validate.js';

/** A configuration that parsed and validated; `document` keeps the comments for edits. */
export interface LoadedConfig {
  readonly file: string;
  /** The file's folder, absolute: relative paths in the config start here. */
  readonly dir: string;
  readonly document: Document;
  readonly config: UsherConfig;
  readonly warnings: readonly ConfigIssue[];
}

export type LoadOptions = CheckOptions;

/**
 * Parses and validates configuration text. Throws USHER_ERR_CFG_SYNTAX for malformed YAML or
 * JSON (JSON is YAML), and ConfigInvalidError (USHER_ERR_CFG_INVALID) with every issue otherwise.
 */
export function parseConfig(text: string, file: string, options: LoadOptions = {}): LoadedConfig {
  const document = parseConfigDocument(text);
  if (document.errors.length > 0) {
    const first = document.errors[0]!;
    const line = first.linePos?.[0].line ?? 1;
    const more = document.errors.length > 1 ? ` (and ${document.errors.length - 1} more)` : '';
    const message = yamlErrorMessage(first);
    throw new UsherError('USHER_ERR_CFG_SYNTAX', `${file}:${line}: ${message}${more}`, {
      location: { file, line, column: first.linePos?.[0].col ?? 1 },
    });
  }
  const dir = dirname(resolve(file));
  const result = validateConfig(document, { ...options, file, dir });
  if (!result.ok) throw new ConfigInvalidError(result.issues);
  return { file, dir, document, config: result.config, warnings: result.warnings };
}

/** Reads the text of a configuration file, or says how to get one. */
export async function readConfigText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder' : `cannot be read (${code ?? 'error'})`;
    throw new UsherError('USHER_ERR_CFG_NOT_FOUND',
      `${file} ${reason}: create one with usher init, or point at one with -c FILE`, { location: { file }, cause: error });
  }
}

export async function loadConfig(file: string, options: LoadOptions = {}): Promise<LoadedConfig> {
  return parseConfig(await readConfigText(file), file, options);
}
