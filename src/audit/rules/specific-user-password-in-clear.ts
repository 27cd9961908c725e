import { defineRule, listSome, shellQuote, type ConfigVersionModel, type PasswordValueModel, type Snapshot } from '../rule.js';

const when = (ms: number | undefined) => (ms === undefined ? 'at an unknown time' : `on ${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`);

function which(version: ConfigVersionModel): string {
  if (version.number === 0) return `the configuration file ${version.path}`;
  return `version ${version.number} of the configuration in .usher-history/ (${version.path}, saved ${when(version.savedAt)}` +
    `${version.message === undefined ? ', a hand edit' : `, by "${version.message}"`})`;
}

/** How to change the password behind one entry: Usher's own command for a local user, otherwise where it is kept. */
function rotation(snapshot: Snapshot, entry: PasswordValueModel): string {
  const account = entry.account;
  const user = account === undefined ? undefined : snapshot.identities.users.find((candidate) => candidate.name.toLowerCase() === account.toLowerCase());
  if (user) return `usher user passwd ${shellQuote(user.name)}`;
  return `change the password of ${account ?? `the account at ${entry.key}`} where it is kept`;
}

export default defineRule({
  meta: {
    id: 'specific-user-password-in-clear',
    severity: 'high',
    title: 'A credential is stored readable in configuration',
    sources: ['CIS 2.7', 'CIS 2.8', 'MS-Config'],
    fix: 'Rotate the password (usher user passwd USER for a local user), then delete the history version that holds it',
    docs:
      'Fires for the configuration file or a version `.usher-history/` keeps of it that holds a `password` key (at any ' +
      'depth: a local user, a pool or anonymous identity, a connect-as or forms credential pasted from IIS) whose value is ' +
      'not an Usher scrypt hash. Usher\'s schema refuses such a value in the live file, so it hides in history: a hand edit ' +
      'that failed validation, or an import, is archived by the next save and stays readable by anyone who can read the ' +
      'folder, long after the live file was fixed. Empty values and scrypt hashes do not count; other hash formats (SHA-1, ' +
      'MD5) do, since they are as good as the password. One finding per file, naming the keys and lines, never the values.',
  },
  check(snapshot, report) {
    for (const version of snapshot.config.versions) {
      const clear = version.passwords.filter((entry) => entry.form === 'clear');
      if (clear.length === 0) continue;
      const keys = clear.map((entry) => `${entry.key} (line ${entry.line}${entry.account === undefined ? '' : `, account ${entry.account}`})`);
      const rotate = [...new Set(clear.map((entry) => rotation(snapshot, entry)))];
      const prune = version.number === 0
        ? `remove the value from ${version.path}`
        : `rm ${shellQuote(version.path)} ${shellQuote(`${version.path}.meta.json`)}`;
      report({
        scope: `path:${version.path}`,
        message: `${which(version)} holds ${clear.length === 1 ? 'a password' : `${clear.length} passwords`} in clear text: ${listSome(keys)}; ` +
          'anyone who can read the file, or a backup of it, has the credential',
        fix: `${rotate.join('; ')}; then ${prune}`,
      });
    }
  },
});
