import { realpathSync } from 'node:fs';
import { SID, type Directory, type Sid } from '../../identity/index.js';
import type { Generation } from '../../pipeline/index.js';
import { scope } from '../scope.js';
import { isLoopbackAddress } from '../vocabulary.js';
import { readCertificate } from './certificates.js';
import { principalRef } from './identities.js';
import type { ApplicationModel, BindingModel, PoolIdentityType, PoolModel, SiteModel } from './model.js';

function realOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

const WORKER_SIDS: Record<Exclude<PoolIdentityType, 'ApplicationPoolIdentity' | 'SpecificUser'>, Sid> = {
  NetworkService: SID.networkService,
  LocalService: SID.localService,
  LocalSystem: SID.system,
};

export function buildPools(generation: Generation): PoolModel[] {
  const directory: Directory = generation.directory;
  return generation.resolved.applicationPools.map((pool): PoolModel => {
    const account = directory.pool(pool.name)!;
    const identity = pool.identity;
    const identityType: PoolIdentityType = typeof identity === 'object' ? 'SpecificUser' : identity;
    const workerSid = typeof identity === 'object'
      ? directory.resolve(identity.user).sid
      : identity === 'ApplicationPoolIdentity' ? account.sid : WORKER_SIDS[identity];
    const usedBy = generation.resolved.sites.flatMap((site) => site.applications
      .filter((app) => app.applicationPool.toLowerCase() === pool.name.toLowerCase())
      .map((app) => ({ site: site.name, application: app.path })));
    return {
      name: pool.name,
      scope: scope.pool(pool.name),
      resolved: pool,
      identityType,
      userName: typeof identity === 'object' ? identity.user : undefined,
      worker: principalRef(directory, workerSid),
      poolSid: account.sid,
      token: generation.poolToken(pool.name).token,
      usedBy,
    };
  });
}

/** `/shop` + `/images` → `/shop/images`; the application's own root keeps the application path. */
function joinUrl(base: string, path: string): string {
  if (path === '/') return base;
  return base === '/' ? path : `${base}${path}`;
}

export function buildSites(generation: Generation): SiteModel[] {
  const certificates = new Map<string, Buffer | Error>();
  return generation.sites.map((compiled): SiteModel => {
    const site = compiled.resolved;
    const bindings = site.bindings.map((binding): BindingModel => ({
      ...binding,
      scope: scope.binding(site.name, binding),
      loopback: isLoopbackAddress(binding.address),
      tls: binding.protocol === 'https',
      parsedCertificate: readCertificate(binding, certificates),
    }));
    const applications = site.applications.map((app): ApplicationModel => ({
      path: app.path,
      pool: app.applicationPool,
      physicalPath: app.physicalPath,
      virtualDirectories: app.virtualDirectories.map((vdir) => ({
        urlPath: joinUrl(app.path, vdir.path),
        physicalPath: vdir.physicalPath,
        realPath: realOrUndefined(vdir.physicalPath),
      })),
    }));
    return {
      name: site.name,
      id: site.id,
      scope: scope.site(site.name),
      resolved: site,
      bindings,
      loopbackOnly: bindings.every((binding) => binding.loopback),
      applications,
      contentRoots: compiled.contentRoots,
      missingRoots: compiled.missingRoots,
      logging: site.logging,
    };
  });
}
