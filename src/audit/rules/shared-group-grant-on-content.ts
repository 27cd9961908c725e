import { formatAce, formatAceFlags, icaclsRights } from '../../acl/index.js';
import { acesByPath, defineRule, grantsRead, grantsWrite, listSome, plural, removeGrants, shellQuote, type Snapshot } from '../rule.js';

const within = (path: string, dir: string) => path === dir || path.startsWith(dir === '/' ? '/' : `${dir}/`);

/** Who should be granted instead: the pools serving `path` and the anonymous identities of its sites that are not the pool. */
function ownIdentities(snapshot: Snapshot, path: string, sites: readonly string[]): string[] {
  const names = new Set<string>();
  for (const site of snapshot.sites.filter((candidate) => sites.includes(candidate.name))) {
    for (const app of site.applications) {
      if (app.virtualDirectories.some((vdir) => vdir.realPath !== undefined && (within(path, vdir.realPath) || within(vdir.realPath, path)))) {
        names.add(`IIS AppPool\\${app.pool}`);
      }
    }
    for (const location of snapshot.locations) {
      if (location.site === site.name && location.anonymous && location.anonymous.identity !== 'ApplicationPoolIdentity') {
        names.add(location.anonymous.principal.shortName);
      }
    }
  }
  return [...names];
}

export default defineRule({
  meta: {
    id: 'shared-group-grant-on-content',
    severity: 'medium',
    title: 'Content is granted to a group every pool or user belongs to',
    sources: ['MS-ACL', 'MS-Isolation'],
    fix: 'usher acl remove PATH GROUP --grants, then grant the site\'s pool identity (and its anonymous identity): usher acl grant PATH "IIS AppPool\\POOL:(OI)(CI)(RX)"',
    docs:
      'Fires on a server with two or more sites or pools, for an allow ACE with read-or-better rights, set inside a ' +
      'content tree, for a broad group: Everyone, Anonymous Logon, Users, Authenticated Users or IIS_IUSRS. Every pool ' +
      'worker carries IIS_IUSRS, Users and Authenticated Users, so such a grant lets the code of every other site read ' +
      'this one, and one compromised application reads them all. Grants inherited from a folder above the site are ' +
      '`everyone-grant-inherited`; deny ACEs and grants to a pool or anonymous identity pass. Reported once per path ' +
      'where such ACEs are explicit.',
  },
  check(snapshot, report) {
    if (snapshot.sites.length < 2 && snapshot.pools.length < 2) return;
    const byPath = acesByPath(snapshot.files.applied, ({ ace, from }) =>
      ace.type === 'allow' && snapshot.identities.broadGroups.has(ace.sid) && grantsRead(ace.mask) &&
      snapshot.files.byPath.get(from)?.roles.includes('content') === true);
    const name = (sid: string) => snapshot.identities.directory.shortName(sid);
    const what = `${plural(snapshot.sites.length, 'site')} and ${plural(snapshot.pools.length, 'pool')}`;
    for (const [path, found] of byPath) {
      const sites = [...new Set(found.flatMap((applied) => applied.sites))];
      const own = ownIdentities(snapshot, path, sites);
      // The read the group gave, never more: write goes only where the application writes.
      const first = found[0]!.ace;
      const rights = grantsWrite(first.mask) ? 'RX' : icaclsRights(first.mask);
      const grants = own.map((who) => `usher acl grant ${shellQuote(path)} ${shellQuote(`${who}:${formatAceFlags(first.flags)}(${rights})`)}`);
      report({
        scope: `path:${path}`,
        message: `${listSome(found.map((applied) => formatAce(applied.ace, name)))} on ${path} (content of ${listSome(sites)}) ` +
          `${found.length === 1 ? 'reaches' : 'reach'} every pool and account on a server with ${what}: each site's code can read it`,
        fix: [...grants, removeGrants(path, found, name)].join('; '),
      });
    }
  },
});
