import { defineRule, listSome, locationTarget, shellQuote, type LocationModel, type PrincipalModel } from '../rule.js';

export default defineRule({
  meta: {
    id: 'anonymous-identity-privileged',
    severity: 'high',
    title: 'Anonymous visitors act with a privileged account',
    sources: ['STIG V-218750'],
    fix: "usher auth set SITE --identity ApplicationPoolIdentity with an ApplicationPoolIdentity pool, or take the account out of privileged groups",
    docs:
      'Fires for a site when, at any of its locations where anonymous authentication is enabled, anonymous requests run as an ' +
      'account that is SYSTEM, in the admin set, or directly or through nested groups in a privileged group (Administrators, ' +
      "the STIG V-218750 list, Linux root-equivalent group names). That covers `identity: ApplicationPoolIdentity` when the " +
      'pool itself runs as LocalSystem or a privileged user: every visitor then reads and, where the ACLs allow an admin to, ' +
      'writes with those rights. Reported once per site, naming the locations.',
  },
  check(snapshot, report) {
    const bySid = new Map(snapshot.identities.principals.map((principal) => [principal.sid, principal]));
    for (const site of snapshot.sites) {
      const found = new Map<PrincipalModel, LocationModel[]>();
      for (const location of snapshot.locations) {
        if (location.site !== site.name || !location.anonymous) continue;
        const principal = bySid.get(location.anonymous.principal.sid);
        if (principal?.privileged) found.set(principal, [...(found.get(principal) ?? []), location]);
      }
      if (found.size === 0) continue;
      const [principal, locations] = [...found.entries()][0]!;
      const where = listSome(locations.map((location) => location.path));
      const viaPool = locations[0]!.anonymous!.identity === 'ApplicationPoolIdentity';
      const pool = locations[0]!.application.pool;
      report({
        scope: site.scope,
        message: `anonymous requests to ${site.name} (${where}) run as ${principal.name}, which is ${principal.admin ? 'in the admin set' : 'in a privileged group'}` +
          (viaPool ? `: anonymous runs as the identity of pool ${pool}` : '') +
          (found.size > 1 ? `; ${found.size - 1} more privileged anonymous identities elsewhere in the site` : ''),
        fix: viaPool
          ? `usher pool set ${shellQuote(pool)} --identity ApplicationPoolIdentity`
          : `usher auth set ${shellQuote(locationTarget(locations[0]!.origins['authentication.anonymous.identity'], site.name))} --identity ApplicationPoolIdentity`,
      });
    }
  },
});
