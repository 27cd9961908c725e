import { formatAce, formatAceFlags } from '../../acl/index.js';
import { byExplicitPath, defineRule, downTo, grantsWrite, listSome, shellQuote, type AppliedAce, type Snapshot } from '../rule.js';

/** SIDs through which a site's anonymous visitors can write: their token, minus the pool's own identity and the admin set. */
function anonymousWriters(snapshot: Snapshot, site: string): Map<string, string> {
  const writers = new Map<string, string>(); // sid → who (for the message)
  for (const location of snapshot.locations) {
    const anonymous = location.anonymous;
    if (location.site !== site || !anonymous) continue;
    const asPool = anonymous.identity === 'ApplicationPoolIdentity';
    for (const entry of anonymous.token.sids) {
      if (entry.denyOnly || snapshot.identities.admins.has(entry.sid)) continue;
      // Writes by the pool's own identity are the pool rules' business; only the broad groups make them anonymous.
      if (asPool && !snapshot.identities.broadGroups.has(entry.sid)) continue;
      if (!writers.has(entry.sid)) writers.set(entry.sid, anonymous.principal.name);
    }
  }
  return writers;
}

export default defineRule({
  meta: {
    id: 'anonymous-write-on-content',
    severity: 'high',
    title: 'Anonymous visitors can change content',
    sources: ['STIG V-218750', 'STIG V-218780', 'MS-ACL'],
    fix: 'usher acl remove PATH PRINCIPAL --grants, then grant read only: usher acl grant PATH "PRINCIPAL:(OI)(CI)(RX)"',
    docs:
      'Fires for an allow ACE with any write-class right (write, append, delete, change permissions or owner …) that ' +
      'applies inside the content of a site with anonymous authentication enabled, when its principal is in the anonymous ' +
      'token: IUSR, a specific anonymous user, Everyone, Users, Authenticated Users, or a group IUSR was put in. When ' +
      'anonymous runs as the pool identity, only the broad groups count, since what the pool may write is judged by the ' +
      'pool rules. Reported once per path where such ACEs are explicit, naming them; uploads belong in a folder only the ' +
      'pool identity can write, with scripts off.',
  },
  check(snapshot, report) {
    const writersBySite = new Map(snapshot.sites.map((site) => [site.name, anonymousWriters(snapshot, site.name)]));
    const picked: { ace: AppliedAce; sites: string[]; as: string }[] = [];
    for (const applied of snapshot.files.applied) {
      if (applied.ace.type !== 'allow' || !applied.roles.includes('content') || !grantsWrite(applied.ace.mask)) continue;
      const sites = applied.sites.filter((site) => writersBySite.get(site)?.has(applied.ace.sid));
      if (sites.length === 0) continue;
      const as = writersBySite.get(sites[0]!)!.get(applied.ace.sid)!;
      picked.push({ ace: applied, sites, as });
    }
    const name = (sid: string) => snapshot.identities.directory.shortName(sid);
    for (const [path, found] of byExplicitPath(picked, (entry) => entry.ace)) {
      const aces = found.map(({ ace }) => formatAce(ace.ace, name));
      const sites = [...new Set(found.flatMap((entry) => entry.sites))];
      // A broad group loses the grant; the anonymous account itself keeps reading.
      const fixes = found.map(({ ace }) => {
        const who = name(ace.ace.sid);
        const remove = `usher acl remove ${shellQuote(path)} ${shellQuote(who)} --grants`;
        if (snapshot.identities.broadGroups.has(ace.ace.sid)) return remove;
        return `${remove}; usher acl grant ${shellQuote(path)} ${shellQuote(`${who}:${formatAceFlags(ace.ace.flags)}(RX)`)}`;
      });
      report({
        scope: `path:${path}`,
        message: `${listSome(aces)} on ${path} ${found.length === 1 ? 'lets' : 'let'} anonymous visitors of ${listSome(sites)} ` +
          `(running as ${found[0]!.as}) write, delete or re-permission content${downTo(path, found.map(({ ace }) => ace))}`,
        fix: fixes.join('   and   '),
      });
    }
  },
});
