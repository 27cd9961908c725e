/**
 * What an exposed object looks like: `vcs` repository metadata (.git/, .svn/, .hg/), `secret` keys
 * and credentials (.env, *.key, *.pem, id_rsa, *.kdbx, .htpasswd …), `config` server configuration
 * (web.config, usher.yaml and copies), `database` files (*.sqlite, *.db, *.mdf …), `backup` copies
 * (*.bak, *.old, *.orig, *~, *.swp …) and `source` files (*.java, *.jpp).
 */
export type ExposureCategory = 'vcs' | 'secret' | 'config' | 'database' | 'backup' | 'source';

/**
 * One object in a site's content that looks like something an attacker would ask for, and what the
 * site's anonymous identity gets when it asks: decided by running the server's own stages
 * (request filtering, mapping, authentication, authorization, handler) without serving anything.
 */
export interface ExposureResult {
  readonly site: string;
  /** Real path of the object; for repository metadata, the folder (`…/.git`). */
  readonly path: string;
  readonly kind: 'file' | 'directory';
  readonly categories: readonly ExposureCategory[];
  /** The content root it lies in. */
  readonly root: string;
  /** The URL path asked for, percent-encoded as on the wire (for a folder: the file inside it that was served, or the first one tried). */
  readonly url: string;
  /** `url` on the site's first binding (`http://127.0.0.1:8080/.git/config`), when the site has one. */
  readonly href: string | undefined;
  /** An anonymous GET would be served. */
  readonly reachable: boolean;
  /** `200`, or the refusal as `status.substatus` (`404.8`). */
  readonly answer: string;
  /** The layer that refused, or `handler` when it would be served. */
  readonly decidedBy: string;
}
