/**
 * The location settings whose origin the snapshot tracks, as dotted paths into a `locations:` entry.
 * A collection (`authorization`, `hiddenSegments`, the deny lists) counts as set by the deepest
 * level that touched it: that is where a person would change it. A new location setting is added
 * here, and the origin of its value comes for free.
 */
export const SETTING_NAMES = [
  'authentication.anonymous.enabled',
  'authentication.anonymous.identity',
  'authentication.basic.enabled',
  'authentication.basic.realm',
  'authorization',
  'requestFiltering.allowDoubleEscaping',
  'requestFiltering.allowHighBitCharacters',
  'requestFiltering.windowsNames',
  'requestFiltering.requestLimits.maxAllowedContentLength',
  'requestFiltering.requestLimits.maxUrl',
  'requestFiltering.requestLimits.maxQueryString',
  'requestFiltering.hiddenSegments',
  'requestFiltering.fileExtensions.allowUnlisted',
  'requestFiltering.fileExtensions.deny',
  'requestFiltering.fileExtensions.allow',
  'requestFiltering.denyUrlSequences',
  'requestFiltering.verbs.allowUnlisted',
  'requestFiltering.verbs.deny',
  'requestFiltering.verbs.allow',
  'directoryBrowse.enabled',
  'defaultDocument',
  'httpErrors.errorMode',
] as const;

export type SettingName = (typeof SETTING_NAMES)[number];

/** Whether one `locations:` entry sets `name` (any value, including false, 0 or an empty list). */
export function setsValue(settings: object, name: SettingName): boolean {
  let value: unknown = settings;
  for (const part of name.split('.')) {
    if (typeof value !== 'object' || value === null) return false;
    value = (value as Record<string, unknown>)[part];
  }
  return value !== undefined;
}
