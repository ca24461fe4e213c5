/*
 * A report's text as the entity extractors read it: a "compact" view of the normalised text with
 * quotes, brackets of emphasis and white space removed (so “三会一课”制度 reads 三会一课制度), with
 * maps between compact indexes and document offsets, and helpers that turn a match into an Occurrence.
 */
import { lineAt } from "../../normalise/split-lines.ts";
import type { Line, MentionContext, NoiseRange, Occurrence, Span } from "../../types.ts";

export { lineAt };

/** What every entity extractor receives about one report. */
export interface EntityInput {
  /** Normalised document text (same length and offsets as the source; simplified, half-width punctuation). */
  text: string;
  /** Original document text, for surfaces and quotes as written. */
  source: string;
  lines: Line[];
  /** The report's span inside the document. */
  span: Span;
  /** Boilerplate ranges to skip. */
  noise: NoiseRange[];
  /** Optional: passages that repeat earlier text of the report (ReportSegment.duplicates); skipped like noise. */
  duplicates?: Span[];
  /** Section kind at a document offset. */
  contextAt(offset: number): MentionContext;
}

/** Compact view of a report: `text` with dropped characters removed, and index maps. */
export interface TextView {
  input: EntityInput;
  compact: string;
  /** compact index → document offset (length compact.length + 1; the last entry is the end offset). */
  toDoc: number[];
  /** document offset - span.start → compact index of the first kept character at or after it. */
  fromDoc: Int32Array;
  /** 1 at compact indexes where white space was dropped just before: a word boundary for names. */
  gaps: Uint8Array;
}

const DROPPED = /[“”"‘’'「」『』\s>]/u;
/** DROPPED and /\s/ tested once per UTF-16 code unit (bit 1: dropped, bit 2: white space), not once per character of every report. */
const CLASS = (() => {
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    table[c] = (DROPPED.test(ch) ? 1 : 0) | (/\s/u.test(ch) ? 2 : 0);
  }
  return table;
})();
const EMPHASIS = /(\*\*|__)([^*_\n]+?)\1/gu;

/** Build the compact view of the report span, skipping noise (a skipped stretch leaves a "\n" boundary). */
export function buildView(input: EntityInput): TextView {
  const { text, span } = input;
  const skipped = new Uint8Array(span.end - span.start);
  for (const r of [...input.noise.map((n) => n.span), ...(input.duplicates ?? [])]) {
    for (let i = Math.max(r.start, span.start); i < Math.min(r.end, span.end); i++) skipped[i - span.start] = 1;
  }
  const emphasis = emphasisMarkers(text, span);
  const hasEmphasis = emphasis.size > 0;
  // The compact text is built from runs of kept characters (slices of the text), not character by character.
  let compact = "";
  let runStart = -1;
  let length = 0;
  let lastIsBreak = false;
  const toDoc: number[] = [];
  const fromDoc = new Int32Array(span.end - span.start + 1);
  const gapAt: number[] = [];
  for (let i = span.start; i < span.end; i++) {
    fromDoc[i - span.start] = length;
    const code = text.charCodeAt(i);
    let keep: boolean;
    if (skipped[i - span.start] === 1) {
      // A skipped stretch leaves one "\n" boundary (not a character of the text here: the run ends).
      if (runStart >= 0) {
        compact += text.slice(runStart, i);
        runStart = -1;
      }
      if (length > 0 && !lastIsBreak) {
        compact += "\n";
        length++;
        toDoc.push(i);
        lastIsBreak = true;
      }
      continue;
    } else if (code === 10) keep = true;
    else if (hasEmphasis && emphasis.has(i)) {
      gapAt.push(length);
      keep = false;
    } else if ((CLASS[code]! & 1) === 0) keep = true;
    else {
      if ((CLASS[code]! & 2) !== 0) gapAt.push(length);
      keep = false;
    }
    if (keep) {
      if (runStart < 0) runStart = i;
      length++;
      toDoc.push(i);
      lastIsBreak = code === 10;
    } else if (runStart >= 0) {
      compact += text.slice(runStart, i);
      runStart = -1;
    }
  }
  if (runStart >= 0) compact += text.slice(runStart, span.end);
  fromDoc[span.end - span.start] = length;
  toDoc.push(span.end);
  const gaps = new Uint8Array(length + 1);
  for (const g of gapAt) gaps[g] = 1;
  return { input, compact, toDoc, fromDoc, gaps };
}

/**
 * Offsets of Markdown emphasis markers ("**社区党组织统筹能力不强。**"): a pair around a phrase with
 * punctuation or longer than an anonymised name. "**市**中学" keeps its stars (a masked name).
 */
function emphasisMarkers(text: string, span: Span): Set<number> {
  const out = new Set<number>();
  for (const m of text.slice(span.start, span.end).matchAll(EMPHASIS)) {
    const inner = m[2]!;
    if (!/[\p{P}\s]/u.test(inner) && [...inner].length <= 6) continue;
    const at = span.start + m.index;
    const close = at + m[1]!.length + inner.length;
    for (let k = 0; k < m[1]!.length; k++) out.add(at + k).add(close + k);
  }
  return out;
}

/** Document span of a compact range [start, end). */
export function docSpan(view: TextView, start: number, end: number): Span {
  return { start: view.toDoc[start]!, end: view.toDoc[end - 1]! + 1 };
}

/** Compact index of a document offset inside the report. */
export function compactIndex(view: TextView, offset: number): number {
  const rel = Math.min(Math.max(offset - view.input.span.start, 0), view.fromDoc.length - 1);
  return view.fromDoc[rel]!;
}

/** Occurrence for a document span; a quote left open or closed inside the span is completed from outside. */
export function occurrenceAt(input: EntityInput, span: Span): Occurrence {
  let { start, end } = span;
  const inner = input.text.slice(start, end);
  const opens = (inner.match(/[“《「]/gu) ?? []).length;
  const closes = (inner.match(/[”》」]/gu) ?? []).length;
  if (closes > opens && /[“《「]/u.test(input.text[start - 1] ?? "")) start--;
  else if (opens > closes && /[”》」]/u.test(input.text[end] ?? "")) end++;
  const s = { start, end };
  return { line: lineAt(input.lines, s.start), span: s, surface: input.source.slice(s.start, s.end), context: input.contextAt(s.start) };
}

/** Occurrence for a compact range. */
export function occurrenceOf(view: TextView, start: number, end: number): Occurrence {
  return occurrenceAt(view.input, docSpan(view, start, end));
}

const HAN_RE = /\p{Script=Han}/u;
/** HAN_RE tested once per UTF-16 code unit (a lone surrogate is no Han). */
const HAN = (() => {
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) table[c] = HAN_RE.test(String.fromCharCode(c)) ? 1 : 0;
  return table;
})();

/** True when the character is a Han ideograph. */
export function isHan(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  return ch.length === 1 ? HAN[ch.charCodeAt(0)] === 1 : HAN_RE.test(ch);
}

/**
 * A word list indexed by last code unit, for the loops that ask, offset by offset, which words of a long list
 * end there (`text.startsWith(w, at - w.length)`): only the words whose last character is the one before
 * the offset can. Where a word would start before the text (at < the longest word), startsWith clamps
 * its position to 0, so there every word is a candidate, as before.
 */
export interface WordsByLast {
  /** The words that can end at `at` in `text`, in the list's order. */
  endingAt(text: string, at: number): readonly string[];
}

/** Index a word list by last code unit (see WordsByLast). */
export function wordsByLast(words: readonly string[]): WordsByLast {
  const byLast = new Map<number, string[]>();
  let longest = 0;
  for (const w of words) {
    if (w.length === 0) continue;
    longest = Math.max(longest, w.length);
    const last = w.charCodeAt(w.length - 1);
    const list = byLast.get(last);
    if (list) list.push(w);
    else byLast.set(last, [w]);
  }
  // An empty word "ends" everywhere: keep the plain list then.
  const hasEmpty = words.includes("");
  const none: readonly string[] = [];
  return {
    endingAt(text, at) {
      if (hasEmpty || at < longest || at > text.length) return words;
      return byLast.get(text.charCodeAt(at - 1)) ?? none;
    },
  };
}

/** Escape a literal for use inside a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Name key: simplified text without punctuation, symbols or space (how names are compared). */
export function nameKey(name: string): string {
  return name.normalize("NFKC").replace(/[\p{P}\p{S}\s]/gu, "").toLowerCase();
}
