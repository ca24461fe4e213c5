/*
 * Classify a report: run the registered report shapes (src/classify/shapes/index.ts) over its
 * outline, each taking the problems, measures and causes the report states in that shape, and
 * record the sections found. Every statement records the rules that fired and a confidence.
 */
import type { MentionContext, NormalisedDocument, OutlineNode, ReportSegment, Span, Statement } from "../types.ts";
import { boilerplateLinesIn } from "../shared/text.ts";
import { ClassifyContext, type Section } from "./context.ts";
import { runShape, SHAPES, type Shape } from "./shapes/index.ts";

export type { Section } from "./context.ts";

export interface ClassifiedReport {
  outline: OutlineNode[];
  sections: Section[];
  statements: Statement[];
  /** Section kind at an offset (the innermost section; cause paragraphs count as cause). */
  contextAt(offset: number): MentionContext;
}

/**
 * Classify one report from its outline (src/outline: outlineReport).
 * @example const { statements } = classifyReport(doc, segment, outlineReport(doc, segment, markers));
 */
export function classifyReport(doc: NormalisedDocument, segment: ReportSegment, outline: OutlineNode[], shapes: Shape<unknown>[] = SHAPES): ClassifiedReport {
  // Whole lines of page boilerplate (「图片来源于网络，如有侵权联系删除」) are skipped like collapsed duplicates:
  // a section's paragraphs must not read them as statements.
  const ctx = new ClassifyContext(doc, segment, outline, [...segment.duplicates, ...boilerplateLinesIn(doc.noise, segment.span)]);
  for (const shape of shapes) runShape(shape, ctx);
  ctx.statements.sort((a, b) => a.textSpan.start - b.textSpan.start);
  const regions = ctx.regions;
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
