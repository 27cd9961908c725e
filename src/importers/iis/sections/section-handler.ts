import type { WarningSink } from '../warnings.js';
import type { XmlElement } from '../xml-tree.js';
import type { IisLocationState } from './location-state.js';

/** What a section reader may do while it looks at one element of the source, once. */
export interface InspectContext {
  readonly sink: WarningSink;
  /** Where the element applies, for messages: `every site` or a location key. */
  readonly scope: string;
  /** The location key (`SITE` or `SITE/path`) for commands in messages; undefined at server level. */
  readonly locationKey: string | undefined;
  /** The element's secrets are reported by its reader, not by the generic scan. */
  claim(element: XmlElement): void;
  /** An IIS 5/6 `IUSR_<MACHINE>` account was met (ACL import mentions it). */
  noteLegacyAccount(name: string): void;
}

/**
 * One IIS configuration section Usher understands. `inspect` runs once per element and reports what
 * cannot be carried over; `apply` is pure and runs for every location the element reaches, in
 * IIS's order (attributes override, collections apply clear/remove/add in document order).
 */
export interface SectionHandler {
  /** e.g. `system.webServer/security/authorization` */
  readonly path: string;
  /**
   * The part of the state it sets. A section the server level never mentions keeps Usher's default
   * for that part (a stock IIS install's); one it does mention starts from IIS's schema defaults.
   */
  readonly slice: keyof IisLocationState | undefined;
  inspect(element: XmlElement, context: InspectContext): void;
  apply(state: IisLocationState, element: XmlElement): IisLocationState;
}
