import { isIPv4, isIPv6 } from 'node:net';
import * as z from 'zod';
import { UsherError } from '../../shared/index.js';
import { fsPathSchema } from './primitives.js';

export type BindingProtocol = 'http' | 'https';

/** A binding's text `proto/IP:PORT:HOST` taken apart; `address` is `*` or an IP without brackets. */
export interface ParsedBinding {
  readonly protocol: BindingProtocol;
  readonly address: string;
  readonly port: number;
  /** Lower-case; empty means any Host header. */
  readonly host: string;
}

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const EXAMPLE = "e.g. 'http/*:8080:' or 'https/[::1]:8443:www.example.test'";

function hostProblem(host: string): string | undefined {
  if (host === '') return undefined;
  // IIS 10 accepts one leading wildcard label (`*.example.test`), nothing else.
  const labels = (host.startsWith('*.') ? host.slice(2) : host).toLowerCase().split('.');
  if (host.length > 253 || !labels.every((label) => HOST_LABEL.test(label))) {
    return `host '${host}' is not a host name (letters, digits, - and dots; punycode for international names)`;
  }
  return undefined;
}

function parse(text: string): ParsedBinding | string {
  const slash = text.indexOf('/');
  const protocol = text.slice(0, slash);
  if (slash < 0 || (protocol !== 'http' && protocol !== 'https')) {
    return `expected http/ or https/ before the address, ${EXAMPLE}`;
  }
  const rest = text.slice(slash + 1);
  let address: string;
  let afterAddress: string;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    address = close < 0 ? '' : rest.slice(1, close);
    if (close < 0 || !isIPv6(address)) return `'${rest.slice(0, close + 1 || undefined)}' is not an IPv6 address in brackets`;
    afterAddress = rest.slice(close + 1);
  } else {
    const parts = rest.split(':');
    const bare = parts.slice(0, -2).join(':');
    if (parts.length > 3 && isIPv6(bare)) return `put the IPv6 address in brackets: [${bare}]`;
    const colon = rest.indexOf(':');
    address = colon < 0 ? rest : rest.slice(0, colon);
    afterAddress = colon < 0 ? '' : rest.slice(colon);
    if (address === '') return "the address is empty: use * for all addresses";
    if (address !== '*' && !isIPv4(address)) {
      return `'${address}' is not * or an IP address`;
    }
  }
  const match = /^:(\d{1,5}):([^:]*)$/.exec(afterAddress);
  if (!match) return `expected IP:PORT:HOST after the protocol (the host may be empty), ${EXAMPLE}`;
  const port = Number(match[1]);
  if (port > 65535) return `port ${port} is out of range 0..65535`;
  const host = match[2]!;
  const problem = hostProblem(host);
  if (problem) return problem;
  return { protocol, address: address.toLowerCase(), port, host: host.toLowerCase() };
}

/** Why a binding's text is not valid, or undefined when it is. */
export function bindingProblem(text: string): string | undefined {
  const result = parse(text);
  return typeof result === 'string' ? result : undefined;
}

export function parseBinding(text: string): ParsedBinding {
  const result = parse(text);
  if (typeof result === 'string') {
    throw new UsherError('USHER_ERR_CFG_INVALID', `binding '${text}': ${result}`);
  }
  return result;
}

/** The canonical text of a binding, the one spelling used for comparisons and messages. */
export function formatBinding(binding: ParsedBinding): string {
  const address = binding.address.includes(':') ? `[${binding.address}]` : binding.address;
  return `${binding.protocol}/${address}:${binding.port}:${binding.host}`;
}

const bindingTextSchema = z
  .string()
  .superRefine((value, ctx) => {
    const problem = bindingProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({ description: 'proto/IP:PORT:HOST: http or https, * or an IP ([v6] in brackets), port 0..65535, host may be empty' });

export const tlsVersionSchema = z.enum(['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3']);

export const bindingObjectSchema = z.strictObject({
  binding: bindingTextSchema,
  certificate: fsPathSchema.optional().meta({ description: 'PEM certificate chain, needed for https' }),
  key: fsPathSchema.optional().meta({ description: 'PEM private key, needed for https' }),
  minVersion: tlsVersionSchema.optional().meta({ description: 'lowest TLS version accepted (default TLSv1.2)' }),
});

/** A plain string for http; https needs the object form, since it needs a certificate and key. */
export const bindingSchema = z.union([bindingTextSchema, bindingObjectSchema], {
  error: "expected a binding string 'proto/IP:PORT:HOST' or {binding, certificate, key, minVersion}",
});

export type BindingConfig = z.infer<typeof bindingSchema>;
export type BindingObjectConfig = z.infer<typeof bindingObjectSchema>;

/** The text of a binding in either form. */
export function bindingText(binding: BindingConfig): string {
  return typeof binding === 'string' ? binding : binding.binding;
}
