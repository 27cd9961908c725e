import { formatAce, formatAceFlags, type EffectiveAce } from '../../acl/index.js';
import { SID } from '../../identity/index.js';
import { defineRule, grantsWrite, listSome, shellQuote, type PoolModel, type Snapshot } from '../rule.js';

interface Found {
  readonly ace: EffectiveAce;
  readonly pools: Set<string>;
  readonly roots: Set<string>;
}

/** The SIDs through which a pool's own identity writes: its worker, its pool SID, and IIS_IUSRS unless left out of the token. */
function poolSids(pool: PoolModel, snapshot: Snapshot): Set<string> {
  const sids = new Set([pool.worker.sid, pool.poolSid]);
  if (pool.token.sids.some((entry) => entry.sid === SID.iisIusrs && !entry.denyOnly)) sids.add(SID.iisIusrs);
  // A pool that runs as an admin account is the identity rules' business (pool-identity-localsystem …).
  for (const sid of sids) if (snapshot.identities.admins.has(sid)) sids.delete(sid);
  return sids;
}

export default defineRule({
  meta: {
    id: 'pool-identity-write-on-content-root',
    severity: 'medium',
    title: 'The application can rewrite all of its own content',
    sources: ['MS-ACL'],
    fix: 'usher acl grant ROOT "IIS AppPool\\POOL:(OI)(CI)(RX)" --replace, then Modify only on the data or upload folders that need it',
    docs:
      'Fires when the identity of the pool serving a site root, application or virtual directory (its worker account, ' +
      '`IIS AppPool\\POOL`, or IIS_IUSRS when the pool keeps it in its token) holds write-class rights on that root ' +
      'through an allow ACE with object or container inheritance, so the right flows to every file below. Anything that ' +
      'is not uploaded or generated needs only read access; with write on the root, one flaw in the application rewrites ' +
      'the whole site (defacement, planted scripts). Write on a named data folder below the root, or on the root folder ' +
      'alone without inheritance, passes. Reported at the path where the ACE is explicit.',
  },
  check(snapshot, report) {
    const pools = new Map(snapshot.pools.map((pool) => [pool.name.toLowerCase(), pool]));
    const found = new Map<string, Found>();
    for (const site of snapshot.sites) {
      for (const app of site.applications) {
        const pool = pools.get(app.pool.toLowerCase());
        if (!pool) continue;
        const sids = poolSids(pool, snapshot);
        for (const vdir of app.virtualDirectories) {
          if (vdir.realPath === undefined) continue;
          for (const ace of snapshot.files.byPath.get(vdir.realPath)?.acl?.aces ?? []) {
            if (ace.type !== 'allow' || !sids.has(ace.sid) || !grantsWrite(ace.mask)) continue;
            if (!ace.flags.objectInherit && !ace.flags.containerInherit) continue;
            const key = `${ace.from}\u0000${formatAce(ace.origin, (sid) => sid)}`;
            const entry = found.get(key) ?? { ace, pools: new Set<string>(), roots: new Set<string>() };
            found.set(key, entry);
            entry.pools.add(pool.name);
            entry.roots.add(vdir.realPath);
          }
        }
      }
    }
    const byPath = new Map<string, Found[]>();
    for (const entry of found.values()) byPath.set(entry.ace.from, [...(byPath.get(entry.ace.from) ?? []), entry]);
    const name = (sid: string) => snapshot.identities.directory.shortName(sid);
    for (const [path, entries] of byPath) {
      const roots = [...new Set(entries.flatMap((entry) => [...entry.roots]))];
      const poolNames = [...new Set(entries.flatMap((entry) => [...entry.pools]))];
      const fixes = entries.map(({ ace }) => {
        const who = name(ace.sid);
        if (ace.sid === SID.iisIusrs) return `usher acl remove ${shellQuote(path)} IIS_IUSRS --grants`;
        return `usher acl grant ${shellQuote(path)} ${shellQuote(`${who}:${formatAceFlags(ace.origin.flags)}(RX)`)} --replace`;
      });
      report({
        scope: `path:${path}`,
        message: `${listSome(entries.map(({ ace }) => formatAce(ace.origin, name)))} on ${path} ${entries.length === 1 ? 'lets' : 'let'} ` +
          `the identity of pool ${listSome(poolNames)} write everywhere under ${listSome(roots)}, the content it serves`,
        fix: `${fixes.join('; ')}; then grant Modify only where the application writes, e.g. usher acl grant ${shellQuote(`${roots[0]}/uploads`)} ` +
          `${shellQuote(`IIS AppPool\\${poolNames[0]}:(OI)(CI)(M)`)}`,
      });
    }
  },
});
