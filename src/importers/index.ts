/**
 * Importers: other servers' configuration → Usher's native configuration plus a report of what did
 * not carry over (Caddy's config adapters: input → native config + warnings). This file is the
 * folder's only public surface.
 */
export { importIis, type ImportIisOptions, type ImportResult } from './iis/import-iis.js';
export { formatWarning, type ImportWarning } from './iis/warnings.js';
