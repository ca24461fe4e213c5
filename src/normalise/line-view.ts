/*
 * A per-line view of the analysis text shared by the boilerplate rules: the trimmed line, whether
 * it is blank or a protected (enumerated) heading, and the rule that marked it as noise, if any.
 */
import type { Line } from "../types.ts";
import type { CompiledBoilerplateRules } from "./boilerplate-rules.ts";

/** One line as the boilerplate rules see it. */
export interface LineView {
  line: Line;
  /** The analysis text of the line, untrimmed (offsets relative to line.start). */
  text: string;
  trimmed: string;
  /** Offset of `trimmed` inside `text`. */
  trimStart: number;
  blank: boolean;
  /** Enumerated headings (一、 (一) 1、 …) are never noise. */
  protected: boolean;
  /** Rule id when the whole line is noise. */
  rule: string | null;
}

/** Build the line views of an analysis text. */
export function createLineViews(text: string, lines: readonly Line[], rules: CompiledBoilerplateRules): LineView[] {
  return lines.map((line) => {
    const raw = text.slice(line.start, line.end);
    const trimStart = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    return {
      line,
      text: raw,
      trimmed,
      trimStart,
      blank: trimmed === "",
      protected: rules.protectedLine.test(trimmed),
      rule: null,
    };
  });
}

/** True for a line that may still be marked: not blank, not protected, not already noise. */
export function isOpen(view: LineView): boolean {
  return !view.blank && !view.protected && view.rule === null;
}

/** Sentence punctuation (after width folding) that a title or a link caption does not contain. */
export const SENTENCE_PUNCTUATION = /[。,;!?，；！？]/;

/** A line that may be a header (a title, a caption): not blank, not numbered, short and without sentence punctuation. */
function isHeaderShaped(view: LineView, maxLength: number): boolean {
  return !view.blank && !view.protected && view.trimmed.length <= maxLength && !SENTENCE_PUNCTUATION.test(view.trimmed);
}

/** True for a short line that reads like a page or article title (ends in a genre word such as 报告/方案, or is 【bracketed】). */
export function isTitleLike(view: LineView, rules: CompiledBoilerplateRules, maxLength: number): boolean {
  const t = view.trimmed;
  if (!isHeaderShaped(view, maxLength)) return false;
  return rules.titleSuffix.test(t) || t.startsWith("【") || namesTitleTopic(view, rules, maxLength);
}

/**
 * A short line without sentence punctuation naming what a report title is about (党建, 支部, 社区 …: titleTopic),
 * not a page's title over a collection of reports (…调研报告（通用2篇）).
 */
export function namesTitleTopic(view: LineView, rules: CompiledBoilerplateRules, maxLength: number): boolean {
  const t = view.trimmed;
  const topic = rules.titleTopic;
  if (topic === null || !isHeaderShaped(view, maxLength)) return false;
  if (topic.collection?.test(t)) return false;
  return topic.regex.test(t) && (t.match(/[\u4e00-\u9fff]/g)?.length ?? 0) >= topic.minChars;
}

/** A short line without sentence punctuation titling a collection of reports (…调研报告锦集3篇, …（通用2篇）). */
export function namesCollection(view: LineView, rules: CompiledBoilerplateRules, maxLength: number): boolean {
  const collection = rules.titleTopic?.collection;
  return collection != null && isHeaderShaped(view, maxLength) && collection.test(view.trimmed);
}
