import { formatAce, type Ace } from '../../acl/index.js';
import { defineRule, grantsRead, listSome, shellQuote, type ObjectRole } from '../rule.js';

/** Files whose contents are secret: the configuration (it holds the password hashes), its history, TLS private keys. */
const SECRET_ROLES: Readonly<Partial<Record<ObjectRole, string>>> = {
  config: 'the configuration (with the password hashes of local users)',
  history: 'its history in .usher-history/',
  'private-key': 'a TLS private key',
};

interface Found {
  readonly ace: Ace;
  readonly what: Set<string>;
  readonly files: Set<string>;
}

export default defineRule({
  meta: {
    id: 'server-secrets-readable-by-web-identities',
    severity: 'high',
    title: "Web identities can read Usher's config, history, keys or identity store",
    sources: ['STIG V-218814', 'STIG V-218816'],
    fix: 'usher acl remove PATH PRINCIPAL --grants (administrators and the account Usher runs as only)',
    docs:
      'Fires for an allow ACE with any read right for a web identity (a pool identity or pool SID, an anonymous identity, ' +
      'IUSR, or a broad group such as Everyone, Users or IIS_IUSRS) that applies to `usher.yaml`, a version of it in ' +
      '`.usher-history/`, or the private key of an https binding. The configuration is also Usher\'s identity store: it ' +
      'holds every local user\'s password hash, which an application could take offline and crack, and old versions may ' +
      'hold worse. Folders count only through what they pass down to those files (listing the configuration folder reveals ' +
      'no secret). Usher has no secret-encryption key file, so that part of the catalogue has nothing to check. Reported ' +
      'once per path where such ACEs are explicit.',
  },
  check(snapshot, report) {
    const { identities } = snapshot;
    const byPath = new Map<string, Map<string, Found>>();
    for (const object of snapshot.files.objects) {
      if (object.kind !== 'file' || !object.acl) continue;
      const what = object.roles.flatMap((role) => SECRET_ROLES[role] ?? []);
      if (what.length === 0) continue;
      for (const ace of object.acl.aces) {
        if (ace.flags.inheritOnly || ace.type !== 'allow' || !grantsRead(ace.mask) || !identities.webIdentities.has(ace.sid)) continue;
        const at = byPath.get(ace.from) ?? new Map<string, Found>();
        byPath.set(ace.from, at);
        const key = `${ace.origin.sid}\u0000${ace.origin.mask}\u0000${JSON.stringify(ace.origin.flags)}`;
        const found = at.get(key) ?? { ace: ace.origin, what: new Set(), files: new Set() };
        at.set(key, found);
        for (const item of what) found.what.add(item);
        found.files.add(object.path);
      }
    }
    const name = (sid: string) => identities.directory.shortName(sid);
    for (const [path, found] of byPath) {
      const entries = [...found.values()];
      const files = [...new Set(entries.flatMap((entry) => [...entry.files]))];
      const what = [...new Set(entries.flatMap((entry) => [...entry.what]))];
      report({
        scope: `path:${path}`,
        message: `${listSome(entries.map((entry) => formatAce(entry.ace, name)))} on ${path} ${entries.length === 1 ? 'lets' : 'let'} a web identity ` +
          `read ${listSome(what)}: ${listSome(files)}`,
        fix: [...new Set(entries.map((entry) => `usher acl remove ${shellQuote(path)} ${shellQuote(name(entry.ace.sid))} --grants`))].join('; '),
      });
    }
  },
});
