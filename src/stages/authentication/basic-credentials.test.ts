import { describe, expect, it } from 'vitest';
import { localUserName, parseBasic } from './basic-credentials.js';

const basic = (text: string) => `Basic ${Buffer.from(text, 'utf8').toString('base64')}`;

describe('Basic credentials', () => {
  it.each([
    [basic('alice:secret'), { user: 'alice', password: 'secret' }],
    [basic('alice:se:cr:et'), { user: 'alice', password: 'se:cr:et' }],
    [basic('alice:'), { user: 'alice', password: '' }],
    [basic('ünï:pässwörd'), { user: 'ünï', password: 'pässwörd' }],
    [`basic ${Buffer.from('a:b').toString('base64')}`, { user: 'a', password: 'b' }],
    [basic(':nouser'), { malformed: true }],
    [basic('nocolon'), { malformed: true }],
    ['Basic !!!', { malformed: true }],
    ['Basic', { malformed: true }],
    ['Bearer abc', undefined],
    ['Negotiate YII=', undefined],
    [undefined, undefined],
  ])('%j', (header, expected) => {
    expect(parseBasic(header)).toEqual(expected);
  });

  it.each([['alice', 'alice'], ['.\\alice', 'alice'], ['WEB01\\alice', 'alice']])('%s names the local user %s', (given, name) => {
    expect(localUserName(given)).toBe(name);
  });
});
