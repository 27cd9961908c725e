import { compileAclTable, directoryOf, loadConfig, type AclTable, type LoadedConfig } from '../config/index.js';
import type { Directory } from '../identity/index.js';

/** A loaded configuration with what most read-only commands derive from it. */
export interface LoadedContext {
  readonly loaded: LoadedConfig;
  readonly directory: Directory;
  readonly acls: AclTable;
}

export async function loadContext(configPath: string): Promise<LoadedContext> {
  const loaded = await loadConfig(configPath);
  return { loaded, directory: directoryOf(loaded.config), acls: compileAclTable(loaded.config, loaded.dir) };
}
