/*
 * Split a document into its reports. A file may hold one report or several pasted together (a
 * scraped 范文 page). Boundaries come from cues in signals.json: an opening paragraph about purpose
 * and method, a title fused onto the first sentence, the top-level numbering restarting at 一、;
 * the boundary then moves back over the new report's unnumbered introduction. Truncated previews
 * that repeat the following lines are collapsed (kept in the report, skipped by later stages).
 */
import { hashKey } from "../shared/hash-key.ts";
import { isUnnumberedSectionHeading } from "../shared/section-headings.ts";
import { isInlineKind, type Marker, scanMarkers } from "../outline/markers.ts";
import type { Diagnostic, Line, NormalisedDocument, ReportSegment, Span } from "../types.ts";
import { matchesAny, SEGMENT_SIGNALS, type SegmentSignals, stripDecoration } from "./signals.ts";

/** A report is long enough to be followed by another one once it has this much text without numbering. */
const MIN_UNNUMBERED_REPORT_CHARS = 1500;
/** A report of a collection page is followed by the next one's label once it has this much text. */
const MIN_MEMBER_REPORT_CHARS = 100;
/** A line repeated inside the next lines is a preview only if it is at least this long. */
const MIN_PREVIEW_CHARS = 12;
const PREVIEW_WINDOW = 6;

export interface SegmentResult {
  reports: ReportSegment[];
  /** All markers of the document (outside noise and collapsed duplicates), sorted by offset. */
  markers: Marker[];
  /** Spans later stages skip: whole-line noise, inline noise and collapsed duplicates. */
  skip: Span[];
  diagnostics: Diagnostic[];
}

interface ContentLine {
  line: Line;
  text: string;
  /** `text` without white space and ">" (compact()), computed once: previews and report ids compare it. */
  compact: string;
  preview: boolean;
  structural: Marker[];
  /** Page boilerplate (whole lines of site chrome) stands between this line and the previous content line. */
  afterNoise: boolean;
}

/**
 * Find the reports in a normalised document.
 * @example const { reports } = segmentDocument(normaliseDocument(doc).document);
 */
export function segmentDocument(doc: NormalisedDocument, signals: SegmentSignals = SEGMENT_SIGNALS): SegmentResult {
  const noiseSpans = doc.noise.map((n) => n.span);
  const content = contentLines(doc);
  markPreviews(content);
  markTableOfContents(content);
  const previewSpans = content.filter((c) => c.preview).map((c) => ({ start: c.line.start, end: c.line.end }));
  const skip = [...noiseSpans, ...previewSpans].sort((a, b) => a.start - b.start);
  const markers = scanMarkers(doc.text, doc.lines, { start: 0, end: doc.text.length }, skip, isUnnumberedSectionHeading);
  attachMarkers(content, markers);
  const starts = findStarts(content, signals);
  const diagnostics: Diagnostic[] = [];
  const reports: ReportSegment[] = [];
  const seen = new Set<string>();
  starts.forEach((s, i) => {
    const end = (starts[i + 1]?.index ?? content.length) - 1;
    const report = makeSegment(doc, content.slice(s.index, end + 1), s.rule, signals);
    if (seen.has(report.id)) {
      diagnostics.push({
        severity: "warning",
        origin: "segment:duplicate-report",
        path: doc.source.path,
        line: report.startLine,
        message: `report at lines ${report.startLine}-${report.endLine} repeats an earlier report of this file; skipped`,
      });
      return;
    }
    seen.add(report.id);
    reports.push(report);
  });
  if (reports.length === 0) {
    diagnostics.push({ severity: "warning", origin: "segment:empty", path: doc.source.path, message: "no report text found" });
  }
  return { reports, markers, skip, diagnostics };
}

function contentLines(doc: NormalisedDocument): ContentLine[] {
  const noiseLines = new Set<number>();
  for (const n of doc.noise) {
    if (!n.wholeLines) continue;
    for (let l = n.startLine; l <= n.endLine; l++) noiseLines.add(l);
  }
  const out: ContentLine[] = [];
  let afterNoise = false;
  for (const line of doc.lines) {
    if (noiseLines.has(line.number)) {
      afterNoise = true;
      continue;
    }
    const text = doc.text.slice(line.start, line.end).trim();
    // trim() removes exactly the white space /\S/ looks past: an empty trimmed line is a blank line.
    if (text.length === 0) continue;
    out.push({ line, text, compact: compact(text), preview: false, structural: [], afterNoise });
    afterNoise = false;
  }
  return out;
}

const compact = (s: string) => s.replace(/[\s>]/g, "");

/** A line whose text reappears within the next few lines is a truncated preview of them. */
function markPreviews(content: ContentLine[]) {
  for (let i = 0; i < content.length; i++) {
    const own = content[i]!.compact;
    if (own.length < MIN_PREVIEW_CHARS) continue;
    let window = "";
    for (let k = i + 1; k < Math.min(content.length, i + 1 + PREVIEW_WINDOW); k++) window += content[k]!.compact;
    if (window.includes(own)) content[i]!.preview = true;
  }
}

/** Lines after a 目录 / 提纲 line that list headings found again later are a table of contents. */
const TOC_LEAD = /^(目录|提纲|目录\/提纲|目录及提纲)[:：]?/;
const TOC_MAX_LINES = 30;
const TOC_MAX_LINE = 80;

/**
 * A table of contents at the top (目录 / 提纲 followed by the headings) is an outline, never a second
 * copy of each statement: its lines are set aside like a preview (kept in the report, skipped later).
 */
function markTableOfContents(content: ContentLine[]) {
  const lead = content.slice(0, 15).findIndex((c) => TOC_LEAD.test(stripDecoration(c.text)));
  if (lead < 0) return;
  const rest = content.slice(lead + 1).map((c) => c.compact);
  const entries: number[] = [];
  let seenLater = 0;
  for (let j = lead + 1; j < Math.min(content.length, lead + 1 + TOC_MAX_LINES); j++) {
    const text = content[j]!.compact;
    const numbered = /^([(（]?[一二三四五六七八九十\d]+[)）、.．]|[一二三四五六七八九十]+[是要])/.exec(text);
    // The body begins where a listed heading comes again.
    if (text.length > TOC_MAX_LINE || !numbered || entries.some((e) => content[e]!.compact === text)) break;
    // The heading without its number, found again further down (an excerpt may have lost the rest).
    const key = text.slice(numbered[0].length, numbered[0].length + 12);
    if (key.length >= 4 && rest.slice(j - lead).some((later) => later.includes(key))) seenLater++;
    entries.push(j);
  }
  if (entries.length < 2 || seenLater === 0) return;
  for (const j of [lead, ...entries]) content[j]!.preview = true;
}

function attachMarkers(content: ContentLine[], markers: Marker[]) {
  const byLine = new Map(content.map((c) => [c.line.number, c]));
  for (const m of markers) {
    // Decimal sub-headings (2.1, 2.1.1) restart at 1 under each section: they never tell where a report starts.
    if (isInlineKind(m.kind) || m.kind === "arabic-decimal" || m.kind === "arabic-decimal-sub") continue;
    byLine.get(m.line)?.structural.push(m);
  }
}

interface Start {
  index: number;
  rule: string;
}

interface ReportState {
  start: number;
  topKind: string | null;
  topMax: number;
  chars: number;
}

function findStarts(content: ContentLine[], signals: SegmentSignals): Start[] {
  if (content.length === 0) return [];
  const starts: Start[] = [{ index: 0, rule: "document-start" }];
  let state: ReportState = { start: 0, topKind: null, topMax: 0, chars: 0 };
  for (let i = 0; i < content.length; i++) {
    const rule = i > 0 ? boundaryRule(content, i, state, signals) : null;
    if (rule) {
      const start = walkBack(content, i, state.start, signals);
      starts.push({ index: start, rule });
      state = { start, topKind: null, topMax: 0, chars: 0 };
      for (let k = start; k < i; k++) updateState(state, content[k]!);
    }
    updateState(state, content[i]!);
  }
  return starts;
}

/** Conventional nesting of structural markers: 一、 (and unnumbered section headings) over （一） over 1、 over （1）. */
const MARKER_RANK: Record<string, number> = { none: 0, "cn-dun": 0, "cn-paren": 1, "arabic-dun": 2, "arabic-paren": 3 };

function updateState(state: ReportState, c: ContentLine) {
  state.chars += c.preview ? 0 : c.text.length;
  for (const m of c.structural) {
    // An excerpt that starts inside a sub-list ("8.…" then "三、…"): the higher kind is the report's top level,
    // and the sub-list restarting at 1 under it is no new report.
    const higher = state.topKind !== null && (MARKER_RANK[m.kind] ?? 9) < (MARKER_RANK[state.topKind] ?? 9);
    if (state.topKind === null || higher) {
      state.topKind = m.kind;
      state.topMax = 0;
    }
    if (m.kind === state.topKind) state.topMax = Math.max(state.topMax, m.ordinal ?? state.topMax + 1);
  }
}

/** Why a new report starts at content line i, or null. */
function boundaryRule(content: ContentLine[], i: number, state: ReportState, signals: SegmentSignals): string | null {
  const c = content[i]!;
  // One report of a collection page (篇二：…, …调研报告篇3) begins at its label once the one before has text.
  if (!c.preview && state.chars >= MIN_MEMBER_REPORT_CHARS && signals.member.test(c.text)) return "collection-member";
  const substantial = state.topMax >= 2 || state.chars >= MIN_UNNUMBERED_REPORT_CHARS;
  if (!substantial || c.preview) return null;
  // A title names its genre before any comma: "一年来，…报送调研报告1篇" is a sentence, not a title.
  const title = signals.title.exec(c.text);
  if (title && !/[,，。;；]/.test(title[1] ?? "") && !c.structural.some((m) => m.atLineStart)) return "title";
  // A list restarting under a numbered section heading (「三、…的对策」 then 一、…) is that section's list,
  // and a paragraph under one is its text: a new report needs a title, or its numbering or opening
  // paragraph after page chrome or after text that is no section heading.
  if (underSectionHeading(content, i, state, signals)) return null;
  // The restart opens its line: a sub-list's (1) inside a paragraph (「第二，…。(1)…」) restarts nothing.
  // (After 「鉴于以上情况，我们建议：」 the restarted list is the report's proposals for what it listed above.)
  if (state.topMax >= 2 && c.structural.some((m) => m.kind === state.topKind && m.ordinal === 1 && m.atLineStart) && !continuesAfterLeadIn(content, i, signals)) return "numbering-restart";
  if (matchesAny(signals.opening, c.text)) {
    const leadsIntoList = content.slice(i, i + 4).some((n) => n.structural.some((m) => m.ordinal === 1 && m.kind === (state.topKind ?? m.kind)));
    if (leadsIntoList) return "opening-paragraph";
    if (matchesAny(signals.strongOpening, c.text) && state.chars >= MIN_UNNUMBERED_REPORT_CHARS) return "opening-paragraph";
  }
  return null;
}

/** Whether content line i follows, with no page chrome between, a short lead-in that refers back or announces proposals. */
function continuesAfterLeadIn(content: ContentLine[], i: number, signals: SegmentSignals): boolean {
  const leadIn = content[i - 1];
  return leadIn !== undefined && !content[i]!.afterNoise && leadIn.text.length <= MAX_LEAD_IN && signals.continuingLeadIn.test(leadIn.text);
}

/** How many content lines (lead-ins ending on a colon) may stand between a section heading and the list it opens. */
const HEADING_LEAD_LINES = 2;
/** A line between a section heading and its list longer than this is body text, not a lead-in. */
const MAX_LEAD_IN = 120;

/**
 * Whether content line i sits right under a numbered section heading of the report before it (「三、加强…
 * 的策略」, 「(二)存在的问题」), with at most a short lead-in between and no title or page chrome: what
 * follows such a heading belongs to its section. The heading must be numbered past the first (a report's
 * own 一、 or (一) may open it).
 */
function underSectionHeading(content: ContentLine[], i: number, state: ReportState, signals: SegmentSignals): boolean {
  // The heading must stand at the level of what follows it or above: 「(三)…」 closing a report's sub-list is
  // no section heading over the next report's 一、.
  const own = content[i]!.structural.find((m) => m.atLineStart)?.kind ?? state.topKind;
  const rank = (kind: string | null) => MARKER_RANK[kind ?? ""] ?? 9;
  for (let k = i - 1; k >= Math.max(0, i - 1 - HEADING_LEAD_LINES); k--) {
    const c = content[k]!;
    if (content[k + 1]!.afterNoise || c.preview) return false;
    if (c.structural.some((m) => m.atLineStart)) {
      const numbered = (m: Marker) => m.atLineStart && m.kind !== "none" && (m.ordinal ?? 0) >= 2 && rank(m.kind) <= rank(own);
      return isHeadingOnly(c) && c.structural.some(numbered);
    }
    // Only a lead-in (「针对上述问题，建议如下：」, 「…提出以下几点建议。」) may stand between: a paragraph of body text
    // ends the section's reach.
    if (signals.title.test(c.text) || c.text.length > MAX_LEAD_IN || !(/[:：]$/.test(c.text) || signals.listLeadIn.test(c.text))) return false;
  }
  return false;
}

/** Move a boundary back over the new report's unnumbered title and introduction. */
function walkBack(content: ContentLine[], i: number, floor: number, signals: SegmentSignals): number {
  let start = i;
  for (let k = i - 1; k > floor; k--) {
    const c = content[k]!;
    if (c.structural.some((m) => m.atLineStart)) break;
    if (matchesAny(signals.closing, c.text) || matchesAny(signals.backref, c.text)) break;
    const prev = content[k - 1];
    if (prev && isHeadingOnly(prev)) break; // c is the body of the previous item
    const intro = matchesAny(signals.opening, c.text) || signals.title.test(c.text) || matchesAny(signals.softIntro, c.text);
    if (!intro && !c.preview) break;
    start = k;
  }
  return start;
}

function isHeadingOnly(c: ContentLine): boolean {
  return c.structural.some((m) => m.atLineStart) && c.text.length < 60 && !/[。！？!?]/.test(c.text);
}

function makeSegment(doc: NormalisedDocument, lines: ContentLine[], rule: string, signals: SegmentSignals): ReportSegment {
  const first = lines[0]!;
  const last = lines[lines.length - 1]!;
  const fresh = lines.filter((c) => !c.preview);
  const title = findTitle(fresh, signals);
  // What is left once inline page noise is cut from the title must still be one (【www.….com--调研报告】 is not).
  const sourced = title ? sourceTitle(doc, title) : null;
  const titleText = sourced !== null && cjkCount(sourced) >= MIN_TITLE ? sourced : null;
  // A report signed off by its unit and a date ends with them; whether it breaks off is read before.
  const body = [...fresh].reverse().find((c) => !matchesAny(signals.signature, stripDecoration(c.text))) ?? last;
  const lastText = doc.text.slice(body.line.start, body.line.end).trim();
  return {
    id: hashKey("report", fresh.map((c) => c.compact).join("\n")),
    startLine: first.line.number,
    endLine: last.line.number,
    span: { start: first.line.start, end: last.line.end },
    title: titleText,
    ...(titleText !== null ? { titleLine: title!.line.line.number } : {}),
    // A page cut short ends mid-sentence, or on the ellipsis a site puts where it cut (「……」, 「…………」).
    truncated: !/[。！？!?…”"」）)]$/.test(lastText) || /(?:…{2,}|\.{3,})$/.test(lastText),
    duplicates: lines.filter((c) => c.preview).map((c) => ({ start: c.line.start, end: c.line.end })),
    startRule: rule,
  };
}


/** The title as written in the source (traditional stays traditional), without page junk glued to it. */
function sourceTitle(doc: NormalisedDocument, found: FoundTitle): string {
  const c = found.line;
  const raw = doc.source.text.slice(c.line.start, c.line.end);
  const start = c.line.start + raw.length - stripDecoration(raw).length + found.from;
  let end = start + found.length;
  for (const n of doc.noise) {
    if (!n.wholeLines && n.span.start >= start && n.span.start < end) end = n.span.start;
  }
  return doc.source.text.slice(start, end).replace(/[\s:：]+$/, "");
}

/** Longest line read as a title of its own. */
const MAX_TITLE = 60;
/** How many lines from a report's top may hold its title (page furniture and bylines come first). */
const TITLE_SCAN = 8;
/** Fewest Chinese characters of a title once trimmed. */
const MIN_TITLE = 4;
/** Below this many Chinese characters a line is a title only when it names what it is about. */
const SHORT_TITLE = 8;
const cjkCount = (s: string) => s.match(/[\u4e00-\u9fff]/g)?.length ?? 0;

interface FoundTitle {
  line: ContentLine;
  /** Where the title starts in the line without decoration, and its length. */
  from: number;
  length: number;
}

/** The part of a title line that is the title: what sites glue to it (signals.titleTrim) removed. */
function trimTitle(text: string, signals: SegmentSignals): { from: number; length: number } {
  let from = 0;
  let to = text.length;
  for (const re of signals.titleTrim) {
    const m = re.exec(text.slice(from, to));
    if (!m || m[0].length === 0) continue;
    if (m.index === 0) from += m[0].length;
    else if (m.index + m[0].length === to - from) to = from + m.index;
  }
  return { from, length: Math.max(0, to - from) };
}

/**
 * The report's title, among its first lines once page furniture is passed over (bylines, 摘要 labels,
 * journal and date lines: signals.notTitle). A line naming a 调研报告 wins (a title fused onto the first
 * sentence keeps only the title part, which names its genre before any comma); otherwise the first
 * short line without sentence punctuation that is followed by a longer paragraph, by furniture or by a
 * copy of itself ("关于…的思考", an article title over its byline). A line that reads like a section
 * heading is a title only when it names what it is about ("…党建存在的问题及对策", not "存在的问题") or
 * stands right before an article's 摘要 (signals.articleFront).
 */
function findTitle(fresh: ContentLine[], signals: SegmentSignals): FoundTitle | null {
  const head: ContentLine[] = [];
  for (const c of fresh.slice(0, TITLE_SCAN)) {
    if (c.structural.some((m) => m.atLineStart && m.kind !== "none")) break;
    head.push(c);
  }
  const furniture = (c: ContentLine) => {
    const t = stripDecoration(c.text);
    return cjkCount(t) < MIN_TITLE || matchesAny(signals.notTitle, t);
  };
  // A line ending on a colon leads into what follows (调查情况：); it is not a title.
  const standalone = (c: ContentLine) => {
    const t = stripDecoration(c.text);
    return t.length <= MAX_TITLE && !/[。！？!?；;:：]$|[。！？!?；;]/.test(t) && !furniture(c);
  };
  const make = (c: ContentLine, text: string): FoundTitle | null => {
    const { from, length } = trimTitle(text, signals);
    return cjkCount(text.slice(from, from + length)) >= MIN_TITLE ? { line: c, from, length } : null;
  };
  for (const c of head.filter((h) => !furniture(h)).slice(0, 4)) {
    const text = stripDecoration(c.text);
    // One report of a collection page under its label (篇一：…, 【篇2】…): the label's line is its title.
    if (signals.member.test(text) && standalone(c)) return make(c, text);
    if (!signals.title.test(text)) continue;
    if (standalone(c)) return make(c, text);
    const fused = signals.title.exec(text)?.[1];
    if (fused && !/[,，;；。]/.test(fused)) return make(c, fused);
  }
  for (let i = 0; i < head.length; i++) {
    const c = head[i]!;
    const text = stripDecoration(c.text);
    // Page furniture, and short lines naming nothing a title is about (a site's column: 纪念文集), come before the title.
    if (furniture(c) || (cjkCount(text) < SHORT_TITLE && !signals.titleTopic?.test(text))) continue;
    const next = fresh[i + 1];
    if (!next) return null;
    const nextText = stripDecoration(next.text);
    // A short line right before an article's 摘要 is its title, even when it reads like a section heading.
    const headingLike = isUnnumberedSectionHeading(text) && !signals.titleTopic?.test(text) && !signals.articleFront.test(nextText);
    if (!standalone(c) || headingLike) return null;
    if (next.text.length > c.text.length || furniture(next) || nextText === text) return make(c, text);
    return null;
  }
  return null;
}
