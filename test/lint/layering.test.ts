import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The rules are path-based, so linting text under a virtual file name exercises exactly the block
// that a real file at that path would get.
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('dependency direction (DESIGN §2) is enforced by npm run lint', () => {
  it.each([
    ['src/acl/probe.ts', "import { loadConfig } from '../config/index.js';\nexport const x = loadConfig;\n", /acl\/ may import only/],
    ['src/acl/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /pure/],
    ['src/acl/probe.ts', "import { readFileSync } from 'fs';\nexport const x = readFileSync;\n", /pure/],
    ['src/identity/probe.ts', "import { x } from '../cli/main.js';\nexport const y = x;\n", /identity\/ may import only/],
    ['src/config/probe.ts', "import { x } from '../server/index.js';\nexport const y = x;\n", /config\/ may import only/],
    ['src/shared/probe.ts', "import { x } from '../identity/index.js';\nexport const y = x;\n", /shared\/ may import only nothing/],
    ['src/config/schema/probe.ts', "import { x } from '../../cli/index.js';\nexport const y = x;\n", /config\/ may import only/],
    ['src/config/probe.ts', "import { poolSid } from '../identity/virtual-account-sid.js';\nexport const y = poolSid;\n", /only through its index/],
    ['src/stages/mapping/probe.ts', "import { x } from '../authentication/index.js';\nexport const y = x;\n", /never imports another stage/],
    ['src/manager/probe.ts', "import { x } from '../config/index.js';\nexport const y = x;\n", /manager\/ may import only admin-api/],
    ['src/audit/rules/probe.ts', "import { readFileSync } from 'node:fs';\nexport const y = readFileSync;\n", /an audit rule imports only/],
    ['src/audit/rules/probe.ts', "import { runAudit } from '../engine.js';\nexport const y = runAudit;\n", /an audit rule imports only/],
    ['src/audit/rules/probe.ts', "import { loadConfig } from '../../config/index.js';\nexport const y = loadConfig;\n", /an audit rule imports only/],
    ['src/audit/rules/utils/probe.ts', "import { buildSnapshot } from '../../snapshot/index.js';\nexport const y = buildSnapshot;\n", /an audit rule imports only/],
  ])('%s: forbidden import is an error', async (file, code, message) => {
    const messages = await restrictedImports(file, code);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.join('\n')).toMatch(message);
  });

  it.each([
    ['src/acl/probe.ts', "import { UsherError } from '../shared/index.js';\nexport const y = UsherError;\n"],
    ['src/acl/probe.ts', "import { x } from './ace.js';\nexport const y = x;\n"],
    ['src/config/probe.ts', "import { poolSid } from '../identity/index.js';\nexport const y = poolSid;\n"],
    ['src/cli/commands/probe.ts', "import { x } from '../../config/index.js';\nimport { z } from '../main.js';\nexport const y = [x, z];\n"],
    ['src/stages/mapping/probe.ts', "import { x } from '../../pipeline/index.js';\nimport { z } from './map.js';\nexport const y = [x, z];\n"],
    ['src/audit/rules/probe.ts', "import { defineRule } from '../rule.js';\nimport { SID } from '../../identity/index.js';\nimport { formatAce } from '../../acl/index.js';\nimport { x } from './utils/names.js';\nexport const y = [defineRule, SID, formatAce, x];\n"],
    ['src/audit/rules/utils/probe.ts', "import { defineRule } from '../../rule.js';\nimport { x } from '../other.js';\nexport const y = [defineRule, x];\n"],
    ['src/server/probe.ts', "import { x } from '../stages/mapping/index.js';\nimport { readFile } from 'node:fs/promises';\nexport const y = [x, readFile];\n"],
  ])('%s: allowed import passes', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});
