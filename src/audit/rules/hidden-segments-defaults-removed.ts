import { defineRule, listSome } from '../rule.js';

/** IIS's default hidden segments (ASP.NET's folders and web.config), which Usher hides too. */
const IIS_DEFAULTS = ['web.config', 'bin', 'App_code', 'App_GlobalResources', 'App_LocalResources', 'App_WebReferences', 'App_Data', 'App_Browsers'];

/** Usher's own default besides IIS's: every segment that begins with a dot is hidden, except this one. */
const VISIBLE_DOT_SEGMENT = '.well-known';

const fold = (text: string) => text.toLowerCase();

export default defineRule({
  meta: {
    id: 'hidden-segments-defaults-removed',
    severity: 'medium',
    title: 'Folders hidden by default are reachable',
    sources: ['MS-Config (hiddenSegments)', 'STIG V-218745 (spirit)'],
    fix: 'Drop the remove: entries (or clear: true) from requestFiltering.hiddenSegments; add your own names with add:',
    docs:
      'Fires for a `locations:` entry whose `requestFiltering.hiddenSegments` takes away one of the defaults: IIS\'s ' +
      '`web.config`, `bin`, `App_code`, `App_Data`, `App_GlobalResources`, `App_LocalResources`, `App_WebReferences` and ' +
      '`App_Browsers`, or Usher\'s rule that hides every segment beginning with a dot (`.git`, `.env`, `.ssh` …) except ' +
      '`.well-known`, through `remove:` or `clear: true`. Those names hold configuration, binaries and data, and hiding ' +
      'them is what stops a request for them whatever the ACLs say. Reported at the entry that removes them, listing what ' +
      'became reachable there; adding names and removing `.well-known` do not count.',
  },
  check(snapshot, report) {
    for (const location of snapshot.locations) {
      if (location.key === undefined) continue;
      const change = snapshot.config.raw.locations?.[location.key]?.requestFiltering?.hiddenSegments;
      if (!change || (!change.clear && !change.remove?.length)) continue;
      const effective = location.settings.requestFiltering;
      const hidden = new Set(effective.hiddenSegments.map(fold));
      const removed = new Set((change.remove ?? []).map(fold));
      const defaults = IIS_DEFAULTS.filter((name) => (change.clear || removed.has(fold(name))) && !hidden.has(fold(name)));
      const visibleDots = new Set(effective.dotSegmentsVisible.map(fold));
      const dots = change.clear && !effective.hideDotSegments
        ? ['every segment beginning with a dot (.git, .env, .ssh …)']
        : [...removed].filter((name) => name.startsWith('.') && name !== VISIBLE_DOT_SEGMENT && effective.hideDotSegments && visibleDots.has(name));
      const exposed = [...defaults, ...dots];
      if (exposed.length === 0) continue;
      const how = change.clear ? 'clear: true' : `remove: [${(change.remove ?? []).join(', ')}]`;
      report({
        scope: location.scope,
        message: `requestFiltering.hiddenSegments at ${location.key} (${how}) no longer hides ${listSome(exposed, 10)}: ` +
          'requests for them reach the mapping and the ACL check instead of being refused with 404.8',
        fix: `delete ${how} from requestFiltering.hiddenSegments under locations '${location.key}' in the configuration` +
          (change.clear ? ' (to hide more, use add: rather than clear: and a new list)' : ''),
      });
    }
  },
});
