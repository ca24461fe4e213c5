/*
 * Classify a report's outline into sections (situation, practice, problem, cause, measure) and
 * take the problem, measure and cause statements the report enumerates. Enumerated sub-points stay
 * under their parent item; causes written under one problem ("原因分析：…") are attached to it.
 * Every statement records the rule that classified it.
 */
import { hashKey } from "../graph/keys.ts";
import { buildOutline, headingSpan } from "../outline/build-outline.ts";
import type { Marker } from "../outline/markers.ts";
import type {
  Line,
  MentionContext,
  NormalisedDocument,
  OutlineNode,
  ReportSegment,
  SectionKind,
  Span,
  Statement,
  StatementKind,
} from "../types.ts";
import { lineAt } from "../normalise/split-lines.ts";
import { matchesAny, SEGMENT_SIGNALS, stripDecoration } from "../segment/signals.ts";
import { classifyHeading, isMixedHeading, LEXICON, readsAsMeasure } from "./headings.ts";

/** Longest unnumbered line read as an item heading when a body paragraph follows it. */
const MAX_BARE_HEADING = 30;
/** A cause clause shorter than this is punctuation debris. */
const MIN_CLAUSE = 4;

/** A classified region of the report. */
export interface Section {
  kind: SectionKind;
  span: Span;
  heading: string;
  line: number;
}

export interface ClassifiedReport {
  outline: OutlineNode[];
  sections: Section[];
  statements: Statement[];
  /** Section kind at an offset (the innermost section; cause paragraphs count as cause). */
  contextAt(offset: number): MentionContext;
}

/**
 * Classify one report: outline, sections and statements.
 * @example const { statements } = classifyReport(doc, segment, markers);
 */
export function classifyReport(doc: NormalisedDocument, segment: ReportSegment, markers: Marker[]): ClassifiedReport {
  const ctx = new ClassifyContext(doc, segment);
  const inReport = markers.filter((m) => m.start >= segment.span.start && m.start < segment.span.end && !ctx.skipped(m.start));
  const outline = buildOutline(doc.text, inReport, segment.span);
  ctx.walk(outline, null);
  const regions = [...ctx.sections.map((s) => ({ span: s.span, kind: s.kind as MentionContext })), ...ctx.causeRegions];
  return {
    outline,
    sections: ctx.sections,
    statements: ctx.statements,
    contextAt: (offset) => innermost(regions, offset) ?? "situation",
  };
}

function innermost(regions: { span: Span; kind: MentionContext }[], offset: number): MentionContext | null {
  let best: { span: Span; kind: MentionContext } | null = null;
  for (const r of regions) {
    if (offset < r.span.start || offset >= r.span.end) continue;
    if (!best || r.span.end - r.span.start < best.span.end - best.span.start) best = r;
  }
  return best?.kind ?? null;
}

class ClassifyContext {
  readonly sections: Section[] = [];
  readonly statements: Statement[] = [];
  readonly causeRegions: { span: Span; kind: MentionContext }[] = [];
  private readonly ids = new Set<string>();

  constructor(
    private readonly doc: NormalisedDocument,
    private readonly segment: ReportSegment,
  ) {}

  skipped(offset: number): boolean {
    return this.segment.duplicates.some((d) => offset >= d.start && offset < d.end);
  }

  heading(node: OutlineNode): string {
    return this.doc.text.slice(node.headingSpan.start, node.headingSpan.end);
  }

  /** Walk the outline; `inherited` is the innermost enclosing section. */
  walk(nodes: OutlineNode[], inherited: Section | null) {
    for (const node of nodes) {
      const own = this.sectionOf(node, inherited);
      if (own) {
        this.sections.push(own);
        this.takeItems(node, own);
        this.walk(node.children, own);
      } else {
        this.walk(node.children, inherited);
      }
    }
  }

  private sectionOf(node: OutlineNode, inherited: Section | null): Section | null {
    const heading = this.heading(node);
    const kind = classifyHeading(heading);
    if (!kind) return null;
    const topLevel = node.depth === 0;
    // Inside a problem or measure section, "小区党支部作用发挥不平衡" is an item that happens to say 作用,
    // not a practice section: only a short title there opens a section of another kind.
    const insideStatements = inherited !== null && ["problem", "measure", "cause"].includes(inherited.kind);
    if (!topLevel && insideStatements && (kind === "practice" || kind === "situation") && heading.length > 10) return null;
    const opensList = node.children.length > 0 && (!inherited || inherited.kind !== kind || heading.length <= 14);
    if (!topLevel && !opensList) return null;
    return { kind, span: { ...node.span }, heading, line: node.line };
  }

  /** Statements of a problem / measure / cause section: its items, or its paragraphs when unnumbered. */
  private takeItems(node: OutlineNode, section: Section) {
    if (section.kind !== "problem" && section.kind !== "measure" && section.kind !== "cause") return;
    const items = node.children.filter((c) => this.sectionOf(c, section) === null);
    if (items.length === 0) {
      this.takeParagraphs(node, section);
      return;
    }
    if (section.kind === "problem") this.takeLeadInCause(node, items[0]!);
    for (const item of items) this.takeItem(item, section);
  }

  /** A problem section's introduction that gives a reason ("由于…，主要存在下列问题") is a general cause. */
  private takeLeadInCause(node: OutlineNode, firstItem: OutlineNode) {
    const from = node.headingSpan.end;
    const text = this.doc.text.slice(from, firstItem.span.start);
    const at = text.search(LEXICON.generalCauseLead);
    if (at < 0 || this.skipped(from + at)) return;
    const sentenceEnd = text.slice(at).search(/[。:：]/);
    let clause = sentenceEnd < 0 ? text.slice(at) : text.slice(at, at + sentenceEnd);
    const tail = LEXICON.leadInTail.exec(clause);
    if (tail) clause = clause.slice(0, tail.index);
    const span = { start: from + at, end: from + at + clause.trimEnd().length };
    this.add("cause", span, span, `lead-in of problem section "${this.heading(node)}" giving a reason`, []);
  }

  private takeItem(item: OutlineNode, section: Section) {
    const kind = this.itemKind(item, section);
    const causeParas = kind === "problem" ? this.causeParagraphs(item) : [];
    const bodyEnd = causeParas[0]?.start ?? item.span.end;
    const span = { start: item.span.start, end: bodyEnd };
    const subPoints = item.children
      .filter((c) => !causeParas.some((p) => c.span.start >= p.start && c.span.start < p.end))
      .map((c) => this.heading(c));
    const mixed = kind !== section.kind ? ` read as ${kind}` : "";
    const rule = `section "${section.heading}" (${section.kind}) > item ${item.markerKind} "${item.marker}"${mixed}`;
    const problem = this.add(kind, item.headingSpan, span, rule, subPoints);
    for (const para of causeParas) this.takeCauses(para, item, problem);
    if (problem && kind === "problem" && kind !== section.kind) this.takeSuggestion(item, problem);
  }

  /** In a section of problems and suggestions, "…。建议…。" inside a problem item is its measure. */
  private takeSuggestion(item: OutlineNode, problem: Statement) {
    const from = item.headingSpan.end;
    const body = this.doc.text.slice(from, item.span.end);
    const lead = LEXICON.suggestionLead.exec(body);
    if (!lead) return;
    const start = from + lead.index + lead[0].length;
    const hs = headingSpan(this.doc.text, start, item.span.end);
    const rule = `suggestion inside problem item "${item.marker}" of mixed section`;
    this.add("measure", hs, { start, end: item.span.end }, rule, [], problem.id);
  }

  /** An item's kind: its section's, except in a section of problems and suggestions together. */
  private itemKind(item: OutlineNode, section: Section): StatementKind {
    if (section.kind === "measure" && isMixedHeading(section.heading)) {
      return readsAsMeasure(this.heading(item)) ? "measure" : "problem";
    }
    return section.kind as StatementKind;
  }

  /** Unnumbered section body: each paragraph that is not a lead-in is one statement. */
  private takeParagraphs(node: OutlineNode, section: Section) {
    const lines = this.linesIn(node.span)
      .map((line) => {
        const text = stripDecoration(this.doc.text.slice(line.start, line.end)).trim();
        return { line, text, start: line.end - text.length };
      })
      .filter((l) => l.line.start > node.headingSpan.end && l.start < node.span.end && !this.skipped(l.line.start))
      .filter((l) => l.text.length >= MIN_CLAUSE && !LEXICON.leadIn.some((re) => re.test(l.text)));
    const mixed = section.kind === "measure" && isMixedHeading(section.heading);
    for (let i = 0; i < lines.length; i++) {
      const { line, text } = lines[i]!;
      const next = lines[i + 1];
      const headingOnly = text.length <= MAX_BARE_HEADING && !/[。！？!?；;]/.test(text);
      if (headingOnly && matchesAny(SEGMENT_SIGNALS.signature, text)) continue;
      // Word's lost numbering leaves "heading line, body paragraph" pairs: one item.
      const withBody = headingOnly && next !== undefined && next.text.length > text.length;
      const span = { start: line.start, end: withBody ? next.line.end : line.end };
      if (withBody) i++;
      let kind: StatementKind = mixed ? (readsAsMeasure(text) ? "measure" : "problem") : (section.kind as StatementKind);
      if (kind === "problem" && LEXICON.causeLead.test(text)) kind = "cause";
      const rule = `section "${section.heading}" (${section.kind}) > ${withBody ? "bare heading with body" : "paragraph"}`;
      this.add(kind, headingSpan(this.doc.text, line.start, line.end), span, rule, []);
    }
  }

  /** The document lines that overlap a span, found by binary search rather than a scan of the whole file. */
  private linesIn(span: Span): Line[] {
    const lines = this.doc.lines;
    return lines.slice(lineAt(lines, span.start) - 1, lineAt(lines, Math.max(span.start, span.end - 1)));
  }

  /** Spans of the cause paragraphs inside a problem item ("原因分析：…", "造成这种状况的原因…"). */
  private causeParagraphs(item: OutlineNode): Span[] {
    const out: Span[] = [];
    for (const line of this.linesIn(item.span)) {
      if (line.end <= item.headingSpan.end || line.start >= item.span.end) continue;
      const from = Math.max(line.start, item.headingSpan.end);
      const text = this.doc.text.slice(from, Math.min(line.end, item.span.end));
      // A cause lead at the line start, or after a sentence end inside run-on text.
      const m = /(^|[。；;]\s*)/g;
      for (const hit of text.matchAll(m)) {
        const at = (hit.index ?? 0) + hit[0].length;
        if (LEXICON.causeLead.test(text.slice(at).trimStart())) {
          out.push({ start: from + at, end: Math.min(line.end, item.span.end) });
          break;
        }
      }
    }
    return out;
  }

  private takeCauses(para: Span, item: OutlineNode, problem: Statement | null) {
    const inner = collectNodes(item.children).filter((c) => c.span.start >= para.start && c.span.start < para.end);
    const rule = `cause paragraph under problem item "${item.marker}"`;
    this.causeRegions.push({ span: para, kind: "cause" });
    if (inner.length > 0) {
      for (const c of inner) {
        const hs = headingSpan(this.doc.text, c.span.start + c.marker.length, Math.min(c.span.end, para.end));
        this.add("cause", cutAtSemicolon(this.doc.text, hs), c.span, `${rule} > ${c.markerKind}`, [], problem?.id);
      }
      return;
    }
    const text = this.doc.text.slice(para.start, para.end);
    const lead = LEXICON.causeLead.exec(text);
    let offset = para.start + (lead ? lead[0].length : 0);
    const after = this.doc.text.slice(offset, para.end);
    const colon = /^[^。]{0,20}?[:：,，]/.exec(after);
    if (colon) offset += colon[0].length;
    for (const clause of splitClauses(this.doc.text, { start: offset, end: para.end })) {
      if (LEXICON.notCause.some((re) => re.test(this.doc.text.slice(clause.start, clause.end)))) continue;
      this.add("cause", clause, clause, `${rule} > clause`, [], problem?.id);
    }
  }

  private add(
    kind: StatementKind,
    textSpan: Span,
    span: Span,
    rule: string,
    subPoints: string[],
    attachedTo?: string,
  ): Statement | null {
    const normText = this.doc.text.slice(textSpan.start, textSpan.end).trim();
    if (normText.length < MIN_CLAUSE) return null;
    const id = hashKey(this.segment.id, kind, normText.replace(/[\s\p{P}]/gu, ""));
    if (this.ids.has(id)) return null; // a repeated passage states nothing new
    this.ids.add(id);
    const statement: Statement = {
      id,
      reportId: this.segment.id,
      kind,
      text: this.doc.source.text.slice(textSpan.start, textSpan.end).trim(),
      normText,
      span,
      textSpan,
      line: lineAt(this.doc.lines, textSpan.start),
      rule,
      subPoints,
      ...(attachedTo ? { attachedTo } : {}),
    };
    this.statements.push(statement);
    return statement;
  }
}

function collectNodes(nodes: OutlineNode[]): OutlineNode[] {
  const out: OutlineNode[] = [];
  for (const n of nodes) out.push(n, ...collectNodes(n.children));
  return out;
}

/** A sub-point's heading ends at a semicolon too ("①思想上不够重视；②…"). */
function cutAtSemicolon(text: string, span: Span): Span {
  const slice = text.slice(span.start, span.end);
  const i = slice.search(/[;；]/);
  return i > 0 ? { start: span.start, end: span.start + i } : span;
}

/** Split a cause paragraph into clauses at semicolons and sentence ends. */
function splitClauses(text: string, span: Span): Span[] {
  const out: Span[] = [];
  let start = span.start;
  for (let i = span.start; i <= span.end; i++) {
    const ch = text[i];
    if (i === span.end || ch === "；" || ch === ";" || ch === "。" || ch === "\n") {
      let s = start;
      let e = i;
      while (s < e && /[\s,，:：]/.test(text[s] ?? "")) s++;
      while (e > s && /[\s,，。]/.test(text[e - 1] ?? "")) e--;
      if (e - s >= MIN_CLAUSE) out.push({ start: s, end: e });
      start = i + 1;
    }
  }
  return out;
}
