import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadConfig } from '../config/index.js';
import { runRule, type AuditNote, type Finding } from './engine.js';
import type { AuditRule } from './rule.js';
import { buildSnapshot, type Snapshot, type SnapshotOptions } from './snapshot/index.js';

/**
 * The rule tester (ESLint's RuleTester): a rule's test lists cases, not steps. Each case is a small
 * configuration, merged over a base that looks like `usher init`'s, and a file tree, built in a
 * temporary folder and audited for real (the snapshot builder, the exposure scan, the engine's
 * one-finding-per-scope), so a rule is tested exactly as `usher audit` runs it.
 *
 * Placeholders: `{{DIR}}` is the case's folder (real path) in the config, file names, expected scopes
 * and messages; `{{HASH}}` a password hash (of "correct horse"); `{{EMPTY_HASH}}` a hash of the empty password.
 */

export const BASE_CONFIG = `
applicationPools:
  - { name: WebPool, identity: ApplicationPoolIdentity }
sites:
  - { name: Web, id: 1, bindings: ["http/127.0.0.1:8080:"], physicalPath: ./wwwroot, applicationPool: WebPool }
locations:
  Web:
    authentication: { anonymous: { enabled: true, identity: IUSR }, basic: { enabled: false } }
acl:
  ./wwwroot:
    inheritance: disabled
    aces: ["SYSTEM:(OI)(CI)(F)", "Administrators:(OI)(CI)(F)", "IUSR:(OI)(CI)(RX)", "IIS AppPool\\\\WebPool:(OI)(CI)(RX)"]
identities:
  machineSid: S-1-5-21-1000000001-1000000002-1000000003
`;

export const BASE_FILES = { 'wwwroot/index.html': '<h1>It works</h1>\n' } as const;

/** A file's content, a folder, or a symlink (its target as written). */
export type FileSpec = string | { readonly dir: true } | { readonly symlink: string };

export interface RuleCase {
  readonly name: string;
  /** YAML merged over BASE_CONFIG: maps merge, lists of `{name: …}` items merge by name, other lists are replaced, `null` deletes. */
  readonly config?: string;
  /** false: `config` is the whole file and BASE_FILES are not written. */
  readonly base?: boolean;
  /** Paths relative to the case's folder (where usher.yaml is). */
  readonly files?: Readonly<Record<string, FileSpec>>;
  readonly options?: SnapshotOptions;
}

export interface ExpectedFinding {
  readonly scope: string;
  readonly message?: string | RegExp;
  readonly fix?: string | RegExp;
}

export interface FiringCase extends RuleCase {
  /** Exactly these scopes, in any order. */
  readonly findings: readonly ExpectedFinding[];
}

export interface RuleCases {
  readonly fires: readonly FiringCase[];
  /** Near misses: close to a firing case, and nothing to report. */
  readonly passes: readonly RuleCase[];
}

// Cheap scrypt parameters (ln=10), still accepted by the identity module's parser.
const HASH = '$scrypt$ln=10,r=8,p=1$YXVkaXQtdGVzdC1zYWx0$kkrGLonSloF1xKjiJNnDA+z7P1u5t58Jd2v0ExEzKqM';
const EMPTY_HASH = '$scrypt$ln=10,r=8,p=1$YXVkaXQtdGVzdC1zYWx0$xRBo2VJkvViPHPQIItWPWaL8EpbvlPiYFaTf7+3+Mzg';

type Yaml = Record<string, unknown>;
const isMap = (value: unknown): value is Yaml => typeof value === 'object' && value !== null && !Array.isArray(value);
const named = (value: unknown): value is { name: unknown }[] => Array.isArray(value) && value.every((item) => isMap(item) && 'name' in item);

export function mergeConfig(base: unknown, over: unknown): unknown {
  if (over === null) return undefined;
  if (isMap(base) && isMap(over)) {
    const merged: Yaml = { ...base };
    for (const [key, value] of Object.entries(over)) {
      const next = mergeConfig(base[key], value);
      if (next === undefined) delete merged[key];
      else merged[key] = next;
    }
    return merged;
  }
  if (named(base) && named(over) && over.length > 0) {
    const merged = base.map((item) => mergeConfig(item, over.find((candidate) => candidate.name === item.name) ?? {}));
    return [...merged, ...over.filter((item) => !base.some((candidate) => candidate.name === item.name))];
  }
  return over;
}

const fill = (text: string, dir: string) => text.replaceAll('{{DIR}}', dir).replaceAll('{{EMPTY_HASH}}', EMPTY_HASH).replaceAll('{{HASH}}', HASH);

function writeTree(dir: string, files: Readonly<Record<string, FileSpec>>): void {
  for (const [name, spec] of Object.entries(files)) {
    const path = join(dir, fill(name, dir));
    mkdirSync(typeof spec === 'object' && 'dir' in spec ? path : dirname(path), { recursive: true });
    if (typeof spec === 'string') writeFileSync(path, spec);
    else if ('symlink' in spec) symlinkSync(fill(spec.symlink, dir), path);
  }
}

/** Builds a case's folder and snapshot; `use` runs before the folder is removed. */
export async function withCase<T>(testCase: RuleCase, use: (snapshot: Snapshot, dir: string) => T | Promise<T>): Promise<T> {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'usher-audit-')));
  try {
    const withBase = testCase.base !== false;
    const over = parse(fill(testCase.config ?? '', dir)) ?? {};
    const config = withBase ? mergeConfig(parse(BASE_CONFIG), over) : over;
    writeFileSync(join(dir, 'usher.yaml'), stringify(config), { mode: 0o600 });
    writeTree(dir, { ...(withBase ? BASE_FILES : {}), ...testCase.files });
    const loaded = await loadConfig(join(dir, 'usher.yaml'));
    const snapshot = await buildSnapshot(loaded, { evidenceDays: 0, ...testCase.options });
    return await use(snapshot, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The rule's findings on one case; a rule that throws fails the test rather than passing it. */
export async function findingsOf(rule: AuditRule, testCase: RuleCase): Promise<{ findings: Finding[]; dir: string }> {
  return withCase(testCase, (snapshot, dir) => {
    const notes: AuditNote[] = [];
    const { findings } = runRule(snapshot, rule, notes);
    const errors = notes.filter((note) => note.kind === 'error');
    if (errors.length > 0) throw new Error(errors.map((note) => note.message).join('\n'));
    return { findings, dir };
  });
}

function matches(actual: string, expected: string | RegExp | undefined, dir: string): boolean {
  if (expected === undefined) return true;
  return typeof expected === 'string' ? actual.includes(fill(expected, dir)) : expected.test(actual);
}

/** Declares the rule's tests: one per case, under the rule's id. */
export function testRule(rule: AuditRule, cases: RuleCases): void {
  describe(rule.meta.id, () => {
    for (const testCase of cases.fires) {
      it(`fires: ${testCase.name}`, async () => {
        const { findings, dir } = await findingsOf(rule, testCase);
        expect(findings.map((finding) => finding.scope).sort()).toEqual(testCase.findings.map((expected) => fill(expected.scope, dir)).sort());
        for (const expected of testCase.findings) {
          const finding = findings.find((candidate) => candidate.scope === fill(expected.scope, dir))!;
          expect(matches(finding.message, expected.message, dir), `message: ${finding.message}`).toBe(true);
          expect(matches(finding.fix, expected.fix, dir), `fix: ${finding.fix}`).toBe(true);
        }
      });
    }
    for (const testCase of cases.passes) {
      it(`passes: ${testCase.name}`, async () => {
        const { findings } = await findingsOf(rule, testCase);
        expect(findings.map((finding) => `${finding.scope}: ${finding.message}`)).toEqual([]);
      });
    }
  });
}
