/**
 * The configuration file and every version `.usher-history/` keeps of it, reduced to what the
 * credential rule needs: where a `password` key appears and what kind of value it holds. The
 * values themselves are never kept in the snapshot.
 */
export interface ConfigVersionModel {
  /** 0 for the live file; 1 for the newest previous version, as `usher config history` numbers them. */
  readonly number: number;
  readonly path: string;
  /** When it was saved (the live file: its modification time), in ms since the epoch. */
  readonly savedAt: number | undefined;
  /** The message of the usher command that wrote it; undefined for hand edits. */
  readonly message: string | undefined;
  /** false: the text is not valid YAML, so `passwords` comes from a line-by-line scan. */
  readonly parsed: boolean;
  /** Every password key in it, at any depth, in document order. */
  readonly passwords: readonly PasswordValueModel[];
}

/**
 * `scrypt`: an Usher scrypt PHC string (what `usher user add` and `passwd` write); `empty`: an
 * empty or null value; `clear`: anything else (a plain password, another hash format, an IIS-style
 * `passwordFormat: Clear` value).
 */
export type PasswordForm = 'scrypt' | 'empty' | 'clear';

export interface PasswordValueModel {
  /** Where it is, with list items named by their `name` when they have one: `identities.users[ann].password`. */
  readonly key: string;
  /** 1-based line in the file. */
  readonly line: number;
  /** The account it belongs to: the `user`, `userName` or `name` beside it, if any. */
  readonly account: string | undefined;
  readonly form: PasswordForm;
}
