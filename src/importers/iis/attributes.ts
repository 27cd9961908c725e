import type { WarningSink } from './warnings.js';
import type { XmlElement } from './xml-tree.js';

/** Attributes that steer IIS's configuration system itself; the locking module reads them. */
const STRUCTURAL = /^(lockAttributes|lockAllAttributesExcept|lockElements|lockAllElementsExcept|lockItem|xmlns(:.*)?|xdt:.*|configSource)$/;

interface Lost {
  readonly text: string;
  readonly reason: string;
}

/**
 * Reads an element's attributes and accounts for each one: taken into usher.yaml, equal to IIS's
 * default (nothing lost), or not carried over with a reason. `done` reports the lost ones in one
 * warning per element, so nothing in the source disappears without a line in the report.
 */
export interface AttributeReader {
  /** The value, and the attribute counts as carried over. */
  take(name: string): string | undefined;
  /** Not carried over; reported unless absent or equal (case-insensitively) to one of `defaults`. */
  drop(name: string, reason: string, defaults?: readonly string[]): void;
  /** Reports what was dropped and every attribute nobody asked about. */
  done(subject: string): void;
}

export function readAttributes(element: XmlElement, sink: WarningSink): AttributeReader {
  const seen = new Set<string>();
  const lost: Lost[] = [];
  return {
    take(name) {
      seen.add(name);
      return element.attributes.get(name);
    },
    drop(name, reason, defaults = []) {
      seen.add(name);
      const value = element.attributes.get(name);
      if (value === undefined) return;
      const folded = value.trim().toLowerCase();
      if (defaults.some((candidate) => candidate.toLowerCase() === folded)) return;
      lost.push({ text: `${name}="${value}"`, reason });
    },
    done(subject) {
      for (const name of element.attributes.keys()) {
        if (!seen.has(name) && !STRUCTURAL.test(name)) lost.push({ text: `${name}="${element.attributes.get(name)}"`, reason: 'not an attribute Usher knows' });
      }
      if (lost.length === 0) return;
      const byReason = new Map<string, string[]>();
      for (const item of lost) byReason.set(item.reason, [...(byReason.get(item.reason) ?? []), item.text]);
      const parts = [...byReason].map(([reason, texts]) => `${texts.join(', ')} (${reason})`);
      sink.warn(element, `${subject}: not carried over: ${parts.join('; ')}`);
    },
  };
}
