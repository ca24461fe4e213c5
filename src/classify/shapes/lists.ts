/*
 * Shared by the list shapes: take the items of a sibling list as statements of one kind, handing a
 * topic heading over to its own items, and the lead-in sentence just before a list.
 */
import { classifyHeading } from "../../shared/section-headings.ts";
import { firstAbove } from "../../util/arrays.ts";
import type { OutlineNode, Span, StatementKind } from "../../types.ts";
import { isInlineKind } from "../../outline/markers.ts";
import { type ClassifyContext, allLists } from "../context.ts";
import { isNegative, POLARITY, type Polarity, polarityOf } from "../polarity.ts";
import { sidedProblems } from "./problem-elements.ts";
import { isProblemClause, MAX_STATEMENT, problemClauses } from "./prose-problems.ts";
import { causeParagraphs, isTopic, takeSubPoints } from "./section-cue.ts";

/** Longest item heading read as a bare section label (「原因分析」, 「具体措施」). */
const MAX_LABEL = 8;

/** A sibling list with its parent, as the list shapes see it. */
export interface ListUnit {
  parent: OutlineNode | null;
  items: OutlineNode[];
  /** Why the list was chosen (for the rule's detail). */
  why: string;
  kind: StatementKind;
}

/** Sibling lists outside problem / measure / cause sections whose items nothing has taken yet. */
export function openLists(ctx: ClassifyContext): { parent: OutlineNode | null; items: OutlineNode[] }[] {
  return allLists(ctx.outline).filter(
    ({ items }) => !items.some((n) => ctx.inStatementSection(n.span.start) || ctx.claimed(n.headingSpan.start) || ctx.skipped(n.span.start)),
  );
}

/** The sentence just before a list's first item: the end of its parent's text, or of the report's introduction. */
export function leadInBefore(ctx: ClassifyContext, parent: OutlineNode | null, first: OutlineNode): string {
  const from = parent ? parent.headingSpan.start : ctx.segment.span.start;
  const before = ctx.text.slice(Math.max(from, first.span.start - 200), first.span.start).replace(/\s+$/, "");
  const cut = Math.max(before.slice(0, -1).lastIndexOf("。"), before.slice(0, -1).lastIndexOf("\n"));
  return before.slice(cut + 1);
}

/** Take the list's items whose own polarity does not contradict the kind; topics hand over to their items. */
export function takeList(ctx: ClassifyContext, unit: ListUnit, id: string, confidence: number, contradicts: Polarity[]) {
  for (const item of unit.items) {
    const nodes = isTopic(ctx, item) ? item.children : [item];
    for (const node of nodes) {
      if (ctx.claimed(node.headingSpan.start) || ctx.sections.some((s) => s.span.start === node.span.start)) continue;
      // A bare label naming a section of another kind (「原因分析」 after a problem sentence) is no statement of the list's kind.
      const label = ctx.heading(node);
      const names = label.length <= MAX_LABEL ? classifyHeading(label) : null;
      if (names !== null && names !== unit.kind && !isNegative(label)) continue;
      const { span: textSpan, refinement } = ctx.itemText(node, unit.kind);
      if (contradicts.includes(polarityOf(ctx.text.slice(textSpan.start, textSpan.end)))) continue;
      // 「三是建议工委…，少一些形式主义」: a suggestion among the findings names what it wants changed, it finds nothing.
      if (unit.kind === "problem" && POLARITY.suggestionOpen.test(ctx.text.slice(textSpan.start, textSpan.end).trim())) continue;
      const detail = `${unit.why} > item ${node.markerKind} "${node.marker}"${refinement ? ` > ${refinement}` : ""}`;
      // 「二是A偏少，B薄弱，C难以开展，D找得不准，E不多；」: an item too long to be one statement, read clause by clause;
      // 「二是一方面是A受限，…，另一方面是B繁忙，…」: one problem a side.
      const sides = unit.kind === "problem" ? sidedProblems(ctx.text, textSpan) : null;
      const clauses = sides ?? (unit.kind === "problem" && textSpan.end - textSpan.start > MAX_STATEMENT ? problemClauses(ctx, textSpan) : []);
      if (clauses.length > 1) {
        ctx.addParts(clauses, node.span, { kind: "problem", rule: { id, detail }, confidence }, "clause");
        continue;
      }
      const span = unit.kind === "problem" ? untilTurn(ctx, node) : node.span;
      const children = node.children.filter((c) => c.span.start < span.end);
      const taken = ctx.add({ kind: unit.kind, textSpan, span, rule: { id, detail }, confidence, subPoints: children.map((c) => ctx.heading(c)) });
      // 「（三）X比较薄弱。表现为：一是A困难较大。二是B比较薄弱。」: shortfall sub-points are problems of their own too; those
      // after a paragraph that opens on the causes (「造成上述问题的原因有：一是…」) are causes.
      if (taken && unit.kind === "problem") {
        const causeParas = causeParagraphs(ctx, node);
        takeSubPoints(ctx, node, causeParas, detail, id);
        takeNumberedProblems(ctx, node, causeParas, detail, id, confidence);
      }
    }
  }
}

/** Share of the numbered items under a problem item that must state a problem of their own. */
const NUMBERED_MAJORITY = 0.6;

/**
 * 「一、制度执行不严格，形式化问题突出」 over 「1. 制度落实不到位」 「2. 形式主义严重」: numbered items under a problem item
 * that each state a problem of their own are problems too (the parent sums them up), as under a problem section.
 */
function takeNumberedProblems(ctx: ClassifyContext, node: OutlineNode, causeParas: Span[], itemDetail: string, id: string, confidence: number) {
  // (Under a 一是 clause, numbered lines are the page's next list, not its sub-points; after 「究其原因…：」 they are causes.)
  if (isInlineKind(node.markerKind)) return;
  const kids = node.children.filter((c) => !isInlineKind(c.markerKind) && !causeParas.some((p) => c.span.start >= p.start && c.span.start < p.end));
  if (kids.length < 2) return;
  const shortfalls = kids.filter((c) => isProblemClause(ctx.heading(c)));
  if (shortfalls.length < NUMBERED_MAJORITY * kids.length) return;
  for (const c of shortfalls) {
    const { span: textSpan } = ctx.itemText(c, "problem");
    ctx.add({ kind: "problem", textSpan, span: c.span, rule: { id, detail: `${itemDetail} > numbered item ${c.markerKind} "${c.marker}"` }, confidence });
  }
}

/**
 * A problem item's own span: up to a paragraph in its body that turns to remedies (「针对上述困难，…应当采取以下办法加以改进。」,
 * polarity.json closingMeasureTurn) before its sub-points. The last problem of a list otherwise holds the
 * 首先/其次 steps of measures after such a turn as its own sub-points (inline markers nest under the open item).
 */
function untilTurn(ctx: ClassifyContext, node: OutlineNode): { start: number; end: number } {
  const first = node.children[0];
  if (!first) return node.span;
  // The report's lines are in order: start at the first one past the heading.
  const lines = ctx.paragraphLines();
  for (let i = firstAbove(lines, node.headingSpan.end, (l) => l.start); i < lines.length && lines[i]!.start < first.span.start; i++) {
    if (POLARITY.closingMeasureTurn.test(lines[i]!.text)) return { start: node.span.start, end: lines[i]!.start };
  }
  return node.span;
}
