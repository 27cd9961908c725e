/** Something the import did not carry over, or changed on the way, and where the source said it. */
export interface ImportWarning {
  readonly file: string;
  /** 0 when the warning is about the file as a whole (an option, a missing section). */
  readonly line: number;
  readonly message: string;
}

export interface Place {
  readonly file: string;
  readonly line: number;
}

/**
 * Collects warnings once each: an element read for several sites (server-level settings apply to
 * every site) reports what it lost once, not once per site.
 */
export interface WarningSink {
  warn(place: Place, message: string): void;
  /** Fixes where a file's warnings go in the list: files are listed in the order they are first named here or warned about. */
  fileOrder(file: string): void;
  list(): ImportWarning[];
}

export function createWarningSink(): WarningSink {
  const seen = new Set<string>();
  const warnings: ImportWarning[] = [];
  const fileOrder = new Map<string, number>();
  const order = (file: string) => void (fileOrder.has(file) || fileOrder.set(file, fileOrder.size));
  return {
    fileOrder: order,
    warn(place, message) {
      const key = `${place.file}\u0000${place.line}\u0000${message}`;
      if (seen.has(key)) return;
      seen.add(key);
      order(place.file);
      warnings.push({ file: place.file, line: place.line, message });
    },
    // Files in the order they were read, each in line order: the report reads like the sources.
    list() {
      return warnings
        .map((warning, index) => ({ warning, index }))
        .sort((a, b) => fileOrder.get(a.warning.file)! - fileOrder.get(b.warning.file)! || a.warning.line - b.warning.line || a.index - b.index)
        .map(({ warning }) => warning);
    },
  };
}

/** `file:line: message`, the one line the CLI prints per warning. */
export function formatWarning(warning: ImportWarning): string {
  return warning.line > 0 ? `${warning.file}:${warning.line}: ${warning.message}` : `${warning.file}: ${warning.message}`;
}
