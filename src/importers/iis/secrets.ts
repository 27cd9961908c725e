import type { WarningSink } from './warnings.js';
import type { XmlElement } from './xml-tree.js';

const ENCRYPTED = /^\[enc:(.*):enc\]$/s;

/**
 * What a secret in the source is, for the report, or undefined when there is none to speak of.
 * Encrypted values (`[enc:Provider:…:enc]`) can only be decrypted by the server that wrote them;
 * an empty ciphertext (`[enc:AesProvider::enc]`) is IIS's way of writing "no password".
 */
export function describeSecret(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const match = ENCRYPTED.exec(value.trim());
  if (!match) return 'written in plain text in the source';
  // `[enc:<data>:enc]` without a provider name appears in Microsoft's samples.
  const inner = match[1]!;
  const colon = inner.indexOf(':');
  const provider = colon < 0 ? '' : inner.slice(0, colon).trim();
  const data = colon < 0 ? inner.trim() : inner.slice(colon + 1).trim();
  if (data === '') return undefined;
  return `encrypted${provider ? ` with ${provider}` : ''}, which only the source server can decrypt`;
}

/** What the administrator does about a secret on this kind of element. */
function advice(element: XmlElement, parents: readonly XmlElement[]): string {
  const parent = parents[parents.length - 1]?.name;
  if (element.name === 'virtualDirectory' || element.name === 'virtualDirectoryDefaults') {
    return 'the content was read over the network as that account; copy it to this machine and map it with --map-path';
  }
  if (parent === 'oneToOneMappings' || parent === 'manyToOneMappings') {
    return 'certificate mappings are not carried over (Usher has no client certificate mapping)';
  }
  if (element.name === 'processModel') return 'create the account with usher user add and set it with usher pool set --identity user:NAME';
  return 're-enter it in whatever needs it; Usher keeps no passwords in usher.yaml';
}

/**
 * Reports every password and encrypted value in the source that a section reader did not already
 * explain. Nothing here is ever copied into usher.yaml; the report says where each one was.
 */
export function scanSecrets(root: XmlElement, claimed: ReadonlySet<XmlElement>, sink: WarningSink): void {
  const visit = (element: XmlElement, parents: readonly XmlElement[]): void => {
    if (!claimed.has(element)) {
      for (const [name, value] of element.attributes) {
        // `password`, `anonymousPassword` …, but not `passwordFormat` (ASP.NET's hash setting).
        const isPassword = /password$/i.test(name);
        const secret = isPassword || ENCRYPTED.test(value.trim()) ? describeSecret(value) : undefined;
        const user = element.attributes.get('userName');
        if (secret) {
          sink.warn(element, `<${element.name}> ${name}${user ? ` of '${user}'` : ''} is ${secret}: not copied; ${advice(element, parents)}`);
        } else if (/connectionString/i.test(name) && /(password|pwd)\s*=\s*[^;\s]/i.test(value)) {
          sink.warn(element, `<${element.name}> ${name} holds a password in plain text: not copied; re-enter it in the application that needs it`);
        }
      }
    }
    for (const child of element.children) visit(child, [...parents, element]);
  };
  visit(root, []);
}
