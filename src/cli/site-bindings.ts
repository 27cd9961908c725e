import {
  bindingText, formatBinding, parseBinding, type BindingConfig, type UsherConfig,
} from '../config/index.js';
import { UsherError } from '../shared/index.js';
import { givenPath } from './content-paths.js';

/** `--certificate` and `--key`, which belong to the one https binding of a command line. */
export interface TlsFiles {
  readonly certificate?: string | undefined;
  readonly key?: string | undefined;
}

/** The one spelling bindings are compared in: `http/*:8080:`, lower-case host. */
export function bindingKey(binding: BindingConfig | string): string {
  return formatBinding(parseBinding(typeof binding === 'string' ? binding : bindingText(binding)));
}

/**
 * Bindings typed on the command line, in the file's form: a string for http, an object with its
 * certificate and key for https. An https binding the site already has keeps its files unless new
 * ones are given.
 */
export function buildBindings(texts: readonly string[], tls: TlsFiles, dir: string, existing: readonly BindingConfig[] = []): BindingConfig[] {
  const keys = texts.map((text) => bindingKey(text));
  const twice = keys.find((key, i) => keys.indexOf(key) !== i);
  if (twice) throw new UsherError('USHER_ERR_CLI_USAGE', `binding '${twice}' is given twice`);
  const https = keys.filter((key) => key.startsWith('https/'));
  const hasFiles = tls.certificate !== undefined || tls.key !== undefined;
  if (hasFiles) {
    if (https.length === 0) {
      throw new UsherError('USHER_ERR_CLI_USAGE', "--certificate and --key belong to an https binding: add one, e.g. --binding 'https/*:443:www.example.test'");
    }
    if (https.length > 1) {
      throw new UsherError('USHER_ERR_CLI_USAGE', `--certificate and --key apply to one https binding, and ${https.length} are given: ` +
        'add the others one at a time with usher site set SITE --add-binding B --certificate FILE --key FILE');
    }
    if (tls.certificate === undefined || tls.key === undefined) {
      throw new UsherError('USHER_ERR_CLI_USAGE', `https binding '${https[0]}' needs both --certificate FILE and --key FILE (PEM files)`);
    }
  }
  return keys.map((key): BindingConfig => {
    if (!key.startsWith('https/')) return key;
    if (hasFiles) return { binding: key, certificate: givenPath(dir, tls.certificate!).stored, key: givenPath(dir, tls.key!).stored };
    const kept = existing.find((binding) => typeof binding !== 'string' && bindingKey(binding) === key);
    if (kept) return kept;
    throw new UsherError('USHER_ERR_CLI_USAGE', `https binding '${key}' needs --certificate FILE and --key FILE (PEM files)`);
  });
}

/** Refuses a binding another site already answers on: the listener could not tell the two apart. */
export function refuseTakenBindings(config: UsherConfig, siteName: string, bindings: readonly BindingConfig[]): void {
  for (const binding of bindings) {
    const key = bindingKey(binding);
    const owner = (config.sites ?? []).find((site) =>
      site.name.toLowerCase() !== siteName.toLowerCase() && (site.bindings ?? []).some((other) => bindingKey(other) === key));
    if (owner) {
      throw new UsherError('USHER_ERR_CFG_EXISTS', `binding '${key}' is already used by site '${owner.name}': ` +
        `use another port or host name, or take it off that site first (usher site set '${owner.name}' --remove-binding '${key}')`);
    }
  }
}

/** TLS files that are not there yet, to warn about: the binding will not listen without them. */
export function missingTlsFiles(dir: string, tls: TlsFiles): string[] {
  return [tls.certificate, tls.key].flatMap((file) => {
    if (file === undefined) return [];
    const path = givenPath(dir, file);
    return path.kind === 'file' ? [] : [`${path.absolute} is not a file yet: the https binding will not listen until it is`];
  });
}
