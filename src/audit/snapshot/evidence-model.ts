/** One request as a site's W3C log recorded it; fields the log did not carry are undefined. */
export interface W3cRecord {
  /** `date` + `time`, UTC, in ms since the epoch. */
  readonly time: number;
  readonly method: string | undefined;
  /** As logged: the path as received, `%xx` escapes kept. */
  readonly uriStem: string | undefined;
  readonly uriQuery: string | undefined;
  /** The signed-in user; undefined for anonymous requests (`-`). */
  readonly username: string | undefined;
  readonly clientIp: string | undefined;
  readonly status: number | undefined;
  readonly substatus: number | undefined;
  readonly win32: number | undefined;
}

export interface SiteEvidence {
  readonly site: string;
  /** The site's log folder (`W3SVC<id>` under server.logging.directory unless the site sets one). */
  readonly directory: string;
  /** Log files read, oldest first. */
  readonly files: readonly string[];
  /** Records inside the window, oldest first. */
  readonly records: readonly W3cRecord[];
  /** The earliest moment the logs show (a record or a `#Date` header) inside the window. */
  readonly from: number | undefined;
  /** The latest record. */
  readonly to: number | undefined;
  /**
   * Days of the window the logs cover: from `from` to the moment of the snapshot. A site that was
   * logging but got no requests yesterday still covers yesterday; a site whose logs start last
   * week covers a week, however busy it was.
   */
  readonly coveredDays: number;
}

export interface EvidenceModel {
  /** The window asked for (`--evidence-days`, default 30); 0 when evidence was not read. */
  readonly windowDays: number;
  /**
   * Sites with logging enabled, and what their logs hold. For a rule that declares
   * `meta.evidence`, the engine keeps only the sites whose logs cover enough days.
   */
  readonly sites: readonly SiteEvidence[];
}
