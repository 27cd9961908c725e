import { describe, expect, it } from 'vitest';
import {
  bindingProblem, configJsonSchema, formatBinding, formatFieldPath, parseBinding, parseDuration, parseFieldPath,
  parseLocationKey, usherConfigSchema,
} from './index.js';

describe('parseDuration', () => {
  it.each([
    ['20m', 1_200_000], ['29h', 104_400_000], ['120s', 120_000], ['1d', 86_400_000], ['500ms', 500],
    ['1h30m', 5_400_000], [120, 120_000], ['90', 90_000], [0, 0], [0.5, 500],
  ] as const)('%s → %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['20 minutes', '-1s', '1.5h', 'm', '', '5w'])('refuses %j', (text) => {
    expect(() => parseDuration(text)).toThrow(expect.objectContaining({ code: 'USHER_ERR_CFG_INVALID' }));
  });
});

describe('parseBinding', () => {
  it.each([
    ['http/*:8080:', { protocol: 'http', address: '*', port: 8080, host: '' }],
    ['https/127.0.0.1:8443:www.example.test', { protocol: 'https', address: '127.0.0.1', port: 8443, host: 'www.example.test' }],
    ['http/[::1]:0:', { protocol: 'http', address: '::1', port: 0, host: '' }],
    ['http/[2001:DB8::1]:80:WWW.Example.TEST', { protocol: 'http', address: '2001:db8::1', port: 80, host: 'www.example.test' }],
    ['http/*:65535:*.example.test', { protocol: 'http', address: '*', port: 65535, host: '*.example.test' }],
  ] as const)('%s', (text, parsed) => {
    expect(parseBinding(text)).toEqual(parsed);
    expect(parseBinding(formatBinding(parseBinding(text)))).toEqual(parsed);
  });

  it.each([
    ['ftp/*:21:', /http\/ or https\//],
    ['HTTP/*:80:', /http\/ or https\//],
    ['http/:80:', /use \* for all addresses/],
    ['http/*:80', /IP:PORT:HOST/],
    ['http/*:65536:', /out of range/],
    ['http/*:-1:', /IP:PORT:HOST/],
    ['http/localhost:80:', /not \* or an IP address/],
    ['http/::1:80:', /brackets: \[::1\]/],
    ['http/[::1:80:', /IPv6 address in brackets/],
    ['http/1.2.3.4:80:bad_host', /not a host name/],
    ['http/1.2.3.4:80:a:b', /IP:PORT:HOST/],
  ])('refuses %s', (text, message) => {
    expect(bindingProblem(text)).toMatch(message);
  });
});

describe('parseLocationKey', () => {
  it('splits at the first slash; site names may hold spaces', () => {
    expect(parseLocationKey('Default Web Site')).toEqual({ site: 'Default Web Site', path: '/' });
    expect(parseLocationKey('Default Web Site/private/area')).toEqual({ site: 'Default Web Site', path: '/private/area' });
  });

  it.each(['/private', 'www/', 'www//a', 'www/a/../b'])('refuses %j', (key) => {
    expect(typeof parseLocationKey(key)).toBe('string');
  });
});

describe('field paths', () => {
  it('round-trip', () => {
    const path = ['locations', 'Default Web Site/private', 'authorization', 0, 'users'];
    expect(formatFieldPath(path)).toBe('locations."Default Web Site/private".authorization[0].users');
    expect(parseFieldPath(formatFieldPath(path))).toEqual(path);
    expect(parseFieldPath('sites[0].bindings[1]')).toEqual(['sites', 0, 'bindings', 1]);
    expect(parseFieldPath('sites..x')).toBeUndefined();
  });
});

describe('JSON Schema', () => {
  it('is generated from the zod schema, strict like it', () => {
    const schema = configJsonSchema() as { additionalProperties: boolean; properties: Record<string, unknown> };
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(Object.keys(usherConfigSchema.shape));
    const text = JSON.stringify(schema);
    expect(text).toContain('ApplicationPoolIdentity');
    expect(text).toContain('"pattern"');
  });
});
