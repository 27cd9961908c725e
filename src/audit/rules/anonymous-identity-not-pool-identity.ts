import { defineRule, listSome, locationTarget, shellQuote, type LocationModel, type Scope } from '../rule.js';

const where = (location: LocationModel) => `${location.site}${location.path === '/' ? '' : location.path}`;

export default defineRule({
  meta: {
    id: 'anonymous-identity-not-pool-identity',
    severity: 'low',
    title: "Anonymous requests run as IUSR or a named user instead of the pool's own identity",
    sources: ['CIS 1.6', 'MS-Isolation'],
    fix: 'usher auth set SITE --identity ApplicationPoolIdentity, then grant IIS AppPool\\POOL read on the content and remove the IUSR grants',
    docs:
      'Fires where `authentication.anonymous.identity` is set, Usher\'s default of IUSR included, to IUSR or a local user, ' +
      'and anonymous authentication is enabled at one or more locations that use that value. IUSR is one account for every ' +
      'site on the machine: content granted to it for one site is readable by anonymous visitors of every other, so ' +
      'isolation needs the ACLs to name each site\'s pool instead (CIS 1.6). Reported once, where the value is set: ' +
      '`server` for the default, naming the locations that inherit it. Low, because the isolation failure itself is ' +
      '`anonymous-identity-shared-across-sites`.',
  },
  check(snapshot, report) {
    const byOrigin = new Map<Scope, LocationModel[]>();
    for (const location of snapshot.locations) {
      if (!location.anonymous || location.anonymous.identity === 'ApplicationPoolIdentity') continue;
      const origin = location.origins['authentication.anonymous.identity'];
      byOrigin.set(origin, [...(byOrigin.get(origin) ?? []), location]);
    }
    for (const [origin, locations] of byOrigin) {
      const principal = locations[0]!.anonymous!.principal;
      const targets = origin === 'server'
        ? [...new Set(locations.map((location) => location.site))]
        : [locationTarget(origin, locations[0]!.site)];
      const pools = [...new Set(locations.map((location) => location.application.pool))];
      // The content roots these locations serve, each with the pool that should be granted instead.
      const roots = new Map<string, string>();
      for (const location of locations) {
        const site = snapshot.sites.find((candidate) => candidate.name === location.site);
        if (location.realPath !== undefined && site?.contentRoots.includes(location.realPath)) roots.set(location.realPath, location.application.pool);
      }
      const acl = [...roots].map(([root, pool]) =>
        `usher acl grant ${shellQuote(root)} ${shellQuote(`IIS AppPool\\${pool}:(OI)(CI)(RX)`)}; usher acl remove ${shellQuote(root)} ${shellQuote(principal.shortName)} --grants`);
      report({
        scope: origin,
        message: `anonymous requests run as ${principal.name} (set ${origin === 'server' ? "by Usher's default" : `at ${origin}`}) ` +
          `at ${listSome(locations.map(where))}, not as the pool's own identity (${listSome(pools.map((pool) => `IIS AppPool\\${pool}`))}): ` +
          `whatever ${principal.shortName} may read, anonymous visitors of every site that uses it may read`,
        fix: [
          ...targets.map((target) => `usher auth set ${shellQuote(target)} --identity ApplicationPoolIdentity`),
          ...(acl.length > 0 ? acl : [`then grant IIS AppPool\\POOL read on the content and remove the ${principal.shortName} grants`]),
        ].join('; '),
      });
    }
  },
});
