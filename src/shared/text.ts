/*
 * Small text helpers shared by segment, outline and classify.
 */
import type { Span } from "../types.ts";

/** True when any of the regexes matches. */
export function matchesAny(res: RegExp[], s: string): boolean {
  return res.some((re) => re.test(s));
}

/** A line without the Markdown decoration at its start ("# ", "## ", "**", "> "). */
export function stripDecoration(s: string): string {
  return s.replace(/^[\s#>*]+/, "");
}

/** Whether an offset falls inside one of the spans. */
export function inSpans(spans: readonly Span[], offset: number): boolean {
  return spans.some((s) => offset >= s.start && offset < s.end);
}
