/*
 * Loads the segmentation cues (src/segment/signals.json) as compiled regexes.
 */
import { compileBoilerplateRules } from "../normalise/boilerplate-rules.ts";
import raw from "./signals.json" with { type: "json" };

/** Compiled cues for report boundaries. */
export interface SegmentSignals {
  opening: RegExp[];
  strongOpening: RegExp[];
  softIntro: RegExp[];
  title: RegExp;
  /** The label or numbered title of one report of a collection page (篇一：…, …调研报告篇3). */
  member: RegExp;
  /** The front matter of a journal article (摘要, 关键词): the short line before it is the title. */
  articleFront: RegExp;
  closing: RegExp[];
  backref: RegExp[];
  /** Sign-off lines after the text: the unit that wrote it, a date. */
  signature: RegExp[];
  /** Lines near the top that are never a title: bylines, 摘要 / 引言 labels, journal issue and date lines, affiliations. */
  notTitle: RegExp[];
  /** What a title is about; a first line that reads like a section heading is a title only when it names one. */
  titleTopic: RegExp | null;
  /** What sites glue to a title (全文字数, a file extension, 标题:), removed from it. */
  titleTrim: RegExp[];
  /** A lead-in that announces a list and ends on a full stop (「…提出以下几点建议。」). */
  listLeadIn: RegExp;
  /** A short line ending on a colon that refers back or announces proposals (「鉴于以上情况，我们建议：」): a list restarting after it continues the report. */
  continuingLeadIn: RegExp;
}

const compile = (list: string[]) => list.map((s) => new RegExp(s));

/** The shipped cues. */
export const SEGMENT_SIGNALS: SegmentSignals = {
  opening: compile(raw.opening),
  strongOpening: compile(raw.strongOpening),
  softIntro: compile(raw.softIntro),
  title: new RegExp(raw.title),
  member: new RegExp(raw.member),
  articleFront: new RegExp(raw.articleFront),
  closing: compile(raw.closing),
  backref: compile(raw.backref),
  signature: compile(raw.signature),
  notTitle: compile(raw.notTitle),
  titleTopic: compileBoilerplateRules().titleTopic?.regex ?? null,
  titleTrim: compile(raw.titleTrim),
  listLeadIn: new RegExp(raw.listLeadIn),
  continuingLeadIn: new RegExp(raw.continuingLeadIn),
};

export { matchesAny, stripDecoration } from "../shared/text.ts";
