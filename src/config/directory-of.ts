import { createDirectory, type Directory } from '../identity/index.js';
import type { UsherConfig } from './schema/usher-config.js';

const directories = new WeakMap<UsherConfig, Directory>();

/** The principals a configuration defines (pools, local users and groups) plus the well-known ones. */
export function directoryOf(config: UsherConfig): Directory {
  let directory = directories.get(config);
  if (!directory) {
    directory = createDirectory({
      machineSid: config.identities?.machineSid,
      users: config.identities?.users,
      groups: config.identities?.groups,
      pools: config.applicationPools,
    });
    directories.set(config, directory);
  }
  return directory;
}
