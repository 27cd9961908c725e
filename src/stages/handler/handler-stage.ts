import { refuse, type ContentEntry, type Outcome, type RequestContext, type Stage } from '../../pipeline/index.js';
import { FileInfoCache } from './file-info.js';
import { renderListing } from './listing.js';
import { sendFile } from './send-file.js';

const ALLOW = 'GET, HEAD, OPTIONS';
const OPTIONS_HEADERS = ['Allow', ALLOW, 'Content-Length', '0'];
const LISTING_PLAN_NOTE = { layer: 'handler', verdict: 'pass', detail: 'directory listing' } as const;

function options(context: RequestContext): undefined {
  context.note({ layer: 'handler', verdict: 'pass', detail: `OPTIONS: Allow ${ALLOW}` });
  if (context.response === undefined) {
    context.plan = { kind: 'options' };
    return undefined;
  }
  context.response.writeHead(200, OPTIONS_HEADERS);
  context.response.end();
  return undefined;
}

async function listing(context: RequestContext, entry: ContentEntry): Promise<Outcome | undefined> {
  const location = context.location!;
  if (!location.directoryBrowse.enabled) {
    // No command sets directoryBrowse yet, so the trail names the setting rather than a fix to run.
    context.note({
      layer: 'handler', verdict: 'deny',
      detail: 'a folder with no default document, and directory browsing is disabled (directoryBrowse.enabled in its location)',
    });
    return refuse(403, 14, 0, 'directory browsing is disabled and there is no default document');
  }
  context.note(LISTING_PLAN_NOTE);
  const response = context.response;
  if (response === undefined) {
    context.plan = { kind: 'listing', entry };
    return undefined;
  }
  let items;
  try {
    items = await context.content.list(entry.realPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return refuse(404, 0, 2, 'the folder vanished before it could be listed');
    return refuse(500, 0, code === 'EACCES' ? 5 : 0, `cannot list the folder (${code ?? 'error'})`);
  }
  const body = Buffer.from(renderListing(context.url?.path ?? '/', items, location.requestFiltering), 'utf8');
  response.writeHead(200, [
    'Content-Type', 'text/html; charset=utf-8', 'Content-Length', body.length,
    'X-Content-Type-Options', 'nosniff', 'Cache-Control', 'no-cache',
  ]);
  response.end(context.head.method === 'HEAD' ? undefined : body);
  return undefined;
}

/**
 * ExecuteRequestHandler (DESIGN §1): the static file handler and directory listing. Mapping has
 * already chosen the default document (or answered the 301), and authorization has run the
 * access check for this very file or folder, so what is left is HTTP: verbs, validators, ranges.
 * When explaining (no response), it records what it would do and sends nothing.
 */
export function createHandlerStage(): Stage {
  const files = new FileInfoCache();
  return {
    id: 'handler',
    run(context) {
      const mapped = context.mapped;
      if (mapped === undefined) return refuse(500, 0, 0, 'the handler ran without a mapped request');
      const method = context.head.method;
      if (method !== 'GET' && method !== 'HEAD') {
        if (method === 'OPTIONS') return options(context);
        context.note({ layer: 'handler', verdict: 'deny', detail: `${method} is not a verb the static file handler serves (Allow: ${ALLOW})` });
        return refuse(405, 0, 0, `verb ${method} is not allowed for static content`, { Allow: ALLOW });
      }
      if (mapped.entry.kind === 'directory') return listing(context, mapped.entry);
      const info = files.get(mapped.physicalPath, mapped.entry);
      const response = context.response;
      if (response === undefined) {
        context.note(info.served);
        context.plan = info.plan;
        return undefined;
      }
      return sendFile(context, response, info);
    },
  };
}
