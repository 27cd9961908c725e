import { UsherError } from '../../shared/index.js';
import { childrenNamed, firstChild, type XmlElement } from './xml-tree.js';

const APPHOST_HINT = 'give the server\'s applicationHost.config (%windir%\\System32\\inetsrv\\config\\applicationHost.config, ' +
  'or IIS Express\'s .vs\\config\\applicationhost.config)';

/**
 * What a file the user gave as the main argument is, when it is not an applicationHost.config,
 * said in the words an IIS administrator uses, with what to do instead.
 */
function describeOther(root: XmlElement, file: string): string {
  if (root.name === 'configuration') {
    const appHost = firstChild(root, 'system.applicationHost');
    if (appHost) {
      return `${file} has <system.applicationHost> but no <sites> section (administration.config or redirection.config look like this): ${APPHOST_HINT}`;
    }
    if (firstChild(root, 'system.webServer') || firstChild(root, 'system.web') || childrenNamed(root, 'location').length > 0) {
      return `${file} is a web.config (site or application settings), not an applicationHost.config: pass its folder with --web-config DIR, ` +
        `and give the server's applicationHost.config (%windir%\\System32\\inetsrv\\config) as the main argument`;
    }
    return `${file} is a .NET configuration file without IIS sites: ${APPHOST_HINT}`;
  }
  if (root.name === 'msdeploy.iisapp' || root.name === 'sitemanifest' || root.name === 'MSDeploy.iisApp') {
    return `${file} is a Web Deploy manifest (<${root.name}>), not an IIS configuration: ${APPHOST_HINT}; ` +
      'ACLs it sets (setAcl) can be brought over with --acl and an icacls /save file';
  }
  if (root.name === 'location') {
    return `${file} is a <location> fragment, a piece of a configuration file rather than a whole one: ${APPHOST_HINT}`;
  }
  return `${file} is an XML fragment with root <${root.name}>, not an IIS configuration file (those start with <configuration>): ${APPHOST_HINT}`;
}

/**
 * Refuses anything but an applicationHost-style file: `<configuration>` holding
 * `<system.applicationHost><sites>` (USHER_ERR_IMPORT_NOT_APPHOST, exit 2).
 */
export function requireApplicationHost(root: XmlElement, file: string): XmlElement {
  const appHost = root.name === 'configuration' ? firstChild(root, 'system.applicationHost') : undefined;
  const sites = appHost ? firstChild(appHost, 'sites') : undefined;
  if (!appHost || !sites) throw new UsherError('USHER_ERR_IMPORT_NOT_APPHOST', describeOther(root, file), { location: { file } });
  return appHost;
}

/** A web.config given with --web-config must be a `<configuration>`; anything else is skipped with a warning. */
export function isConfiguration(root: XmlElement): boolean {
  return root.name === 'configuration';
}
