/*
 * Shapes "polarity-problems" and "polarity-measures": a list whose items are mostly negative
 * evaluations is a list of problems, whatever heading it sits under (基本情况, 现状, 「X的主要表现」,
 * or none: top-level headings that are themselves the problems). A list whose items are mostly
 * prescriptions is a list of measures, but only after the report's first problem and outside
 * practice and situation sections (a 做法 list reads the same as a list of measures); in a report that
 * states no problem, a list whose every item opens with a modal (需/要/应…) is a list of measures too, and so is a
 * list of prescriptions after a lead-in announcing requirements (提出…要求，一是…).
 */
import type { OutlineNode, StatementKind } from "../../types.ts";
import type { ClassifyContext } from "../context.ts";
import { isNegative, POLARITY, type Polarity, polarityOf } from "../polarity.ts";
import { type ListUnit, openLists, takeList } from "./lists.ts";
import { firstProseProblemClause } from "./prose-problems.ts";
import { isTopic } from "./section-cue.ts";
import type { Shape } from "./types.ts";

/** Share of a list's items that must carry the polarity. */
const MAJORITY = 0.6;

function detectLists(ctx: ClassifyContext, kind: StatementKind): ListUnit[] {
  const want: Polarity = kind === "problem" ? "negative" : "prescription";
  const out: ListUnit[] = [];
  for (const { parent, items } of openLists(ctx)) {
    // Section headings among the items ("四、加强和改进的建议") are not part of the list.
    const sectionStarts = new Set(ctx.sections.map((s) => s.span.start));
    const leaves = items.flatMap((n) => (isTopic(ctx, n) ? n.children : [n])).filter((n) => !sectionStarts.has(n.span.start));
    // A list the page cuts after its first item (「一是要A。…」 as the excerpt's last words) is still a list of measures when
    // that item opens with a modal, after the report's problems: the rest of it lies beyond the page.
    const cut = kind === "measure" && leaves.length === 1 && cutAfter(ctx, leaves[0]!, kind);
    if (leaves.length < 2 && !cut) continue;
    // 「推进A，是B的必然要求」: an item that states a significance proposes nothing, whatever its verb.
    const pols = leaves.map((n) => {
      const t = ctx.text.slice(ctx.itemText(n, kind).span.start, ctx.itemText(n, kind).span.end);
      const p = polarityOf(t);
      return p === "prescription" && POLARITY.notProposal.test(t) ? "neutral" : p;
    });
    const hits = pols.filter((p) => p === want).length;
    // After a lead-in announcing requirements in a report without problems, the items are the requirements whatever
    // they open with (「提出了三点要求：一是A责任再落实。…二是B作用大发挥。…」), as long as none falls short.
    const requiredLead = kind === "measure" && !pols.includes("negative") && ctx.firstProblem() === null
      && ctx.sectionAt(items[0]!.span.start, ["practice"]) === null
      && POLARITY.requirementLeadIn.test(ctx.text.slice(Math.max(ctx.segment.span.start, items[0]!.span.start - 40), items[0]!.span.start));
    // A heading that states a problem and announces its forms (「…质量不高，大致有以下几种表现形式：」): its items are
    // those forms, whatever their own wording (「一是敷衍塞责式」), as long as none prescribes.
    const forms = kind === "problem" && parent !== null && !pols.includes("prescription")
      && POLARITY.formsHeading.test(ctx.heading(parent)) && isNegative(ctx.heading(parent));
    if ((hits < MAJORITY * leaves.length && !requiredLead && !forms) || pols.includes("achievement")) continue;
    let modal = false;
    let required = false;
    let continued = false;
    if (kind === "measure" && !measuresMayStand(ctx, items[0]!.span.start)) {
      // A report that states no problem may still propose: a list whose every item opens with a modal
      // (需/要/应/必须…) proposes, where a list of lexicon verbs (加强…, 坚持…) may report what was done.
      // A situation section describes; a list there whose every item opens with a modal is no description but
      // the measures whose own heading the page lost (「基本情况…---此处隐藏N字---（一）要加强A。」).
      modal = ctx.firstProblem() === null && ctx.sectionAt(items[0]!.span.start, ["practice"]) === null
        && leaves.every((n) => { const t = ctx.itemText(n, kind).span; return POLARITY.modalPrescription.test(ctx.text.slice(t.start, t.end).trim()); });
      // 「就下步工作提出三点要求，一是要A。…三是加强B。」: the list states the requirements a lead-in announced.
      required = !modal && requiredLead;
      // A page that opens inside a list of measures (page 3 of 3: 「3.统一建立A。…4.统一B。…四、…的建议」): a list whose
      // numbering starts past 1 at the top of the report, most items prescribing and none falling short, right before a
      // measure section.
      continued = !modal && !required && continuesMeasures(ctx, items, pols);
      if (!modal && !required && !continued) continue;
    }
    const where = parent ? `list under "${ctx.heading(parent).slice(0, 20)}"` : "top-level list";
    out.push({ parent, items, kind, why: `${where}: ${hits}/${leaves.length} items ${want}${forms && hits < MAJORITY * leaves.length ? ", the forms a problem heading announces" : ""}${modal ? ", each opening with a modal, in a report without problems" : ""}${required ? ", after a lead-in announcing requirements, in a report without problems" : ""}${continued ? ", numbered past 1 at the page's top, before a measure section" : ""}` });
  }
  return out;
}

/** Whether a lone item ends the report's text where the page cuts it, opens with a modal and may propose (after the problems). */
function cutAfter(ctx: ClassifyContext, item: OutlineNode, kind: StatementKind): boolean {
  if (!ctx.segment.truncated || ctx.text.slice(item.span.end, ctx.segment.span.end).trim() !== "" || (item.ordinal ?? 1) !== 1) return false;
  const t = ctx.itemText(item, kind).span;
  return POLARITY.modalPrescription.test(ctx.text.slice(t.start, t.end).trim()) && measuresMayStand(ctx, item.span.start);
}

/** Characters of the report that may stand before such a list (its title, a page label). */
const MAX_BEFORE_CONTINUED = 60;

/**
 * Whether a list continues a measure list the page cut (its first item numbered past 1, at the report's top, no item
 * falling short) and the next section after it proposes too.
 */
function continuesMeasures(ctx: ClassifyContext, items: readonly OutlineNode[], pols: readonly Polarity[]): boolean {
  const first = items[0]!;
  // (Most items prescribe already: the caller's test. None may state a shortfall.)
  if ((first.ordinal ?? 1) < 2 || pols.includes("negative")) return false;
  if (ctx.text.slice(ctx.segment.span.start, first.span.start).trim().length > MAX_BEFORE_CONTINUED) return false;
  const end = items[items.length - 1]!.span.end;
  const next = ctx.sections.filter((s) => s.span.start >= end - 1).sort((a, b) => a.span.start - b.span.start)[0];
  return next?.kind === "measure";
}

export const polarityProblems: Shape<ListUnit> = {
  id: "polarity-problems",
  description: "a list whose items are mostly negative evaluations, under any heading or none",
  detect: (ctx) => detectLists(ctx, "problem"),
  take: (ctx, unit) => takeList(ctx, unit, "polarity-problems", 0.7, ["achievement", "prescription"]),
};

export const polarityMeasures: Shape<ListUnit> = {
  id: "polarity-measures",
  description: "a list whose items are mostly prescriptions, after the report's first problem and outside practice sections",
  detect: (ctx) => detectLists(ctx, "measure"),
  take: (ctx, unit) => takeList(ctx, unit, "polarity-measures", 0.65, ["negative", "achievement"]),
};

/**
 * Measures stand after the report's first problem, outside practice and situation sections. A problem
 * stated only in prose counts too: prose-problems runs last, so its first clause is looked up here.
 */
export function measuresMayStand(ctx: ClassifyContext, offset: number): boolean {
  const first = ctx.firstProblem();
  if ((first === null || offset < first) && !(firstProseProblem(ctx) < offset)) return false;
  return ctx.sectionAt(offset, ["practice", "situation"]) === null;
}

const proseFirst = new WeakMap<ClassifyContext, number>();

/** Offset of the first problem clause prose-problems would read in the report now (Infinity if none). */
function firstProseProblem(ctx: ClassifyContext): number {
  let at = proseFirst.get(ctx);
  if (at === undefined) {
    at = firstProseProblemClause(ctx);
    proseFirst.set(ctx, at);
  }
  return at;
}
