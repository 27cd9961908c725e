import { readAttributes } from '../attributes.js';
import { classifyAnonymousUser } from '../legacy-accounts.js';
import { describeSecret } from '../secrets.js';
import { parseBool } from '../values.js';
import { attr, type XmlElement } from '../xml-tree.js';
import type { InspectContext, SectionHandler } from './section-handler.js';

const AUTH = 'system.webServer/security/authentication';
const NO_LOGON_TYPES = 'Usher has no Windows logon types';

function authSetCommand(context: InspectContext, user: string): string {
  const target = context.locationKey === undefined ? "'SITE'" : `'${context.locationKey}'`;
  return `usher user add ${user}, then usher auth set ${target} --anonymous on --identity user:${user}`;
}

export const anonymousAuthentication: SectionHandler = {
  path: `${AUTH}/anonymousAuthentication`,
  slice: 'anonymous',
  inspect(element, context) {
    context.claim(element);
    const attrs = readAttributes(element, context.sink);
    attrs.take('enabled');
    const userName = attrs.take('userName');
    const password = attrs.take('password');
    attrs.drop('logonMethod', NO_LOGON_TYPES, ['ClearText']);
    attrs.drop('defaultLogonDomain', 'Usher has no domains');
    attrs.done(`anonymous authentication (${context.scope})`);
    const secret = describeSecret(password);
    const kind = classifyAnonymousUser(userName);
    if (kind.kind === 'legacy') {
      context.noteLegacyAccount(kind.name);
      context.sink.warn(element, `anonymous user ${kind.name} is the IIS 5/6 account: imported as the built-in IUSR (S-1-5-17), ` +
        `which has no password and the same SID on every machine; ${kind.name} had ${secret ? 'a password (not imported) and ' : 'a password and '}` +
        `a SID of its own machine, so ACEs that named it are not re-pointed to IUSR: they stay as *S-1-5-21-… SIDs that match nobody ` +
        `(listed with the ACL warnings); grant IUSR what it needs with usher acl grant`);
    } else if (kind.kind === 'user') {
      context.sink.warn(element, `anonymous requests ran as the account '${kind.name}'${secret ? ` whose password is ${secret}` : ''}: ` +
        `Usher imports neither accounts nor passwords, so anonymous access is off where this applies (${context.scope}); ` +
        `to restore it: ${authSetCommand(context, kind.localName)}`);
    } else if (secret) {
      context.sink.warn(element, `anonymous authentication carries a password (${secret}): not copied; IUSR and the pool identity need none`);
    }
  },
  apply(state, element) {
    const enabled = parseBool(attr(element, 'enabled'));
    const userName = attr(element, 'userName');
    return {
      ...state,
      anonymous: { enabled: enabled ?? state.anonymous.enabled, userName: userName ?? state.anonymous.userName },
    };
  },
};

export const basicAuthentication: SectionHandler = {
  path: `${AUTH}/basicAuthentication`,
  slice: 'basic',
  inspect(element, context) {
    const attrs = readAttributes(element, context.sink);
    attrs.take('enabled');
    attrs.take('realm');
    attrs.drop('defaultLogonDomain', 'Usher has no domains: basic authentication logs on local users (usher user add)');
    attrs.drop('logonMethod', NO_LOGON_TYPES, ['ClearText']);
    attrs.done(`basic authentication (${context.scope})`);
  },
  apply(state, element) {
    const enabled = parseBool(attr(element, 'enabled'));
    return { ...state, basic: { enabled: enabled ?? state.basic.enabled, realm: attr(element, 'realm') ?? state.basic.realm } };
  },
};

/** Schemes IIS has and Usher does not: reported where they are turned on, remembered for 401.2 warnings. */
function unsupportedScheme(name: string, label: string): SectionHandler {
  return {
    path: `${AUTH}/${name}`,
    slice: 'otherAuthentication',
    inspect(element: XmlElement, context: InspectContext) {
      if (parseBool(attr(element, 'enabled')) !== true) return;
      context.sink.warn(element, `${label} authentication (${context.scope}) is not carried over: Usher offers anonymous and basic authentication only`);
    },
    apply(state, element) {
      const enabled = parseBool(attr(element, 'enabled'));
      if (enabled === undefined) return state;
      const other = new Map(state.otherAuthentication);
      other.set(label, enabled);
      return { ...state, otherAuthentication: other };
    },
  };
}

export const windowsAuthentication = unsupportedScheme('windowsAuthentication', 'Windows (Negotiate/NTLM)');
export const digestAuthentication = unsupportedScheme('digestAuthentication', 'digest');
export const clientCertificateMappingAuthentication = unsupportedScheme('clientCertificateMappingAuthentication', 'client certificate mapping');
export const iisClientCertificateMappingAuthentication = unsupportedScheme('iisClientCertificateMappingAuthentication', 'IIS client certificate mapping');
