import { describe, expect, it } from 'vitest';
import { parseConfigDocument, validateConfig, type ConfigIssue } from './index.js';

const POOLS = ['applicationPools:', '  - name: DefaultAppPool', '    idleTimeout: 20m'];
const SITE = ['sites:', '  - name: www', '    id: 1', '    bindings: ["http/*:8080:"]', '    physicalPath: ./wwwroot'];
const IDENTITIES = [
  'identities:',
  '  machineSid: S-1-5-21-1-2-3',
  '  users:',
  '    - { name: alice, rid: 1001, password: "$scrypt$ln=14,r=8,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA" }',
  '  groups: [{ name: Editors, rid: 1002 }]',
];

interface Case {
  readonly name: string;
  readonly lines: readonly string[];
  readonly line: number;
  readonly field: string;
  readonly message: RegExp;
}

// Line numbers are 1-based; each case's lines are written out so the expected line can be read off.
const CASES: Case[] = [
  { name: 'unknown top-level key', lines: [...POOLS, ...SITE, 'sitez: []'], line: 9, field: 'sitez', message: /unknown key \(did you mean 'sites'\?\)/ },
  { name: 'unknown key in a site', lines: [...POOLS, ...SITE, '    physicalpath: ./x'], line: 9, field: 'sites[0].physicalpath', message: /did you mean 'physicalPath'/ },
  {
    name: 'unknown key deep in a location',
    lines: [...POOLS, ...SITE, 'locations:', '  "www/private":', '    requestFiltering:', '      requestLimits:', '        maxUrll: 10'],
    line: 13, field: 'locations."www/private".requestFiltering.requestLimits.maxUrll', message: /did you mean 'maxUrl'/,
  },
  { name: 'wrong type', lines: [...POOLS, 'sites:', '  - name: www', '    id: one', '    physicalPath: .'], line: 6, field: 'sites[0].id', message: /expected a number, got "one"/ },
  {
    name: 'yes is not a boolean in YAML 1.2',
    lines: ['applicationPools:', '  - name: DefaultAppPool', '    autoStart: yes'], line: 3, field: 'applicationPools[0].autoStart', message: /expected true or false, got "yes"/,
  },
  {
    name: 'missing required key reported at its parent',
    lines: [...POOLS, 'sites:', '  - name: www', '    id: 1'], line: 5, field: 'sites[0].physicalPath', message: /is required/,
  },
  {
    name: 'port out of range',
    lines: [...POOLS, ...SITE.slice(0, 3), '    bindings:', '      - "http/*:80:"', '      - "http/*:99999:"', '    physicalPath: .'],
    line: 9, field: 'sites[0].bindings[1]', message: /port 99999 is out of range/,
  },
  {
    name: 'IPv6 without brackets',
    lines: [...POOLS, ...SITE.slice(0, 3), '    bindings: ["http/::1:80:"]', '    physicalPath: .'],
    line: 7, field: 'sites[0].bindings[0]', message: /put the IPv6 address in brackets: \[::1\]/,
  },
  {
    name: 'https needs a certificate and key',
    lines: [...POOLS, ...SITE.slice(0, 3), '    bindings:', '      - "https/*:443:"', '    physicalPath: .'],
    line: 8, field: 'sites[0].bindings[0]', message: /needs a certificate and key/,
  },
  { name: 'bad duration', lines: ['applicationPools:', '  - name: DefaultAppPool', '    idleTimeout: 20 minutes'], line: 3, field: 'applicationPools[0].idleTimeout', message: /expected a duration/ },
  { name: 'bad identity', lines: ['applicationPools:', '  - name: P', '    identity: AppPoolIdentity'], line: 3, field: 'applicationPools[0].identity', message: /expected ApplicationPoolIdentity, NetworkService/ },
  {
    name: 'site names a pool that does not exist',
    lines: [...POOLS, ...SITE, '    applicationPool: ShopPool'], line: 9, field: 'sites[0].applicationPool', message: /no application pool named 'ShopPool'/,
  },
  {
    name: 'default pool missing',
    lines: ['applicationPools: []', ...SITE], line: 3, field: 'sites[0].applicationPool', message: /the default is DefaultAppPool/,
  },
  {
    name: 'application pool reference',
    lines: [...POOLS, ...SITE, '    applications:', '      - path: /shop', '        physicalPath: ./shop', '        applicationPool: defaultapppool'],
    line: 12, field: 'sites[0].applications[0].applicationPool', message: /did you mean 'DefaultAppPool'/,
  },
  {
    name: 'application path without a slash',
    lines: [...POOLS, ...SITE, '    applications:', '      - { path: shop, physicalPath: ./shop }'],
    line: 10, field: 'sites[0].applications[0].path', message: /must start with \//,
  },
  {
    name: 'duplicate site name',
    lines: [...POOLS, ...SITE, '  - name: WWW', '    id: 2', '    physicalPath: .'], line: 9, field: 'sites[1].name', message: /duplicate site name 'WWW' \(also sites\[0\]\.name\)/,
  },
  {
    name: 'duplicate site id',
    lines: [...POOLS, ...SITE, '  - name: other', '    id: 1', '    physicalPath: .'], line: 10, field: 'sites[1].id', message: /duplicate site id 1/,
  },
  {
    name: 'duplicate binding across sites',
    lines: [...POOLS, ...SITE, '  - name: other', '    id: 2', '    bindings: ["http/*:8080:"]', '    physicalPath: .'],
    line: 11, field: 'sites[1].bindings[0]', message: /already used by site 'www'/,
  },
  { name: 'bad machineSid', lines: ['identities:', '  machineSid: S-1-5-32-544'], line: 2, field: 'identities.machineSid', message: /not a machine SID/ },
  {
    name: 'location for an unknown site',
    lines: [...POOLS, ...SITE, 'locations:', '  "Default Web Site/private": { directoryBrowse: { enabled: true } }'],
    line: 10, field: 'locations."Default Web Site/private"', message: /no site named 'Default Web Site'/,
  },
  {
    name: 'user in a group that does not exist',
    lines: [...IDENTITIES.slice(0, 3), '    - { name: alice, rid: 1001, password: "$scrypt$ln=14,r=8,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", groups: [Editorz] }'],
    line: 4, field: 'identities.users[0].groups[0]', message: /no group named 'Editorz'/,
  },
  {
    name: 'anonymous identity names no local user',
    lines: [...POOLS, ...SITE, ...IDENTITIES, 'locations:', '  www:', '    authentication:', '      anonymous: { identity: { user: bob } }'],
    line: 17, field: 'locations.www.authentication.anonymous.identity.user', message: /no local user named 'bob'/,
  },
  {
    name: 'pool identity names no local user',
    lines: ['applicationPools:', '  - name: P', '    identity: { user: bob }'], line: 3, field: 'applicationPools[0].identity.user', message: /no local user named 'bob'/,
  },
  {
    name: 'duplicate rid',
    lines: [...IDENTITIES.slice(0, 4), '  groups: [{ name: Editors, rid: 1001 }]'], line: 5, field: 'identities.groups[0].rid', message: /duplicate rid 1001/,
  },
  {
    name: 'a password that is not an scrypt hash',
    lines: [...IDENTITIES.slice(0, 3), '    - { name: alice, rid: 1001, password: "hunter2" }'],
    line: 4, field: 'identities.users[0].password', message: /not a supported scrypt string/,
  },
  {
    name: 'a local group without a rid',
    lines: [...IDENTITIES.slice(0, 4), '  groups:', '    - name: Editors'], line: 6, field: 'identities.groups[0].rid', message: /needs a rid/,
  },
];

function issuesOf(lines: readonly string[], options: Parameters<typeof validateConfig>[1] = { file: 'u.yaml', checkPaths: false }): readonly ConfigIssue[] {
  const result = validateConfig(parseConfigDocument(`${lines.join('\n')}\n`), options);
  return result.ok ? result.warnings : result.issues;
}

describe('error locations', () => {
  it.each(CASES)('$name', ({ lines, line, field, message }) => {
    const errors = issuesOf(lines).filter((issue) => issue.severity === 'error');
    expect(errors.map((issue) => `${issue.line} ${issue.field}`)).toContain(`${line} ${field}`);
    const issue = errors.find((candidate) => candidate.field === field)!;
    expect(issue.message).toMatch(message);
    expect(issue.file).toBe('u.yaml');
  });

  it('the base configuration is valid', () => {
    expect(issuesOf([...POOLS, ...SITE, ...IDENTITIES])).toEqual([]);
  });

  it('reports cross-reference errors even when another section breaks the schema', () => {
    const issues = issuesOf([...POOLS, ...SITE, '    applicationPool: Nope', 'audit:', '  exceptions: [{ rule: BAD RULE, scope: x, reason: y }]']);
    expect(issues.map((issue) => issue.field)).toEqual(['sites[0].applicationPool', 'audit.exceptions[0].rule']);
  });

  it('hands ACE strings to the checkAce hook and places its answer', () => {
    const lines = [...POOLS, ...SITE, 'acl:', '  ./wwwroot:', '    aces:', '      - "IUSR:(OI)(CI)(RX)"', '      - "Nobody:(RX)"'];
    const issues = issuesOf(lines, {
      file: 'u.yaml', checkPaths: false,
      checkAce: (text) => (text.startsWith('Nobody') ? "'Nobody' does not resolve to a principal" : undefined),
    });
    expect(issues).toEqual([expect.objectContaining({ line: 13, column: 9, field: 'acl."./wwwroot".aces[1]', message: expect.stringMatching(/Nobody/) })]);
  });

  it('asks checkPrincipal about names it does not define', () => {
    const lines = [...POOLS, ...SITE, ...IDENTITIES, 'locations:', '  www:', '    authorization:', '      - { access: allow, users: "alice,IUSR,ghost", roles: Editors }'];
    const asked: string[] = [];
    const issues = issuesOf(lines, {
      file: 'u.yaml', checkPaths: false,
      checkPrincipal: (name) => (asked.push(name), name === 'ghost' ? `'ghost' is not a known principal` : undefined),
    });
    expect(asked).toEqual(['IUSR', 'ghost']);
    expect(issues.map((issue) => `${issue.line} ${issue.field}`)).toEqual(['17 locations.www.authorization[0].users']);
  });

  it('does not ask the hooks while accounts or pools are themselves broken', () => {
    const lines = [...POOLS, ...SITE, ...IDENTITIES.slice(0, 4), '  groups: [{ name: alice, rid: 1002 }]', 'acl: { ./wwwroot: { aces: ["x"] } }'];
    const issues = issuesOf(lines, { file: 'u.yaml', checkPaths: false, checkAce: () => 'asked' });
    expect(issues.map((issue) => issue.message)).toEqual([expect.stringMatching(/duplicate account name 'alice'/)]);
  });

  it('warns about paths that do not exist, relative to the file', () => {
    const issues = issuesOf([...POOLS, ...SITE, 'acl: { ./gone: {} }'], { file: '/nonexistent-dir/u.yaml' });
    expect(issues.map((issue) => [issue.severity, issue.field])).toEqual([
      ['warning', 'sites[0].physicalPath'], ['warning', 'acl."./gone"'],
    ]);
    expect(issues[0]!.message).toContain('/nonexistent-dir/wwwroot does not exist');
  });
});

describe('documents parsed elsewhere', () => {
  it('are located too, by re-reading their text', async () => {
    const { parseDocument } = await import('yaml');
    const result = validateConfig(parseDocument('applicationPools:\n  - name: P\n    maxProcesses: 0\n'), { file: 'u.yaml' });
    expect(result.ok ? [] : result.issues.map((issue) => `${issue.line} ${issue.field} ${issue.message}`)).toEqual([
      '3 applicationPools[0].maxProcesses must be at least 1',
    ]);
  });
});
