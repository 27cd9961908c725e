import { formatAce, icaclsRights } from '../../acl/index.js';
import type { Token } from '../../identity/index.js';
import {
  byExplicitPath, defineRule, grantsWrite, listSome, mapLoggedUrl, READ_METHODS, shellQuote, within, type AppliedAce, type SiteModel, type Snapshot,
} from '../rule.js';

/** Methods that write the one resource they name; anything else that writes creates, deletes, renames or is opaque (POST). */
const IN_PLACE_WRITES = new Set(['PUT', 'PATCH', 'PROPPATCH']);

interface Write {
  readonly method: string;
  readonly status: number;
  readonly path: string | undefined;
  /** The SIDs of the token the request ran with: the signed-in user's, or the anonymous identity's at that URL. */
  readonly sids: ReadonlySet<string>;
}

/** Successful requests with a method that writes, each with the token it ran as (when the snapshot can tell). */
function writesOf(snapshot: Snapshot, site: SiteModel, records: Snapshot['evidence']['sites'][number]['records']): Write[] {
  const users = new Map(snapshot.identities.users.map((user) => [user.name.toLowerCase(), user]));
  const locations = snapshot.locations.filter((location) => location.site === site.name);
  const writes: Write[] = [];
  for (const record of records) {
    const method = (record.method ?? '').toUpperCase();
    if (record.status === undefined || record.status < 200 || record.status > 299 || READ_METHODS.has(method)) continue;
    const mapped = mapLoggedUrl(site, record.uriStem);
    let token: Token | undefined;
    if (record.username !== undefined) {
      token = users.get(record.username.slice(record.username.lastIndexOf('\\') + 1).toLowerCase())?.token;
    } else if (mapped) {
      const lower = mapped.url.toLowerCase();
      const location = locations
        .filter((candidate) => candidate.path === '/' || lower === candidate.path.toLowerCase() || lower.startsWith(`${candidate.path.toLowerCase()}/`))
        .sort((a, b) => b.path.length - a.path.length)[0];
      token = location?.anonymous?.token;
    }
    const sids = new Set((token?.sids ?? []).filter((entry) => !entry.denyOnly).map((entry) => entry.sid));
    writes.push({ method, status: record.status, path: mapped?.path, sids });
  }
  return writes;
}

export default defineRule({
  meta: {
    id: 'folder-grant-where-file-suffices',
    severity: 'low',
    title: 'A whole folder is writable when one file would do',
    sources: ['own (least privilege)'],
    fix: 'usher acl grant FILE "PRINCIPAL:(M)", then usher acl grant FOLDER "PRINCIPAL:(OI)(CI)(RX)" --replace',
    evidence: { minDays: 14 },
    docs:
      'Evidence rule: fires for an explicit allow ACE with object inheritance that gives a principal write-class rights on ' +
      'a content folder holding two or more files, when every successful write request (2xx) run with that principal in ' +
      'its token, under the folder, in the window, was a PUT, PATCH or PROPPATCH of one and the same existing file: no ' +
      'create (201), delete, move, copy, new folder or POST. A request runs as the signed-in user, or as the anonymous ' +
      'identity in force at its URL. Usher has no separate access trail; its ACLs are enforced only by Usher, so the W3C ' +
      'log is the record of their use. It runs only over sites whose logs cover at least 14 days. Reported once per folder.',
  },
  check(snapshot, report) {
    const evidence = new Map(snapshot.evidence.sites.map((site) => [site.site, site]));
    const writes = new Map<string, Write[]>();
    const writesAt = (site: SiteModel) => {
      let list = writes.get(site.name);
      if (!list) writes.set(site.name, (list = writesOf(snapshot, site, evidence.get(site.name)?.records ?? [])));
      return list;
    };
    const picked: { ace: AppliedAce; file: string; count: number; files: number }[] = [];
    for (const applied of snapshot.files.applied) {
      const { ace } = applied;
      if (ace.type !== 'allow' || !ace.flags.objectInherit || !grantsWrite(ace.mask)) continue;
      const folder = snapshot.files.byPath.get(applied.from);
      if (folder?.kind !== 'directory' || !folder.roles.includes('content')) continue;
      const sites = snapshot.sites.filter((site) => applied.sites.includes(site.name));
      if (sites.length === 0 || !sites.every((site) => evidence.has(site.name))) continue;
      const mine = sites.flatMap((site) => writesAt(site).filter((write) =>
        write.sids.has(ace.sid) && write.path !== undefined && within(write.path, applied.from)));
      if (mine.length === 0 || mine.some((write) => !IN_PLACE_WRITES.has(write.method) || write.status === 201)) continue;
      const targets = new Set(mine.map((write) => write.path!));
      const file = [...targets][0]!;
      if (targets.size !== 1 || snapshot.files.byPath.get(file)?.kind !== 'file') continue;
      const files = snapshot.files.objects.filter((object) => object.kind === 'file' && within(object.path, applied.from)).length;
      if (files < 2) continue;
      picked.push({ ace: applied, file, count: mine.length, files });
    }
    const name = (sid: string) => snapshot.identities.directory.shortName(sid);
    for (const [path, found] of byExplicitPath(picked, (entry) => entry.ace)) {
      const sites = [...new Set(found.flatMap(({ ace }) => ace.sites))];
      const days = Math.floor(Math.min(...sites.map((site) => evidence.get(site)!.coveredDays)));
      report({
        scope: `path:${path}`,
        message: found.map(({ ace, file, count, files }) =>
          `${formatAce(ace.ace, name)} on ${path} lets ${ace.principal.name} write any of the ${files} files below it, but in ${days} days of ` +
          `${listSome(sites)}'s logs its ${count === 1 ? 'only write' : `${count} writes`} changed ${file} alone`).join('; '),
        fix: found.map(({ ace, file }) => {
          const who = name(ace.ace.sid);
          return `usher acl grant ${shellQuote(file)} ${shellQuote(`${who}:(${icaclsRights(ace.ace.mask)})`)}; ` +
            `usher acl grant ${shellQuote(path)} ${shellQuote(`${who}:(OI)(CI)(RX)`)} --replace`;
        }).join('; '),
      });
    }
  },
});
