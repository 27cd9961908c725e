import { formatAce, formatAceFlags } from '../../acl/index.js';
import {
  defineRule, grantsWrite, isRequestPrincipal, listSome, loggedUser, mapLoggedUrl, READ_METHODS, shellQuote, usersActingAs, within,
  type AppliedAce, type SiteModel,
} from '../rule.js';

interface Served {
  readonly user: string | undefined;
  readonly path: string | undefined;
  readonly method: string;
  readonly ok: boolean;
}


export default defineRule({
  meta: {
    id: 'grant-exceeds-observed-use',
    severity: 'low',
    title: 'Write access is held but only reads happen',
    sources: ['own (least privilege)'],
    fix: 'usher acl grant PATH "PRINCIPAL:(OI)(CI)(RX)" --replace',
    evidence: { minDays: 14 },
    docs:
      'Evidence rule: fires for an explicit allow ACE inside a content tree that gives a local user or local group ' +
      '(outside the admin set, not a pool or anonymous identity, not a broad group) a write-class right, when the W3C ' +
      'logs of the window show successful requests (2xx or 3xx) by that user, or by members of that group, under the ' +
      'ACE\'s path, and every one of them used a read method: GET, HEAD, OPTIONS or PROPFIND. A grant nobody used at all ' +
      'is `unused-grant`. Usher\'s ACLs are enforced only by Usher, so its logs record every use. It runs only over sites ' +
      'whose logs cover at least 14 days, and judges an ACE only when every site serving its path has that much ' +
      'evidence. Reported once per path.',
  },
  check(snapshot, report) {
    const evidence = new Map(snapshot.evidence.sites.map((site) => [site.site, site]));
    const served = new Map<string, Served[]>();
    const servedAt = (site: SiteModel) => {
      let list = served.get(site.name);
      if (!list) {
        list = (evidence.get(site.name)?.records ?? []).map((record) => ({
          user: loggedUser(record.username), path: mapLoggedUrl(site, record.uriStem)?.path, method: (record.method ?? '').toUpperCase(),
          ok: record.status !== undefined && record.status >= 200 && record.status < 400,
        }));
        served.set(site.name, list);
      }
      return list;
    };
    const byPath = new Map<string, { ace: AppliedAce; requests: Served[] }[]>();
    for (const applied of snapshot.files.applied) {
      if (applied.ace.type !== 'allow' || !grantsWrite(applied.ace.mask) || !isRequestPrincipal(snapshot, applied.principal)) continue;
      if (!snapshot.files.byPath.get(applied.from)?.roles.includes('content')) continue;
      const sites = snapshot.sites.filter((site) => applied.sites.includes(site.name));
      if (sites.length === 0 || !sites.every((site) => evidence.has(site.name))) continue;
      const users = usersActingAs(snapshot, applied.ace.sid);
      const requests = sites.flatMap((site) => servedAt(site).filter((hit) =>
        hit.ok && hit.user !== undefined && users.includes(hit.user) && hit.path !== undefined && within(hit.path, applied.from)));
      // No use at all is unused-grant's finding; one write is a use of the write right.
      if (requests.length === 0 || requests.some((hit) => !READ_METHODS.has(hit.method))) continue;
      byPath.set(applied.from, [...(byPath.get(applied.from) ?? []), { ace: applied, requests }]);
    }
    const name = (sid: string) => snapshot.identities.directory.shortName(sid);
    for (const [path, found] of byPath) {
      const sites = [...new Set(found.flatMap(({ ace }) => ace.sites))];
      const days = Math.floor(Math.min(...sites.map((site) => evidence.get(site)!.coveredDays)));
      const methods = [...new Set(found.flatMap(({ requests }) => requests.map((hit) => hit.method)))].sort();
      const count = found.reduce((sum, { requests }) => sum + requests.length, 0);
      report({
        scope: `path:${path}`,
        message: `${listSome(found.map(({ ace }) => formatAce(ace.ace, name)))} on ${path} ${found.length === 1 ? 'allows' : 'allow'} writing, ` +
          `but in ${days} days of ${listSome(sites)}'s logs ${count === 1 ? 'the only successful request' : `all ${count} successful requests`} by ${listSome(found.map(({ ace }) => ace.principal.name))} ` +
          `under it only read (${methods.join(', ')})`,
        fix: found.map(({ ace }) =>
          `usher acl grant ${shellQuote(path)} ${shellQuote(`${name(ace.ace.sid)}:${formatAceFlags(ace.ace.flags)}(RX)`)} --replace`).join('; '),
      });
    }
  },
});
