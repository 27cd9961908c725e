import { formatAce, type EffectiveAce } from '../../acl/index.js';
import { defineRule, listSome, shellQuote } from '../rule.js';

const within = (path: string, dir: string) => path === dir || path.startsWith(dir === '/' ? '/' : `${dir}/`);

interface Found {
  readonly ace: EffectiveAce;
  readonly roots: Set<string>;
  readonly sites: Set<string>;
}

export default defineRule({
  meta: {
    id: 'everyone-grant-inherited',
    severity: 'medium',
    title: "A site's access is decided by a folder above it",
    sources: ['own (least privilege)', 'MS-Isolation'],
    fix: 'usher acl inheritance ROOT disable (then remove what the site does not need), or usher acl remove ANCESTOR GROUP --grants',
    docs:
      'Fires when a content root receives, through inheritance, an allow ACE for a broad group (Everyone, Anonymous Logon, ' +
      'Users, Authenticated Users, IIS_IUSRS) that is set on a folder outside every content root of the sites it serves, ' +
      'for example `/srv` granting Everyone Read & execute. Who may read the site is then decided by a folder nobody ' +
      'audits with the site, and an edit there silently opens or closes every site below. A root with inheritance ' +
      'disabled, and broad grants set inside the content (`shared-group-grant-on-content`), pass. Reported at the folder ' +
      'where the ACE is explicit, naming the roots it reaches.',
  },
  check(snapshot, report) {
    const rootsOf = new Map(snapshot.sites.map((site) => [site.name, site.contentRoots]));
    const found = new Map<string, Found>();
    // Whatever comes from outside a content tree enters it at its root, so the roots are enough to look at.
    for (const root of snapshot.files.roots) {
      const ownRoots = root.sites.flatMap((site) => rootsOf.get(site) ?? []);
      for (const ace of snapshot.files.byPath.get(root.path)?.acl?.aces ?? []) {
        if (ace.type !== 'allow' || ace.level === 0 || !snapshot.identities.broadGroups.has(ace.sid)) continue;
        if (ownRoots.some((own) => within(ace.from, own))) continue;
        const key = `${ace.from}\u0000${formatAce(ace.origin, (sid) => sid)}`;
        const entry = found.get(key) ?? { ace, roots: new Set<string>(), sites: new Set<string>() };
        found.set(key, entry);
        entry.roots.add(root.path);
        for (const site of root.sites) entry.sites.add(site);
      }
    }
    const byPath = new Map<string, Found[]>();
    for (const entry of found.values()) byPath.set(entry.ace.from, [...(byPath.get(entry.ace.from) ?? []), entry]);
    const name = (sid: string) => snapshot.identities.directory.shortName(sid);
    for (const [path, entries] of byPath) {
      const roots = [...new Set(entries.flatMap((entry) => [...entry.roots]))];
      const sites = [...new Set(entries.flatMap((entry) => [...entry.sites]))];
      const groups = [...new Set(entries.map((entry) => name(entry.ace.sid)))];
      report({
        scope: `path:${path}`,
        message: `${listSome(entries.map((entry) => formatAce(entry.ace.origin, name)))} on ${path}, outside the content, is inherited by ` +
          `${listSome(roots)} (${listSome(sites)}): a folder above the site decides who may read it`,
        fix: `${roots.map((root) => `usher acl inheritance ${shellQuote(root)} disable`).join('; ')} (copies what is inherited today: then ` +
          `${groups.map((group) => `usher acl remove ${roots.length === 1 ? shellQuote(roots[0]!) : 'ROOT'} ${shellQuote(group)} --grants`).join(', ')} and grant the site's own identities), ` +
          `or, if nothing needs it there, ${groups.map((group) => `usher acl remove ${shellQuote(path)} ${shellQuote(group)} --grants`).join('; ')}`,
      });
    }
  },
});
