/*
 * Whether a short unnumbered line that names a section (「…存在的问题及对策」, 「现实问题」) really is a section
 * heading of the report, judged by where it stands and what surrounds it, not by its words alone. A page's
 * title or a repeat of it, a subtitle, the line before an abstract and a keyword line name the report's
 * subject: read as a heading they would make the abstract, the keywords, page numbers and background
 * the statements of a problem or measure section. The cues are data (src/classify/sections.json,
 * `headingLines`).
 */
import raw from "../classify/sections.json" with { type: "json" };
import { classifyHeading, isMixedHeading } from "../shared/section-headings.ts";
import { boilerplateLinesIn, inSpans } from "../shared/text.ts";
import type { NormalisedDocument, ReportSegment } from "../types.ts";
import { headingSpan } from "./build-outline.ts";
import type { Marker } from "./markers.ts";

const CUES = {
  subtitle: new RegExp(raw.headingLines.subtitle),
  abstractLabel: new RegExp(raw.headingLines.abstractLabel, "i"),
  documentNumber: new RegExp(raw.headingLines.documentNumber),
  pageTitle: new RegExp(raw.headingLines.pageTitle),
  keywordSeparator: new RegExp(raw.headingLines.keywordSeparator),
};

/** Longest keyword of a keyword line without its label. */
const MAX_KEYWORD = 8;
/** Shortest run a heading must share with an earlier line to repeat it. */
const MIN_REPEAT = 8;
/** A body paragraph: a line with a full stop, or at least this long. */
const MIN_BODY_LINE = 60;

/**
 * Why an unnumbered section-like line of a report is not a section heading, or null when it is one.
 * `markers` are the report's markers in order (the line's own among them).
 * @example notSectionHeading(doc, segment, marker, markers) // "the line before an abstract"
 */
export function notSectionHeading(doc: NormalisedDocument, segment: ReportSegment, marker: Marker, markers: readonly Marker[]): string | null {
  if (marker.kind !== "none") return null;
  const text = doc.text;
  const line = doc.lines[marker.line - 1];
  if (!line) return null;
  const heading = text.slice(marker.start, line.end).trim();
  if (segment.title !== null && marker.line === (segment.titleLine ?? segment.startLine)) return "the report's title line";
  if (CUES.subtitle.test(heading)) return "a subtitle";
  if (CUES.pageTitle.test(heading)) return "a page title (site label | title)";
  const next = nextContentLine(doc, segment, marker.line);
  if (next !== null && CUES.abstractLabel.test(next)) return "the line before an abstract or keyword line";
  // Keyword lines and numbered title repeats stand in the report's head.
  const earlier = marker.line - segment.startLine <= HEAD_LINES ? earlierLines(doc, segment, marker.line) : [];
  if (isKeywordLine(heading, earlier.join("\n"))) return "a keyword line (its terms are the title's)";
  if (CUES.documentNumber.test(heading) && earlier.some((l) => repeats(heading.replace(CUES.documentNumber, ""), l))) {
    return "a repeat of the page title with a document number";
  }
  // 「X研究与对策*」 again under the byline: a line naming measures that repeats an earlier line of the page's head
  // (each holds most of the other), above the report's first paragraph, is the page's title printed twice; read as a
  // measure section it would make the byline and the introduction measures. (A repeated title naming problems,
  // 「学校党建工作中存在的问题」 over its own items, stays a problem section.)
  const own = heading.replace(/[*＊\s]+$/, "");
  if (classifyHeading(own) === "measure" && !bodyBefore(doc, segment, marker.line)) {
    if (pageHeadLines(doc, marker.line).some((l) => { const t = l.replace(/[*＊\s]+$/, ""); return repeats(own, t) && repeats(t, own); })) {
      return "a repeat of the page's title above the report's first paragraph";
    }
  }
  // 「提升X质效的对策建议」 on the line under the report's title, above its first paragraph and over numbered sections of
  // its own: a subtitle naming what the report offers, not a section (its background paragraphs would be measures).
  if (classifyHeading(own) === "measure" && own.length >= MIN_SUBTITLE && !bodyBefore(doc, segment, marker.line)
    && underTitle(doc, segment, marker.line) && sectionsBelow(text, markers, marker, segment.span.end)) {
    return "a subtitle under the report's title, above its own sections";
  }
  // A heading naming both problems and measures, above the report's first paragraph and over sections of
  // its own, names the whole report: it is its title.
  if (isMixedHeading(heading) && !bodyBefore(doc, segment, marker.line) && sectionsBelow(text, markers, marker, segment.span.end)) {
    return "a title naming problems and measures above the report's own sections";
  }
  return null;
}

/** Shortest subtitle: a bare 「对策建议」 under a title is the report's first section. */
const MIN_SUBTITLE = 10;

/** Whether the last line before `lineNo` that is neither blank nor page boilerplate is the report's title, or a copy of it. */
function underTitle(doc: NormalisedDocument, segment: ReportSegment, lineNo: number): boolean {
  if (segment.title === null) return false;
  const noise = boilerplateLinesIn(doc.noise, segment.span);
  for (let n = lineNo - 1; n >= segment.startLine; n--) {
    const l = doc.lines[n - 1];
    if (!l || inSpans(noise, l.start)) continue;
    const t = doc.text.slice(l.start, l.end).trim();
    if (t === "") continue;
    return n === (segment.titleLine ?? segment.startLine) || (repeats(segment.title, t) && repeats(t, segment.title));
  }
  return false;
}

/** How many lines from the report's start its head (title, byline, abstract, keywords) is looked for in. */
const HEAD_LINES = 40;

/**
 * The report's non-blank lines before a line, within its head (skipping none: a title repeated in chrome is
 * still a repeat). Bounded, so a long report with many bare headings costs no more than a short one.
 */
function earlierLines(doc: NormalisedDocument, segment: ReportSegment, lineNo: number): string[] {
  const out: string[] = [];
  const last = Math.min(lineNo - 1, segment.startLine - 1 + HEAD_LINES);
  for (let n = segment.startLine; n <= last; n++) {
    const l = doc.lines[n - 1];
    if (!l) break;
    const t = doc.text.slice(l.start, l.end).trim();
    if (t) out.push(t);
  }
  return out;
}

/** The page's non-blank lines before a line, from the page's start (the title may precede the report's own start). */
function pageHeadLines(doc: NormalisedDocument, lineNo: number): string[] {
  const out: string[] = [];
  for (let n = Math.max(1, lineNo - HEAD_LINES); n < lineNo; n++) {
    const l = doc.lines[n - 1];
    if (!l) break;
    const t = doc.text.slice(l.start, l.end).trim();
    if (t) out.push(t);
  }
  return out;
}

function nextContentLine(doc: NormalisedDocument, segment: ReportSegment, lineNo: number): string | null {
  for (let i = lineNo; i < doc.lines.length; i++) {
    const l = doc.lines[i]!;
    if (l.start >= segment.span.end) return null;
    const t = doc.text.slice(l.start, l.end).trim();
    if (t) return t;
  }
  return null;
}

/** Whether a body paragraph (not page boilerplate) stands in the report before a line. */
function bodyBefore(doc: NormalisedDocument, segment: ReportSegment, lineNo: number): boolean {
  // Past the head, a body paragraph has been met (and the walk stays short).
  if (lineNo - segment.startLine > HEAD_LINES) return true;
  const noise = boilerplateLinesIn(doc.noise, segment.span);
  for (let n = segment.startLine; n < lineNo; n++) {
    const l = doc.lines[n - 1];
    if (!l) break;
    if (inSpans(noise, l.start)) continue;
    const t = doc.text.slice(l.start, l.end).trim();
    if (/[。！？!?]/.test(t) || t.length >= MIN_BODY_LINE) return true;
  }
  return false;
}

/** Whether a later marker of the report opens a section of its own (一、基本情况, 二、存在的问题 …). */
function sectionsBelow(text: string, markers: readonly Marker[], marker: Marker, end: number): boolean {
  const i = markers.indexOf(marker);
  for (let k = i + 1; k < markers.length; k++) {
    const m = markers[k]!;
    const hs = headingSpan(text, m.end, markers[k + 1]?.start ?? end);
    if (classifyHeading(text.slice(hs.start, hs.end)) !== null) return true;
  }
  return false;
}

/** 「支部建设、作用发挥、突出问题」: three short terms or more, each already in the report's title or head. */
function isKeywordLine(heading: string, before: string): boolean {
  const terms = heading.split(CUES.keywordSeparator).filter((t) => t.length > 0);
  if (terms.length < 3 || terms.some((t) => t.length > MAX_KEYWORD)) return false;
  return terms.every((t) => before.includes(t));
}

/** Whether `line` holds most of `heading` as one run (a title repeated before the document's own copy). */
function repeats(heading: string, line: string): boolean {
  const h = heading.trim();
  if (h.length < MIN_REPEAT) return false;
  const need = Math.max(MIN_REPEAT, Math.ceil(h.length * 0.7));
  for (let a = 0; a + need <= h.length; a++) {
    if (line.includes(h.slice(a, a + need))) return true;
  }
  return false;
}
