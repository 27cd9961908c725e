import {
  anonymousAuthentication, basicAuthentication, clientCertificateMappingAuthentication, digestAuthentication,
  iisClientCertificateMappingAuthentication, windowsAuthentication,
} from './authentication.js';
import { authorization } from './authorization.js';
import { access, defaultDocument, directoryBrowse, httpErrors, httpLogging } from './content.js';
import { requestFiltering } from './request-filtering.js';
import type { SectionHandler } from './section-handler.js';

/** Every section Usher reads from `system.webServer`, by path. */
export const SECTION_HANDLERS: ReadonlyMap<string, SectionHandler> = new Map(
  [
    anonymousAuthentication, basicAuthentication, windowsAuthentication, digestAuthentication,
    clientCertificateMappingAuthentication, iisClientCertificateMappingAuthentication,
    authorization, requestFiltering, access, directoryBrowse, defaultDocument, httpErrors, httpLogging,
  ].map((handler) => [handler.path, handler]),
);

/** Section groups IIS ships; their children are sections (or further groups). */
export const STOCK_SECTION_GROUPS: ReadonlySet<string> = new Set([
  'system.webServer', 'system.webServer/security', 'system.webServer/security/authentication', 'system.applicationHost',
  'system.ftpServer', 'system.ftpServer/security',
]);

/**
 * Why a section IIS has is not carried over, for the report. Sections not listed here are
 * reported as unknown. Whole non-IIS groups (`system.web`, `system.net` …) are reported once.
 */
const REASONS: readonly (readonly [RegExp, string])[] = [
  [/^system\.webServer\/(globalModules|modules)$/, 'Usher has a fixed pipeline (filtering, mapping, authentication, authorization, static files), not loadable modules'],
  [/^system\.webServer\/handlers$/, 'Usher serves static files and has no handler mappings (no ISAPI, CGI, FastCGI or managed handlers yet)'],
  [/^system\.webServer\/(fastCgi|cgi|isapiFilters|asp|security\/isapiCgiRestriction|aspNetCore|iisnode|webSocket|serverSideInclude)$/, 'Usher runs no dynamic content handlers yet'],
  [/^system\.webServer\/(rewrite|httpRedirect)/, 'Usher has no URL rewriting or redirection rules'],
  [/^system\.webServer\/(staticContent)$/, 'Usher picks MIME types by extension from its own table'],
  [/^system\.webServer\/(httpProtocol)$/, 'Usher has no custom response headers'],
  [/^system\.webServer\/(httpCompression|urlCompression|caching)$/, 'Usher has no compression or output caching settings'],
  [/^system\.webServer\/(security\/ipSecurity|security\/dynamicIpSecurity)$/, 'Usher has no IP address restrictions'],
  [/^system\.webServer\/(tracing|httpTracing)/, 'Usher has no failed-request tracing'],
  [/^system\.webServer\/(serverRuntime|applicationInitialization|odbcLogging|management|webdav|proxy)/, 'Usher has no such feature'],
  [/^system\.applicationHost\/(webLimits|listenerAdapters|customMetadata|serviceAutoStartProviders|configHistory|dynamicIpSecurity|webFarms)$/, 'Usher has no such server-wide setting'],
  [/^system\.ftpServer/, 'Usher does not serve FTP'],
  [/^system\.web$/, 'ASP.NET settings: Usher runs no ASP.NET'],
  [/^webFarms$/, 'Usher has no web farms or reverse proxy (Application Request Routing)'],
  [/^(system\.serviceModel|system\.net|system\.webExtensions|runtime|startup|system\.codedom|appSettings|connectionStrings|system\.data)$/, '.NET application settings: Usher runs no .NET'],
];

export function unsupportedReason(path: string): string {
  return REASONS.find(([pattern]) => pattern.test(path))?.[1] ?? 'Usher does not know this section';
}

/**
 * Sections whose stock content is IIS plumbing (the module list, the listener adapters): reported
 * only when present with content, and ones that are never reported because nothing in them
 * describes behaviour a site relies on.
 */
export const SILENT_SECTIONS: ReadonlySet<string> = new Set([
  'system.applicationHost/configHistory', 'system.applicationHost/customMetadata', 'system.applicationHost/listenerAdapters',
  'system.applicationHost/webLimits', 'system.webServer/globalModules',
]);
