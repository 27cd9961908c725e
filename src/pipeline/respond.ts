import type { ServerResponse } from 'node:http';
import type { Outcome } from './outcome.js';

/** IIS's titles for the answers of DESIGN §8; the detailed page says which rule refused, never a path. */
const TITLES: Readonly<Record<string, string>> = {
  '301.0': 'Moved Permanently',
  '400.0': 'Bad Request',
  '401.1': 'Unauthorized: logon failed',
  '401.2': 'Unauthorized: access is denied due to server configuration',
  '401.3': 'Unauthorized: access is denied due to an ACL set on the requested resource',
  '403.14': 'Forbidden: the web server is configured to not list the contents of this directory',
  '404.0': 'Not Found: the resource you are looking for has been removed, had its name changed, or is temporarily unavailable',
  '404.5': 'Not Found: the request filtering module is configured to deny a sequence in the URL',
  '404.6': 'Not Found: the request filtering module is configured to deny the HTTP verb',
  '404.7': 'Not Found: the request filtering module is configured to deny the file extension',
  '404.8': 'Not Found: the request filtering module is configured to deny a path in the URL that contains a hidden segment',
  '404.11': 'Not Found: the request filtering module is configured to deny a request that contains a double escape sequence',
  '404.12': 'Not Found: the request filtering module is configured to deny high-bit characters',
  '404.14': 'Not Found: the request URL is too long',
  '404.15': 'Not Found: the query string is too long',
  '405.0': 'Method Not Allowed: the HTTP verb used to access this page is not allowed',
  '413.1': 'Request Entity Too Large: the content length exceeds the configured limit',
  '416.0': 'Range Not Satisfiable',
  '500.0': 'Internal Server Error',
};

const STATUS_TEXT: Readonly<Record<number, string>> = {
  301: 'Moved Permanently', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 413: 'Content Too Large', 416: 'Range Not Satisfiable', 500: 'Internal Server Error',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The one error path: an outcome becomes the response. `detailed` (IIS's DetailedLocalOnly for a
 * local client) adds the substatus and its meaning; neither form ever shows a path or a stack.
 */
export function errorPage(outcome: Outcome, detailed: boolean): string {
  const code = `${outcome.status}.${outcome.substatus}`;
  const title = TITLES[code] ?? STATUS_TEXT[outcome.status] ?? 'Error';
  const heading = detailed ? `HTTP Error ${code} - ${title}` : `${outcome.status} - ${STATUS_TEXT[outcome.status] ?? 'Error'}`;
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(heading)}</title></head>\n` +
    `<body><h1>${escapeHtml(heading)}</h1></body></html>\n`;
}

export function sendOutcome(response: ServerResponse, outcome: Outcome, options: { detailed: boolean; head: boolean }): void {
  if (response.headersSent) {
    // A handler failed mid-stream: the status is already on the wire, so the connection is all we can end.
    response.destroy();
    return;
  }
  const body = Buffer.from(errorPage(outcome, options.detailed), 'utf8');
  response.statusCode = outcome.status;
  response.setHeader('Content-Type', 'text/html; charset=utf-8');
  response.setHeader('Content-Length', body.length);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Cache-Control', 'no-store');
  for (const [name, value] of Object.entries(outcome.headers ?? {})) response.setHeader(name, value);
  response.end(options.head ? undefined : body);
}
