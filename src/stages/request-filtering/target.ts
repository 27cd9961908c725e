import { malformed, printable, type Refusal } from './refusal.js';

/** The request-target taken apart (RFC 9112 §3.2), nothing decoded yet. */
export interface RawTarget {
  /** Starts with `/`; for the absolute-form, the path after the authority. */
  readonly rawPath: string;
  /** After the first `?`, without it; empty when there is none. */
  readonly query: string;
}

// Characters that can never appear in a request-target: controls (C0, DEL, C1), space, and `#` (a
// fragment is the client's business and never sent; one in a target means a confused or hostile
// client). Node's parser refuses most of these already; the explainer and tests do not go
// through it, so the stage does not rely on that.
const NEVER_IN_TARGET = /[\p{Cc} #]/u;

// absolute-form: only the schemes this server speaks; the authority runs to the first `/` or `?`.
const ABSOLUTE_FORM = /^https?:\/\/([^/?]*)/i;

const SLASH = 0x2f;

/**
 * origin-form `/path?query` or absolute-form `http://host/path?query`. The asterisk-form (`*`, only
 * meaningful for a server-wide OPTIONS), the authority-form (`host:port`, only for CONNECT) and
 * anything else are refused: this server serves paths.
 */
export function parseTarget(target: string): RawTarget | Refusal {
  const bad = NEVER_IN_TARGET.exec(target);
  if (bad) {
    if (bad[0] === '#') return malformed('fragment (#) in the request-target');
    return malformed(bad[0] === ' ' ? 'raw space in the request-target' : `control character ${printable(bad[0])} in the request-target`);
  }
  let start = 0;
  if (target.charCodeAt(0) !== SLASH) {
    const absolute = ABSOLUTE_FORM.exec(target);
    if (!absolute) return malformed(formProblem(target));
    const authority = absolute[1]!;
    // RFC 9110 §4.2.1: an http(s) URI has a host, and userinfo in it is to be treated as an error.
    if (authority === '' || authority.includes('@')) return malformed(`absolute-form with an empty host or userinfo: '${printable(target)}'`);
    start = absolute[0].length;
  }
  const question = target.indexOf('?', start);
  const end = question < 0 ? target.length : question;
  // `http://host` and `http://host?q` have an empty path, which means `/` (RFC 9112 §3.2.2).
  const rawPath = end === start ? '/' : target.slice(start, end);
  const query = question < 0 ? '' : target.slice(question + 1);
  return { rawPath, query };
}

function formProblem(target: string): string {
  if (target === '*') return "asterisk-form request-target '*'";
  if (target === '') return 'empty request-target';
  if (/^[^/?]*:\d*$/.test(target)) return `authority-form request-target '${printable(target)}'`;
  return `request-target does not start with '/': '${printable(target)}'`;
}
