/*
 * The state one report's classification builds up, shared by every shape of src/classify/shapes:
 * the outline, the sections found so far, the statements taken so far (each with the rules that
 * fired and a confidence), and the helpers a shape needs to read headings, lines and items.
 */
import { headingSpan } from "../outline/build-outline.ts";
import { hardWrapBreaks } from "../outline/hard-wrap.ts";
import { lineAt } from "../normalise/split-lines.ts";
import { hashKey } from "../shared/hash-key.ts";
import { inSpans } from "../shared/text.ts";
import type { Line, MentionContext, NormalisedDocument, OutlineNode, ReportSegment, SectionKind, Span, Statement, StatementKind, StatementRule } from "../types.ts";
import { POLARITY, polarityOf, type Polarity } from "./polarity.ts";
import { minOf } from "../util/arrays.ts";

/** A statement shorter than this (in characters) is punctuation debris. */
export const MIN_CLAUSE = 4;

/** A classified region of the report. */
export interface Section {
  kind: SectionKind;
  span: Span;
  heading: string;
  line: number;
}

/** What a shape hands to ClassifyContext.add. */
export interface Take {
  kind: StatementKind;
  textSpan: Span;
  span: Span;
  rule: StatementRule;
  confidence: number;
  subPoints?: string[];
  attachedTo?: string;
  /** Shortest text kept (default MIN_CLAUSE): an element of a framed list may be shorter (「存在弱化、虚化等问题」). */
  minChars?: number;
}

/** The end of an item heading that announces how its statement shows (「…，体现在」, 「，主要表现为」). */
const MANIFEST_TAIL = /[,，]\s*(?:主要|具体|集中|突出)?(?:体现|表现)(?:在|为)(?:以下几个方面|几个方面|以下几点)?\s*$/;

export class ClassifyContext {
  readonly sections: Section[] = [];
  readonly statements: Statement[] = [];
  readonly regions: { span: Span; kind: MentionContext }[] = [];
  private readonly ids = new Set<string>();

  constructor(
    readonly doc: NormalisedDocument,
    readonly segment: ReportSegment,
    readonly outline: OutlineNode[],
    /** Spans later stages skip inside this report (collapsed duplicates). */
    readonly skip: Span[],
  ) {}

  get text(): string {
    return this.doc.text;
  }

  skipped(offset: number): boolean {
    return inSpans(this.skip, offset);
  }

  /** An item's heading, read without the hard wraps that break it (its span keeps them: quoted as written). */
  heading(node: OutlineNode): string {
    const raw = this.doc.text.slice(node.headingSpan.start, node.headingSpan.end);
    return raw.includes("\n") ? raw.replace(/\s*\n\s*/g, "") : raw;
  }

  private wrapBreaks: Set<number> | null = null;

  /** The line breaks of the report that are hard wraps (src/outline/hard-wrap.ts), found once. */
  get wraps(): ReadonlySet<number> {
    if (this.wrapBreaks === null) this.wrapBreaks = hardWrapBreaks(this.doc.text, this.doc.lines, this.segment.span);
    return this.wrapBreaks;
  }

  polarity(node: OutlineNode): Polarity {
    return polarityOf(this.heading(node));
  }

  /** The document lines that overlap a span, found by binary search. */
  linesIn(span: Span): Line[] {
    const lines = this.doc.lines;
    if (span.end <= span.start) return [];
    return lines.slice(lineAt(lines, span.start) - 1, lineAt(lines, Math.max(span.start, span.end - 1)));
  }

  /** The report's trimmed lines, read once: several shapes walk them (see textLinesIn). */
  private reportLines: readonly { line: Line; text: string; start: number }[] | null = null;

  /**
   * The lines overlapping a span, each trimmed: its text and the offset where that text starts ("" and the line's start when blank).
   * The report's own lines are built once and shared (read-only).
   */
  textLinesIn(span: Span): readonly { line: Line; text: string; start: number }[] {
    const whole = span.start === this.segment.span.start && span.end === this.segment.span.end;
    if (whole && this.reportLines !== null) return this.reportLines;
    const out = this.linesIn(span).map((line) => {
      const raw = this.doc.text.slice(line.start, line.end);
      const text = raw.trim();
      return { line, text, start: line.start + raw.indexOf(text) };
    });
    if (whole) this.reportLines = out;
    return out;
  }

  /**
   * The text of a span with each hard wrap's line break (src/outline/hard-wrap.ts) read as a space: same
   * length, so offsets stay those of the text, but a sentence broken by a PDF's line width reads as one.
   */
  unwrapped(span: Span): string {
    const text = this.doc.text.slice(span.start, span.end);
    if (this.wraps.size === 0) return text;
    // Code units, not characters: offsets are UTF-16 offsets.
    const units = text.split("");
    for (const at of this.wraps) if (at >= span.start && at < span.end && units[at - span.start] === "\n") units[at - span.start] = " ";
    return units.join("");
  }

  private paragraphs: readonly { line: Line; text: string; start: number }[] | null = null;

  /**
   * The report's trimmed lines (as textLinesIn) with the lines a hard wrap broke joined into one: its line
   * spans them all and its text is read unwrapped (the breaks as spaces, offsets unchanged).
   */
  paragraphLines(): readonly { line: Line; text: string; start: number }[] {
    if (this.paragraphs !== null) return this.paragraphs;
    const lines = this.textLinesIn(this.segment.span);
    if (this.wraps.size === 0) return (this.paragraphs = lines);
    const out: { line: Line; text: string; start: number }[] = [];
    for (const l of lines) {
      const prev = out[out.length - 1];
      if (prev && prev.text && l.text && this.wraps.has(prev.line.end)) {
        const line = { number: prev.line.number, start: prev.line.start, end: l.line.end };
        out[out.length - 1] = { line, start: prev.start, text: this.unwrapped({ start: prev.start, end: l.start + l.text.length }) };
      } else out.push(l);
    }
    return (this.paragraphs = out);
  }

  /** The innermost section of the given kinds holding an offset. */
  sectionAt(offset: number, kinds?: SectionKind[]): Section | null {
    let best: Section | null = null;
    for (const s of this.sections) {
      if (offset < s.span.start || offset >= s.span.end) continue;
      if (kinds && !kinds.includes(s.kind)) continue;
      if (!best || s.span.end - s.span.start < best.span.end - best.span.start) best = s;
    }
    return best;
  }

  private quotes: Span[] | null = null;

  /**
   * Whether an offset lies inside an authority's words quoted as the setting of a report
   * (「总书记…指出：“一些地方…还存在重形式轻内容…的问题”」, `quotedAuthority`): what they name is the
   * background, not the report's finding.
   */
  inQuotedAuthority(offset: number): boolean {
    if (this.quotes === null) {
      this.quotes = [];
      const { start, end } = this.segment.span;
      const text = this.doc.text.slice(start, end);
      for (const m of text.matchAll(POLARITY.quotedAuthority)) {
        const open = start + (m.index ?? 0) + m[0].length;
        const close = this.doc.text.indexOf("”", open);
        if (close > open && close < end) this.quotes.push({ start: open - 1, end: close });
      }
    }
    return inSpans(this.quotes, offset);
  }

  /** Whether an offset lies inside a problem, measure or cause section. */
  inStatementSection(offset: number): boolean {
    return this.sectionAt(offset, ["problem", "measure", "cause"]) !== null;
  }

  /** Whether an offset lies inside a statement already taken (its whole item). */
  claimed(offset: number): boolean {
    return this.statements.some((s) => offset >= s.span.start && offset < s.span.end);
  }

  /** Whether a span overlaps a statement already taken (its whole item). */
  overlapsClaimed(span: Span): boolean {
    return this.statements.some((s) => span.start < s.span.end && s.span.start < span.end);
  }

  /** Offset of the report's first problem, or null. */
  firstProblem(): number | null {
    const starts = this.statements.filter((s) => s.kind === "problem").map((s) => s.textSpan.start);
    return starts.length ? minOf(starts) : null;
  }

  /**
   * The statement text of an item: the heading, or what follows a label heading
   * (「最突出的问题：…」), or the shortfall clause of a heading that pairs an achievement with a
   * shortfall (「…取得成效，但…不够」). Returns the span and the refinement that applied.
   */
  itemText(node: OutlineNode, kind: StatementKind): { span: Span; refinement: string | null } {
    const hs = node.headingSpan;
    const heading = this.doc.text.slice(hs.start, hs.end);
    const after = this.doc.text.slice(hs.end, hs.end + 2);
    const label = kind === "measure" ? POLARITY.measureLabel : POLARITY.problemLabel;
    if (/^[:：]\s*\S/.test(after) && label.test(heading)) {
      return { span: headingSpan(this.doc.text, hs.end + 1, node.span.end), refinement: "label-heading" };
    }
    // 「1. 宣传形式:应创新…」: a measure item whose heading only names its topic; the measure follows the colon.
    if (kind === "measure" && /^[:：]\s*\S/.test(after) && heading.length <= 12 && polarityOf(heading) === "neutral") {
      const body = headingSpan(this.doc.text, hs.end + 1, node.span.end);
      const said = this.doc.text.slice(body.start, body.end).trim();
      // The modal may follow a short subject (「乡镇需要加强…」).
      if (POLARITY.modalPrescription.test(said.replace(/^[^,，。]{1,8}?(?=(应当?|应该|要|需要?|必须)[\u4e00-\u9fff])/, ""))) return { span: body, refinement: "topic-label" };
    }
    // "最普遍的问题: 农村党员…" with a space after the colon stays one heading: cut it at the colon.
    const colon = heading.search(/[:：]/);
    if (colon > 0 && colon <= 14 && label.test(heading.slice(0, colon).trim())) {
      const from = hs.start + colon + 1;
      const lead = this.doc.text.slice(from, hs.end).length - this.doc.text.slice(from, hs.end).trimStart().length;
      if (hs.end - from - lead >= MIN_CLAUSE) return { span: { start: from + lead, end: hs.end }, refinement: "label-heading" };
    }
    // 「一是A落实不够到位，体现在：B，C」: the words announcing how it shows are no part of the statement.
    const shows = MANIFEST_TAIL.exec(heading);
    const end = shows && shows.index >= MIN_CLAUSE ? hs.start + shows.index : hs.end;
    if (kind === "problem") {
      const cut = shortfallStart(heading.slice(0, end - hs.start));
      if (cut > 0) return { span: { start: hs.start + cut, end }, refinement: "shortfall-clause" };
    }
    return end < hs.end ? { span: { start: hs.start, end }, refinement: "manifest-tail" } : { span: hs, refinement: null };
  }

  /**
   * One statement per part of a statement split into several (its sides, clauses or list elements, `label`): the
   * first part holds the whole `span` (the rest of it elaborates, no other shape reads it), each later one itself.
   */
  addParts(parts: readonly Span[], span: Span, take: Omit<Take, "textSpan" | "span">, label: string): void {
    parts.forEach((part, k) => {
      const rule = { id: take.rule.id, detail: `${take.rule.detail} > ${label} ${k + 1}/${parts.length}` };
      this.add({ ...take, textSpan: part, span: k === 0 ? span : part, rule });
    });
  }

  /** Record a statement; null when it is debris or repeats one already taken. */
  add(take: Take): Statement | null {
    const { kind, span, rule, confidence } = take;
    // A statement ends at its paragraph: a blank line inside it is a page's seam (a preview chunk's number, a page
    // break), not part of what it says.
    const raw = this.doc.text.slice(take.textSpan.start, take.textSpan.end);
    const seam = raw.search(/\n[ \t\u3000]*\n/);
    const textSpan = seam > 0 ? { start: take.textSpan.start, end: take.textSpan.start + seam } : take.textSpan;
    const normText = (seam > 0 ? raw.slice(0, seam) : raw).trim();
    if (normText.length < (take.minChars ?? MIN_CLAUSE)) return null;
    // An abstract's or a keyword list's English translation states nothing of the report's own (kg reads Chinese reports).
    if (isForeign(normText)) return null;
    // A heading cut off by the page (「二、项…………」) keeps a character or two and dots: it says nothing.
    if ((normText.match(/\p{Script=Han}/gu)?.length ?? 0) < 2) return null;
    const id = hashKey(this.segment.id, kind, normText.replace(/[\s\p{P}]/gu, ""));
    if (this.ids.has(id)) return null; // a repeated passage states nothing new
    this.ids.add(id);
    // Skip the white space trim() dropped in front (without copying the rest of the document per statement).
    let start = textSpan.start;
    while (start < textSpan.end && /\s/.test(this.doc.text[start]!)) start += 1;
    const statement: Statement = {
      id,
      reportId: this.segment.id,
      kind,
      text: this.doc.source.text.slice(start, start + normText.length),
      normText,
      span,
      textSpan: { start, end: start + normText.length },
      line: lineAt(this.doc.lines, start),
      rule: `${rule.id}: ${rule.detail}`,
      rules: [rule],
      confidence,
      subPoints: take.subPoints ?? [],
      ...(take.attachedTo ? { attachedTo: take.attachedTo } : {}),
    };
    this.statements.push(statement);
    return statement;
  }
}

/** Text that is mostly Latin letters: fewer than two Han characters, or more than twice as many letters as Han. */
function isForeign(text: string): boolean {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  return latin > 0 && (han < 2 || latin > 2 * han);
}

/**
 * Where the shortfall clause of a heading begins when the heading pairs an achievement (or a neutral
 * clause) with a shortfall after a contrast word or comma; 0 when the heading is one evaluation.
 */
export function shortfallStart(heading: string): number {
  const parts = [...heading.matchAll(/[^,，;；]+/g)];
  if (parts.length < 2) return 0;
  const pol = parts.map((p) => polarityOf(p[0]));
  const firstNeg = pol.indexOf("negative");
  if (firstNeg <= 0) return 0;
  const before = pol.slice(0, firstNeg);
  const contrast = POLARITY.contrastLead.exec(parts[firstNeg]![0].trim());
  // 仍/还 ("still") contrast only with an achievement: after a bare subject ("一些…企业，仍未建立") they continue it.
  if (!before.includes("achievement") && (!contrast || POLARITY.stillLead.test(contrast[0]))) return 0;
  const p = parts[firstNeg]!;
  const lead = p[0].length - p[0].trimStart().length;
  return (p.index ?? 0) + lead + (contrast ? contrast[0].length : 0);
}

/** All nodes of an outline in document order. */
export function collectNodes(nodes: OutlineNode[]): OutlineNode[] {
  // Pre-order with an explicit stack: no recursion or spread that grows with the outline.
  const out: OutlineNode[] = [];
  const stack: OutlineNode[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) stack.push(nodes[i]!);
  while (stack.length > 0) {
    const n = stack.pop()!;
    out.push(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}

/** Inline step markers that one list may mix (首先 … 二是 …). */
const STEP_KINDS = new Set<string>(["cn-shi", "ordinal-word"]);

/**
 * Sibling lists: runs of consecutive nodes of one marker kind whose numbering does not restart
 * (a second 一是 list under the same parent is a list of its own).
 */
export function siblingLists(nodes: OutlineNode[]): OutlineNode[][] {
  const lists: OutlineNode[][] = [];
  let run: OutlineNode[] = [];
  for (const n of nodes) {
    const prev = run[run.length - 1];
    // 「首先是…。二是…」: ordinal words and 一是-markers mix in one list when the numbering runs on.
    const steps = prev && STEP_KINDS.has(n.markerKind) && STEP_KINDS.has(prev.markerKind) && n.ordinal !== null && n.ordinal === (prev.ordinal ?? -1) + 1;
    const restart = prev && ((n.markerKind !== prev.markerKind && !steps) || (n.ordinal === 1 && prev.ordinal !== null));
    if (restart) {
      lists.push(run);
      run = [];
    }
    run.push(n);
  }
  if (run.length) lists.push(run);
  return lists;
}

/** Every sibling list of the outline with its parent (null for the top level). */
export function allLists(outline: OutlineNode[]): { parent: OutlineNode | null; items: OutlineNode[] }[] {
  const out: { parent: OutlineNode | null; items: OutlineNode[] }[] = siblingLists(outline).map((items) => ({ parent: null, items }));
  for (const n of collectNodes(outline)) for (const items of siblingLists(n.children)) out.push({ parent: n, items });
  return out;
}
