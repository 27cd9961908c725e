import { defineRule, listSome, locationTarget, type Scope } from '../rule.js';

export default defineRule({
  meta: {
    id: 'request-filter-high-bit-allowed',
    severity: 'low',
    title: 'Non-ASCII bytes in URLs are accepted',
    sources: ['STIG V-218756', 'CIS 4.4'],
    fix: 'Set requestFiltering: { allowHighBitCharacters: false } in each site, unless the site needs non-ASCII URLs (then an audit exception)',
    docs:
      'Fires where `requestFiltering.allowHighBitCharacters` is true, which is the default in IIS and in Usher: URLs may ' +
      'carry bytes above 0x7F, which widens what path normalization, Unicode folding and everything behind it must get ' +
      'right. With it off, request filtering answers 404.12. A site that serves non-ASCII file names needs it on; record ' +
      'that as an audit exception. Reported once where the value is set, and at `server` when sites keep the default.',
  },
  check(snapshot, report) {
    const found = new Map<Scope, Set<string>>();
    for (const location of snapshot.locations) {
      if (!location.settings.requestFiltering.allowHighBitCharacters) continue;
      const where = location.origins['requestFiltering.allowHighBitCharacters'];
      found.set(where, (found.get(where) ?? new Set()).add(location.site));
    }
    for (const [where, sites] of found) {
      const keys = where === 'server' ? [...sites] : [locationTarget(where, [...sites][0]!)];
      const quoted = keys.map((key) => `'${key}'`);
      report({
        scope: where,
        message: where === 'server'
          ? `requestFiltering.allowHighBitCharacters is left at its default (true) by ${listSome(keys)}: URLs with non-ASCII bytes are accepted`
          : `requestFiltering.allowHighBitCharacters is true at ${keys[0]}: URLs with non-ASCII bytes are accepted`,
        fix: `set requestFiltering: { allowHighBitCharacters: false } under locations ${listSome(quoted)} in the configuration, or, ` +
          `if non-ASCII URLs are needed, add to audit.exceptions: { rule: request-filter-high-bit-allowed, scope: "${where}", reason: … }`,
      });
    }
  },
});
