/*
 * Runs the boilerplate rules over a normalised text and returns NoiseRanges (whole lines merged
 * into runs per rule, plus inline junk such as a site domain glued to a sentence) and one info
 * diagnostic per range saying what was marked. Nothing is removed from the text.
 */
import type { Diagnostic, Line, NoiseRange } from "../types.ts";
import { compileBoilerplateRules, type BoilerplateRuleSpec, type CompiledBoilerplateRules } from "./boilerplate-rules.ts";
import { markLineRules } from "./line-rules.ts";
import { createLineViews, type LineView } from "./line-view.ts";
import { markByline, markHeaderBlock, markLeadingFrontMatter, markJournalFront, markRelatedLists, markRepeatedTitles, markRunningHeaders, markTableOfContents } from "./structural-rules.ts";
import { matchesOf } from "../shared/regex.ts";
import { ENDS_MID_SENTENCE } from "../shared/text.ts";

/** Noise found in one text and the diagnostics describing it. */
export interface BoilerplateResult {
  noise: NoiseRange[];
  diagnostics: Diagnostic[];
}

const PREVIEW_LENGTH = 30;

/** Find page boilerplate in an analysis text (same offsets as the source text). */
export function findBoilerplate(
  text: string,
  lines: readonly Line[],
  options: { rules?: BoilerplateRuleSpec; path?: string } = {},
): BoilerplateResult {
  const rules = compileBoilerplateRules(options.rules);
  const views = createLineViews(text, lines, rules);
  markLineRules(views, rules);
  markRelatedLists(views, rules);
  markHeaderBlock(views, rules);
  markJournalFront(views, rules);
  markRepeatedTitles(views, rules);
  markByline(views, rules);
  markLeadingFrontMatter(views, rules);
  markRunningHeaders(views, rules);
  markTableOfContents(views);
  const inline = mergeOverlaps([...findInlineNoise(views, rules), ...previewChunkNumbers(views, rules)]);
  const noise = [...wholeLineRanges(views), ...inline].sort((a, b) => a.span.start - b.span.start);
  const diagnostics = noise.map((range) => describe(range, text, options.path));
  return { noise, diagnostics };
}

/**
 * Inline rule matches in lines that are not whole-line noise. A match covering a whole line marks
 * the line instead, unless the line is an enumerated heading (protected lines only get inline noise).
 */
function findInlineNoise(views: LineView[], rules: CompiledBoilerplateRules): NoiseRange[] {
  const ranges: NoiseRange[] = [];
  for (const view of views) {
    if (view.blank || view.rule !== null) continue;
    const found = inlineMatches(view, rules);
    const whole = view.protected ? undefined : found.find((f) => f.from === view.trimStart && f.to === view.trimStart + view.trimmed.length);
    if (whole) view.rule = whole.rule;
    else for (const f of found) ranges.push(inlineRange(view, f.from, f.to, f.rule));
  }
  return mergeOverlaps(ranges);
}

/** Every inline match in one line, trimmed of surrounding spaces, relative to the line start. */
function inlineMatches(view: LineView, rules: CompiledBoilerplateRules): { from: number; to: number; rule: string }[] {
  const found: { from: number; to: number; rule: string }[] = [];
  for (const rule of rules.inlineRules) {
    for (const m of matchesOf(rule.regex, view.text)) {
      const end = m.index + m[0].length;
      const [from, to] = rule.sentence ? sentenceAround(view.text, m.index, end) : [m.index, end];
      const piece = view.text.slice(from, to);
      if (piece.trim() === "") continue;
      found.push({ from: from + piece.length - piece.trimStart().length, to: from + piece.trimEnd().length, rule: rule.id });
    }
  }
  return found;
}

/** A chunk number opening a line (「2、」), and what follows it. */
const CHUNK_NUMBER = /^(\d{1,2})、/;
/**
 * A chunk that runs on from the one before: it opens with punctuation, or the one before breaks off mid-sentence
 * (`ENDS_MID_SENTENCE`; a report's own item ends on a stop, a semicolon or a colon).
 */
const OPENS_MID_SENTENCE = /^[,，、;；:：)）”」]/;

/**
 * The numbers of a document site's preview chunks (「1、…」 「2、,壮大…」: long lines numbered from 1 in order, one running
 * on from the one before mid-sentence): the site's, not the report's items (rule `previewChunks`).
 */
function previewChunkNumbers(views: LineView[], rules: CompiledBoilerplateRules): NoiseRange[] {
  const spec = rules.spec.previewChunks;
  if (!spec) return [];
  const chunks: { view: LineView; length: number }[] = [];
  for (const view of views) {
    if (view.blank || view.rule !== null) continue;
    const m = CHUNK_NUMBER.exec(view.trimmed);
    // The preview's last chunk may be short: it runs on from a chunk that broke off mid-sentence, and ends the preview.
    const prev = chunks[chunks.length - 1];
    if (m && prev && Number(m[1]) === chunks.length + 1 && view.trimmed.length < spec.minChunkChars && ENDS_MID_SENTENCE.test(prev.view.trimmed)) {
      chunks.push({ view, length: m[0].length });
      break;
    }
    if (!m || Number(m[1]) !== chunks.length + 1 || view.trimmed.length < spec.minChunkChars) {
      if (chunks.length > 0) break;
      continue;
    }
    chunks.push({ view, length: m[0].length });
  }
  if (chunks.length < spec.minChunks) return [];
  const runsOn = chunks.some(({ view, length }, k) => k > 0 && (OPENS_MID_SENTENCE.test(view.trimmed.slice(length)) || ENDS_MID_SENTENCE.test(chunks[k - 1]!.view.trimmed)));
  if (!runsOn) return [];
  return chunks.map(({ view, length }) => inlineRange(view, view.trimStart, view.trimStart + length, spec.id));
}

function inlineRange(view: LineView, from: number, to: number, rule: string): NoiseRange {
  const span = { start: view.line.start + from, end: view.line.start + to };
  return { span, startLine: view.line.number, endLine: view.line.number, rule: ruleId(rule), wholeLines: false };
}

function mergeOverlaps(ranges: NoiseRange[]): NoiseRange[] {
  const merged: NoiseRange[] = [];
  for (const range of ranges.sort((a, b) => a.span.start - b.span.start)) {
    const last = merged[merged.length - 1];
    if (last && range.span.start < last.span.end) last.span.end = Math.max(last.span.end, range.span.end);
    else merged.push(range);
  }
  return merged;
}

const SENTENCE_END = /[。!?]/;

/** Grow [from, to) to the sentence around it: after the previous 。!? up to and including the next one. */
function sentenceAround(text: string, from: number, to: number): [number, number] {
  let start = from;
  while (start > 0 && !SENTENCE_END.test(text[start - 1]!)) start--;
  let end = to;
  while (end < text.length && !SENTENCE_END.test(text[end - 1] ?? "")) end++;
  return [start, end];
}

/** Runs of adjacent lines marked by the same rule, one NoiseRange each. */
function wholeLineRanges(views: LineView[]): NoiseRange[] {
  const ranges: NoiseRange[] = [];
  let current = null as NoiseRange | null;
  for (const view of views) {
    const rule = view.rule === null ? null : ruleId(view.rule);
    if (rule !== null && current?.rule === rule && current.endLine === view.line.number - 1) {
      current.endLine = view.line.number;
      current.span.end = view.line.end;
      continue;
    }
    current = null;
    if (rule === null) continue;
    current = { span: { start: view.line.start, end: view.line.end }, startLine: view.line.number, endLine: view.line.number, rule, wholeLines: true };
    ranges.push(current);
  }
  return ranges;
}

function ruleId(id: string): string {
  return `boilerplate:${id}`;
}

function describe(range: NoiseRange, text: string, path: string | undefined): Diagnostic {
  const where = range.startLine === range.endLine ? `line ${range.startLine}` : `lines ${range.startLine}-${range.endLine}`;
  const firstLine = text.slice(range.span.start, range.span.end).split("\n")[0]!.trim();
  const preview = firstLine.length > PREVIEW_LENGTH ? `${firstLine.slice(0, PREVIEW_LENGTH)}…` : firstLine;
  const what = range.wholeLines ? `${where} marked as page boilerplate` : `inline page boilerplate on ${where}`;
  const diagnostic: Diagnostic = {
    severity: "info",
    origin: "normalise:boilerplate",
    line: range.startLine,
    message: `${what} (${range.rule.slice("boilerplate:".length)}): "${preview}"`,
  };
  if (path !== undefined) diagnostic.path = path;
  return diagnostic;
}
