import { readFileSync } from 'node:fs';

/** `Usher <version>`, as the W3C header's #Software line and the Server header name it. */
export const SOFTWARE = `Usher ${(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version}`;
