/**
 * The decision trail: what each layer concluded about a request, in order. Served requests keep it
 * (the tracing view and alerts read it) and `usher explain` prints it.
 */
export type Layer = 'filtering' | 'site' | 'mapping' | 'identity' | 'url-rules' | 'acl' | 'handler';

/** `pass`: the layer let the request on; `deny`: it decided the refusal; `info`: context worth showing. */
export type Verdict = 'pass' | 'deny' | 'info';

export interface Decision {
  readonly layer: Layer;
  readonly verdict: Verdict;
  /** One line for people, e.g. `/reports/q3.pdf (canonical)` or `allow users="*" (location www)`. */
  readonly detail: string;
  /** A command that would change the outcome, where one exists (the explainer shows the last one). */
  readonly fix?: string;
}
