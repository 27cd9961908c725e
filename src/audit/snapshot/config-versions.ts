import { readFile, stat } from 'node:fs/promises';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { openStore } from '../../config/index.js';
import { isPasswordHash } from '../../identity/index.js';
import type { ConfigVersionModel, PasswordForm, PasswordValueModel } from './config-versions-model.js';

/** `password`, `Password`, `userPassword`, `db_password`, `connect-as-password`; not `passwordFormat`. */
const isPasswordKey = (key: string) => /^password$/i.test(key) || /[a-z0-9]Password$/.test(key) || /[_-]password$/i.test(key);

function formOf(value: unknown): PasswordForm {
  if (value === null || value === undefined || value === '') return 'empty';
  return typeof value === 'string' && isPasswordHash(value) ? 'scrypt' : 'clear';
}

const ACCOUNT_KEYS = ['user', 'userName', 'username', 'name'];

/** Walks the YAML tree and collects every password key with its path, line and neighbouring account name. */
function passwordsInDocument(root: Node | null, lines: LineCounter): PasswordValueModel[] {
  const found: PasswordValueModel[] = [];
  const walk = (node: unknown, path: string): void => {
    if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const name = isMap(item) ? item.get('name') : undefined;
        walk(item, `${path}[${typeof name === 'string' || typeof name === 'number' ? name : index}]`);
      });
      return;
    }
    if (!isMap(node)) return;
    const account = ACCOUNT_KEYS.map((key) => node.get(key)).find((value) => typeof value === 'string');
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined) continue;
      const here = path === '' ? key : `${path}.${key}`;
      const value = pair.value;
      if (isPasswordKey(key) && (value === null || isScalar(value))) {
        const offset = (isScalar(pair.key) ? pair.key.range?.[0] : undefined) ?? 0;
        found.push({ key: here, line: lines.linePos(offset).line, account: account as string | undefined, form: formOf(value?.value) });
        continue;
      }
      walk(value, here);
    }
  };
  walk(root, '');
  return found;
}

/** For text YAML cannot parse (a hand edit gone wrong): `password: value` anywhere on a line, block or flow style. */
function passwordsInLines(text: string): PasswordValueModel[] {
  const found: PasswordValueModel[] = [];
  const pattern = /(?:^|[\s{,])["']?([A-Za-z0-9_-]*[Pp]assword)["']?\s*:\s*("[^"]*"|'[^']*'|[^\s,}#]*)/g;
  text.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(pattern)) {
      if (!isPasswordKey(match[1]!)) continue;
      const raw = match[2]!.replace(/^(["'])(.*)\1$/, '$2');
      found.push({ key: match[1]!, line: index + 1, account: undefined, form: formOf(raw === '~' || raw === 'null' ? null : raw) });
    }
  });
  return found;
}

export function scanConfigText(text: string): { parsed: boolean; passwords: PasswordValueModel[] } {
  // Most versions name no password at all: no need to parse those.
  if (!/password/i.test(text)) return { parsed: true, passwords: [] };
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  if (document.errors.length > 0) return { parsed: false, passwords: passwordsInLines(text) };
  return { parsed: true, passwords: passwordsInDocument(document.contents, lines) };
}

/**
 * The live configuration file and every version `.usher-history/` keeps of it, numbered as
 * `usher config history` numbers them, each with the password keys it holds (never the values).
 */
export async function readConfigVersions(file: string | undefined): Promise<ConfigVersionModel[]> {
  if (file === undefined) return [];
  const versions: ConfigVersionModel[] = [];
  const read = async (number: number, path: string, savedAt: number | undefined, message: string | undefined) => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      return;
    }
    versions.push({ number, path, savedAt, message, ...scanConfigText(text) });
  };
  const modified = await stat(file).then((stats) => stats.mtimeMs, () => undefined);
  await read(0, file, modified, undefined);
  const history = await openStore(file).history().catch(() => []);
  for (const entry of history) await read(entry.number, entry.path, entry.savedAt.getTime(), entry.message);
  return versions;
}
