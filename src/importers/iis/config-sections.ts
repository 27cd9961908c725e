import { STOCK_SECTION_GROUPS } from './sections/registry.js';
import type { Place } from './warnings.js';
import { attr, firstChild, type XmlElement } from './xml-tree.js';

export type OverrideMode = 'Allow' | 'Deny';

export interface SectionInfo {
  readonly overrideModeDefault: OverrideMode;
  /** MachineOnly, MachineToApplication, AppHostOnly or Everywhere. */
  readonly allowDefinition: string;
  /** Where the registration is, when applicationHost.config has one. */
  readonly registeredAt: Place | undefined;
}

/** The sections and groups applicationHost.config registers (`<configSections>`), with IIS's stock values as fallback. */
export interface SectionRegistry {
  info(path: string): SectionInfo;
  isGroup(path: string): boolean;
}

// iis-reference §1.4: what a stock server locks when the file does not say.
const STOCK_DENY = [
  /^system\.webServer\/security\/authentication\//, /^system\.webServer\/security\/(access|ipSecurity|dynamicIpSecurity|isapiCgiRestriction)$/,
  /^system\.webServer\/(handlers|modules|globalModules|httpLogging|serverRuntime|asp|cgi)$/, /^system\.applicationHost\//,
];
const STOCK_APPHOST_ONLY = [/^system\.applicationHost\//, /^system\.webServer\/(globalModules|security\/isapiCgiRestriction)$/];

function stockInfo(path: string): SectionInfo {
  return {
    overrideModeDefault: STOCK_DENY.some((pattern) => pattern.test(path)) ? 'Deny' : 'Allow',
    allowDefinition: STOCK_APPHOST_ONLY.some((pattern) => pattern.test(path)) ? 'AppHostOnly' : 'Everywhere',
    registeredAt: undefined,
  };
}

export function readSectionRegistry(root: XmlElement): SectionRegistry {
  const sections = new Map<string, SectionInfo>();
  const groups = new Set(STOCK_SECTION_GROUPS);
  const visit = (element: XmlElement, prefix: string): void => {
    for (const child of element.children) {
      const name = attr(child, 'name');
      if (name === undefined) continue;
      const path = prefix === '' ? name : `${prefix}/${name}`;
      if (child.name === 'sectionGroup') {
        groups.add(path);
        visit(child, path);
      } else if (child.name === 'section') {
        const mode = attr(child, 'overrideModeDefault');
        sections.set(path, {
          // A registration without overrideModeDefault means Allow (the schema default).
          overrideModeDefault: mode?.toLowerCase() === 'deny' ? 'Deny' : 'Allow',
          allowDefinition: attr(child, 'allowDefinition') ?? 'Everywhere',
          registeredAt: { file: child.file, line: child.line },
        });
      }
    }
  };
  const configSections = firstChild(root, 'configSections');
  if (configSections) visit(configSections, '');
  return {
    info: (path) => sections.get(path) ?? stockInfo(path),
    isGroup: (path) => groups.has(path),
  };
}
