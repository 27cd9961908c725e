import type { SectionRegistry } from './config-sections.js';
import { fragmentCovers, mergeOrder, sectionsOf, type Fragment } from './fragments.js';
import { attr, where, type XmlElement } from './xml-tree.js';

/**
 * IIS's delegation rules for a section set in a web.config: `allowDefinition` (AppHostOnly …),
 * `overrideMode`/`allowOverride` on `<location>` tags above it, the section's
 * `overrideModeDefault`, and the finer locks (`lockAttributes`, `lockElements`, `lockItem` …) on
 * the elements it would override. IIS answers 500.19 for such a file; the importer reports the
 * section and does not apply it.
 */
export interface LockVerdict {
  readonly locked: boolean;
  readonly reason: string;
}

const OPEN: LockVerdict = { locked: false, reason: '' };
const split = (text: string | undefined) => (text ?? '').split(',').map((part) => part.trim()).filter((part) => part !== '');
const STRUCTURAL = /^(lock.*|xmlns(:.*)?|xdt:.*)$/;

function sectionElement(fragment: Fragment, path: string, registry: SectionRegistry): XmlElement | undefined {
  return sectionsOf(fragment.container, registry).find((section) => section.path === path)?.element;
}

/** The first lock `upper` places that `lower` breaks, or undefined. */
function violation(upper: XmlElement, lower: XmlElement): string | undefined {
  const lockedAttributes = split(attr(upper, 'lockAttributes'));
  const used = [...lower.attributes.keys()].filter((name) => !STRUCTURAL.test(name));
  const attribute = used.find((name) => lockedAttributes.includes(name) || lockedAttributes.includes('*'));
  if (attribute) return `attribute ${attribute} is locked (lockAttributes at ${where(upper)})`;
  const except = attr(upper, 'lockAllAttributesExcept');
  if (except !== undefined) {
    const other = used.find((name) => !split(except).includes(name));
    if (other) return `attribute ${other} is locked (lockAllAttributesExcept at ${where(upper)})`;
  }
  const lockedElements = split(attr(upper, 'lockElements'));
  const element = lower.children.find((child) => lockedElements.includes(child.name) || lockedElements.includes('*'));
  if (element) return `<${element.name}> is locked (lockElements at ${where(upper)})`;
  const elementsExcept = attr(upper, 'lockAllElementsExcept');
  if (elementsExcept !== undefined) {
    const other = lower.children.find((child) => !split(elementsExcept).includes(child.name));
    if (other) return `<${other.name}> is locked (lockAllElementsExcept at ${where(upper)})`;
  }
  for (const item of upper.children.filter((child) => child.name === 'add' && attr(child, 'lockItem')?.toLowerCase() === 'true')) {
    const touched = lower.children.find((child) => child.name === 'clear' ||
      (child.name === 'remove' && [...child.attributes].every(([name, value]) => (attr(item, name) ?? '').toLowerCase() === value.toLowerCase())));
    if (touched) return `<${touched.name}> would drop an item locked with lockItem at ${where(item)}`;
  }
  // Locks on single child elements (<requestLimits lockAttributes=…>) apply to the same child below.
  for (const child of upper.children) {
    if (child.name === 'add' || child.name === 'remove' || child.name === 'clear') continue;
    const same = lower.children.find((candidate) => candidate.name === child.name);
    const inner = same ? violation(child, same) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

export function lockVerdict(fragment: Fragment, path: string, element: XmlElement, fragments: readonly Fragment[], registry: SectionRegistry): LockVerdict {
  if (fragment.origin !== 'web.config' || fragment.site === undefined) return OPEN;
  const info = registry.info(path);
  if (/^(AppHostOnly|MachineOnly)$/i.test(info.allowDefinition)) {
    return { locked: true, reason: `it can only be set in applicationHost.config (allowDefinition=${info.allowDefinition})` };
  }
  // Files above this one: applicationHost.config, and web.config files of outer folders.
  const above = fragments
    .filter((other) => other.fileRank < fragment.fileRank && fragmentCovers(other, fragment.site!, fragment.path))
    .sort(mergeOrder);
  let decided: { mode: string; at: XmlElement } | undefined;
  for (const other of above) {
    if (other.overrideMode === undefined || !sectionElement(other, path, registry)) continue;
    decided = { mode: other.overrideMode, at: other.container };
  }
  if (decided?.mode === 'Deny') return { locked: true, reason: `the section is locked by overrideMode="Deny" at ${where(decided.at)}` };
  if (!decided && info.overrideModeDefault === 'Deny') {
    const at = info.registeredAt ? ` (${info.registeredAt.file}:${info.registeredAt.line})` : ' (IIS\'s default)';
    return { locked: true, reason: `the section is locked by overrideModeDefault="Deny"${at}; unlock it with <location path="${fragment.site}" overrideMode="Allow"> in applicationHost.config` };
  }
  for (const other of above) {
    const upper = sectionElement(other, path, registry);
    const broken = upper ? violation(upper, element) : undefined;
    if (broken) return { locked: true, reason: broken };
  }
  return OPEN;
}
