import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { UsherError } from '../shared/index.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Asks on the terminal without echoing what is typed. */
function promptHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve, reject) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    muted = true;
    rl.on('SIGINT', () => {
      rl.close();
      reject(new UsherError('USHER_ERR_CLI_INPUT', 'password entry cancelled'));
    });
  });
}

/**
 * A password from `--password-stdin` (the first line, without its line ending) or from a prompt,
 * asked twice when `confirm` is set. Never from an argument: arguments show up in `ps` and shell history.
 */
export async function readPassword(options: { fromStdin: boolean; confirm: boolean; label: string }): Promise<string> {
  let password: string;
  if (options.fromStdin) {
    password = (await readStdin()).split(/\r?\n/)[0] ?? '';
  } else {
    if (!process.stdin.isTTY) {
      throw new UsherError('USHER_ERR_CLI_INPUT', 'no terminal to ask for the password on; pipe it in with --password-stdin');
    }
    password = await promptHidden(`${options.label}: `);
    if (options.confirm && (await promptHidden(`${options.label} (again): `)) !== password) {
      throw new UsherError('USHER_ERR_ID_PASSWORD', 'the two passwords did not match; nothing was changed');
    }
  }
  if (password.length === 0) {
    throw new UsherError('USHER_ERR_ID_PASSWORD', 'the password is empty; nothing was changed');
  }
  return password;
}
