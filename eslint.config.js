// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The dependency direction of DESIGN §2, enforced. Each module lists the modules it may import;
 * from outside a module only its index.js may be imported (stages: each stage's index.js).
 */
const MAY_IMPORT = {
  shared: [],
  identity: ['shared'],
  acl: ['shared', 'identity'],
  config: ['shared', 'identity', 'acl'],
  pipeline: ['shared', 'identity', 'acl', 'config'],
  stages: ['shared', 'identity', 'acl', 'config', 'pipeline'],
  pools: ['shared', 'identity', 'acl', 'config', 'pipeline'],
  audit: ['shared', 'identity', 'acl', 'config', 'pipeline', 'stages'],
  monitor: ['shared', 'identity', 'config', 'pipeline'],
  importers: ['shared', 'identity', 'acl', 'config'],
  'admin-api': ['shared', 'identity', 'acl', 'config', 'audit', 'monitor'],
  server: ['shared', 'identity', 'acl', 'config', 'pipeline', 'stages', 'pools', 'audit', 'monitor', 'importers', 'admin-api'],
  cli: ['shared', 'identity', 'acl', 'config', 'pipeline', 'stages', 'pools', 'audit', 'monitor', 'importers', 'admin-api', 'server'],
  manager: ['admin-api'],
};
const MODULES = Object.keys(MAY_IMPORT);
/** Modules with no I/O at all: not even node built-ins. */
const PURE = new Set(['acl']);
const MAX_DEPTH = 5;

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function layeringBlocks() {
  const blocks = [];
  for (const [module, allowed] of Object.entries(MAY_IMPORT)) {
    for (let depth = 1; depth <= MAX_DEPTH; depth++) {
      const up = '(\\.\\./){' + depth + '}';
      const forbidden = MODULES.filter((other) => other !== module && !allowed.includes(other));
      const patterns = [];
      if (forbidden.length > 0) {
        patterns.push({
          regex: `^${up}(${forbidden.map(escape).join('|')})(/|$)`,
          message: `${module}/ may import only ${allowed.join(', ') || 'nothing else in src'} (DESIGN §2: dependencies point inward)`,
        });
      }
      const deep = allowed.map((other) =>
        other === 'stages' ? `stages/[^/]+/(?!index\\.js$)` : `${escape(other)}/(?!index\\.js$)`,
      );
      if (deep.length > 0) {
        patterns.push({
          regex: `^${up}(${deep.join('|')})`,
          message: 'import another module only through its index.js (DESIGN §2)',
        });
      }
      if (module === 'stages' && depth >= 2) {
        // A stage never imports another stage: from src/stages/<a>/…, ../<b>/ at the stage level.
        patterns.push({
          regex: `^(\\.\\./){${depth - 1}}(?!\\.\\./)[^/]+/`,
          message: 'a stage never imports another stage; share data through RequestContext slots (DESIGN §2)',
        });
      }
      const rule = { patterns };
      if (PURE.has(module)) {
        Object.assign(rule, {
          paths: builtinModules.map((name) => ({ name, message: `${module}/ is pure: no I/O, no node built-ins` })),
        });
        patterns.push({ regex: '^node:', message: `${module}/ is pure: no I/O, no node built-ins` });
      }
      const files = [`src/${module}/${'*/'.repeat(depth - 1)}*.ts`];
      blocks.push({ files, ignores: ['**/*.test.ts'], rules: { 'no-restricted-imports': ['error', rule] } });
    }
  }
  return blocks;
}

/**
 * Audit rules see the read-only model only (DESIGN §2): a rule under src/audit/rules/ imports
 * ../rule.js (which re-exports the snapshot's types and the vocabulary), the pure acl/ and
 * identity/ modules, and its own folder's helpers; no node built-ins, no package, no engine, no
 * snapshot builder. Later blocks replace earlier ones for the same rule, so this one is the whole
 * list for those files.
 */
function auditRuleBlocks() {
  const message = 'an audit rule imports only ../rule.js, ../../acl/index.js, ../../identity/index.js and helpers beside it: ' +
    'it reads the snapshot and does no I/O (DESIGN §2)';
  return [1, 2].map((depth) => {
    const toRules = depth > 1 ? `|(\\.\\./){1,${depth - 1}}(?!\\.\\./)` : '';
    const toAudit = '(\\.\\./){' + depth + '}';
    const toSrc = '(\\.\\./){' + (depth + 1) + '}';
    const allowed = `\\./${toRules}|${toAudit}rule\\.js$|${toSrc}(acl|identity)/index\\.js$`;
    return {
      files: [`src/audit/rules/${'*/'.repeat(depth - 1)}*.ts`],
      ignores: ['**/*.test.ts'],
      rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: `^(?!${allowed})`, message }] }] },
    };
  });
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  ...layeringBlocks(),
  ...auditRuleBlocks(),
);
