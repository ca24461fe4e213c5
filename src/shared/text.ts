/*
 * Small text helpers shared by normalise, segment, outline and classify.
 */
import type { NoiseRange, Span } from "../types.ts";

/**
 * A line that breaks off mid-sentence: it ends on a Chinese character, a comma, an enumeration comma or an opening
 * quote or bracket (a PDF's line width, a page break, a site's preview chunk), not on a stop, a semicolon or a colon.
 */
export const ENDS_MID_SENTENCE = /[\p{Script=Han}，,、“‘（(]$/u;

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

/**
 * The spans of whole lines judged page boilerplate that overlap `within` (a report): what later stages skip like
 * collapsed duplicates («图片来源于网络，如有侵权联系删除»).
 * @example boilerplateLinesIn(doc.noise, segment.span)
 */
export function boilerplateLinesIn(noise: readonly NoiseRange[], within: Span): Span[] {
  return noise.filter((n) => n.wholeLines && n.span.start < within.end && n.span.end > within.start).map((n) => n.span);
}
