import { formatAce } from '../../acl/index.js';
import {
  defineRule, isRequestPrincipal, listSome, loggedUser, mapLoggedUrl, shellQuote, usersActingAs, within, type AppliedAce, type SiteModel,
} from '../rule.js';

interface Served {
  readonly user: string | undefined;
  readonly path: string | undefined;
  readonly ok: boolean;
}

export default defineRule({
  meta: {
    id: 'unused-grant',
    severity: 'low',
    title: 'A person or group holds access it never used',
    sources: ['own (least privilege)'],
    fix: 'usher acl remove PATH PRINCIPAL --grants',
    evidence: { minDays: 14 },
    docs:
      'Evidence rule: fires for an explicit allow ACE inside a content tree for a local user or local group (outside the ' +
      'admin set, not a pool or anonymous identity, not a broad group) when the W3C logs of the window show no ' +
      'successful request (2xx or 3xx) by that user, or by any member of that group, for anything under the ACE\'s ' +
      'path. Usher\'s ACLs are enforced only by Usher, so its logs record every use. It runs only over sites whose logs ' +
      'cover at least 14 days, and judges an ACE only when every site serving its path has that much evidence; ' +
      'otherwise the report notes what was skipped. Reported once per path.',
  },
  check(snapshot, report) {
    const evidence = new Map(snapshot.evidence.sites.map((site) => [site.site, site]));
    const served = new Map<string, Served[]>();
    const servedAt = (site: SiteModel) => {
      let list = served.get(site.name);
      if (!list) {
        list = (evidence.get(site.name)?.records ?? []).map((record) => ({
          user: loggedUser(record.username), path: mapLoggedUrl(site, record.uriStem)?.path,
          ok: record.status !== undefined && record.status >= 200 && record.status < 400,
        }));
        served.set(site.name, list);
      }
      return list;
    };
    const byPath = new Map<string, { ace: AppliedAce; users: string[] }[]>();
    for (const applied of snapshot.files.applied) {
      if (applied.ace.type !== 'allow' || !isRequestPrincipal(snapshot, applied.principal)) continue;
      if (!snapshot.files.byPath.get(applied.from)?.roles.includes('content')) continue;
      const sites = snapshot.sites.filter((site) => applied.sites.includes(site.name));
      if (sites.length === 0 || !sites.every((site) => evidence.has(site.name))) continue;
      const users = usersActingAs(snapshot, applied.ace.sid);
      const used = sites.some((site) => servedAt(site).some((hit) =>
        hit.ok && hit.user !== undefined && users.includes(hit.user) && hit.path !== undefined && within(hit.path, applied.from)));
      if (used) continue;
      byPath.set(applied.from, [...(byPath.get(applied.from) ?? []), { ace: applied, users }]);
    }
    const name = (sid: string) => snapshot.identities.directory.shortName(sid);
    for (const [path, found] of byPath) {
      const sites = [...new Set(found.flatMap(({ ace }) => ace.sites))];
      const days = Math.floor(Math.min(...sites.map((site) => evidence.get(site)!.coveredDays)));
      const who = found.map(({ ace, users }) => ace.principal.kind === 'local-group'
        ? `${ace.principal.name} (${users.length === 0 ? 'no members' : `members ${listSome(users)}`})`
        : ace.principal.name);
      report({
        scope: `path:${path}`,
        message: `${listSome(found.map(({ ace }) => formatAce(ace.ace, name)))} on ${path}: no successful request by ${listSome(who)} ` +
          `reached anything under it in ${days} days of ${listSome(sites)}'s logs`,
        fix: [...new Set(found.map(({ ace }) => name(ace.ace.sid)))].map((principal) => `usher acl remove ${shellQuote(path)} ${shellQuote(principal)} --grants`).join('; '),
      });
    }
  },
});
