import { bindingProblem, type BindingConfig } from '../../config/index.js';
import { readAttributes } from './attributes.js';
import { parseUint } from './values.js';
import type { WarningSink } from './warnings.js';
import type { XmlElement } from './xml-tree.js';

/** A binding of the source, ready for usher.yaml, with the socket it needs for conflict checks. */
export interface ImportedBinding {
  readonly config: BindingConfig;
  /** `proto/ip:port:host`, the text Usher compares. */
  readonly text: string;
  readonly element: XmlElement;
}

/** `*:80:www.example.test`, `:8080:localhost` (IIS Express), `[::1]:443:` → Usher's `proto/IP:PORT:HOST`. */
export function bindingTextOf(protocol: string, information: string): string | undefined {
  let address: string;
  let rest: string;
  if (information.startsWith('[')) {
    const close = information.indexOf(']');
    if (close < 0) return undefined;
    address = information.slice(0, close + 1);
    rest = information.slice(close + 1);
  } else {
    const colon = information.indexOf(':');
    if (colon < 0) return undefined;
    address = information.slice(0, colon);
    rest = information.slice(colon);
  }
  const match = /^:(\d+):(.*)$/.exec(rest);
  if (!match) return undefined;
  // An empty address means all addresses, like `*` (seen in IIS Express files).
  const ip = address === '' ? '*' : address;
  return `${protocol}/${ip}:${match[1]}:${match[2]}`;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'site';
}

/**
 * http and https bindings. An https binding needs a certificate and key that only the source
 * server holds (in its certificate store): the files are named in usher.yaml, where the
 * administrator puts them, and `config check` warns until they exist.
 */
export function readBinding(element: XmlElement, site: string, sink: WarningSink): ImportedBinding | undefined {
  const attrs = readAttributes(element, sink);
  const protocol = (attrs.take('protocol') ?? '').trim().toLowerCase();
  const information = (attrs.take('bindingInformation') ?? '').trim();
  const flags = parseUint(attrs.take('sslFlags')) ?? 0;
  attrs.drop('certificateHash', 'the certificate itself must be exported as PEM files');
  attrs.drop('certificateStoreName', 'the certificate itself must be exported as PEM files');
  attrs.done(`site '${site}' binding ${protocol}/${information}`);
  if (protocol !== 'http' && protocol !== 'https') {
    sink.warn(element, `site '${site}': binding ${protocol} '${information}' is not carried over: Usher serves http and https only`);
    return undefined;
  }
  const text = bindingTextOf(protocol, information);
  const problem = text === undefined ? 'expected IP:PORT:HOST' : bindingProblem(text);
  if (text === undefined || problem !== undefined) {
    sink.warn(element, `site '${site}': binding ${protocol} '${information}' cannot be carried over: ${problem}`);
    return undefined;
  }
  if (protocol === 'http') return { config: text, text, element };
  const host = text.slice(text.lastIndexOf(':') + 1);
  const port = text.split(':').at(-2) ?? '443';
  const name = `${slug(host === '' ? site : host)}-${port}`;
  const certificate = `./tls/${name}.crt`;
  const key = `./tls/${name}.key`;
  sink.warn(element, `site '${site}': https binding ${text} needs its certificate and private key: export them from the source ` +
    `server's certificate store as PEM to ${certificate} and ${key} (usher config check warns until they exist)`);
  // sslFlags: 1 SNI (Usher picks certificates by host name anyway); 2 the Central Certificate Store.
  if (flags & 2) sink.warn(element, `site '${site}': https binding ${text} used the Central Certificate Store (sslFlags 2): not carried over; its certificate comes from the files above`);
  if (flags & ~3) sink.warn(element, `site '${site}': https binding ${text}: sslFlags ${flags} (HTTP/2, OCSP, QUIC or TLS version switches) are not carried over`);
  return { config: { binding: text, certificate, key }, text, element };
}
