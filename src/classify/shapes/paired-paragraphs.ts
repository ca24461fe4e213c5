/*
 * Shape "paired-paragraphs": a report without sections whose paragraphs each open with a problem and
 * turn to its remedy — 「problem，应 measure」. Only when no other shape found a problem in the report.
 */
import type { Span } from "../../types.ts";
import { POLARITY } from "../polarity.ts";
import { isProblemClause } from "./prose-problems.ts";
import type { Shape } from "./types.ts";

interface Pair {
  problem: Span;
  measure: Span;
}

export const pairedParagraphs: Shape<Pair> = {
  id: "paired-paragraphs",
  description: "paragraphs that open with a problem and turn to its remedy: problem，应 measure (reports without sections)",
  detect(ctx) {
    if (ctx.statements.some((s) => s.kind === "problem")) return [];
    const out: Pair[] = [];
    for (const line of ctx.linesIn(ctx.segment.span)) {
      const raw = ctx.text.slice(line.start, line.end);
      for (const sentence of raw.matchAll(/[^。!?！？]+/g)) {
        const text = sentence[0];
        const m = POLARITY.pairedProblemMeasure.exec(text.trimStart());
        // The problem must name one ("面临诸多矛盾与挑战，需要…" only announces), outside a section of measures.
        if (!m?.groups?.problem || !m.groups.measure || !isProblemClause(m.groups.problem)) continue;
        const at = line.start + (sentence.index ?? 0) + (text.length - text.trimStart().length);
        if (ctx.skipped(at) || ctx.claimed(at) || ctx.sectionAt(at, ["measure", "practice"]) !== null) continue;
        const pEnd = at + m.groups.problem.length;
        const mStart = at + m[0].indexOf(m.groups.measure);
        out.push({ problem: { start: at, end: pEnd }, measure: { start: mStart, end: mStart + m.groups.measure.trimEnd().length } });
      }
    }
    return out;
  },
  take(ctx, pair) {
    const problem = ctx.add({ kind: "problem", textSpan: pair.problem, span: pair.problem, rule: { id: "paired-paragraphs", detail: "problem clause before 应/要" }, confidence: 0.5 });
    ctx.add({ kind: "measure", textSpan: pair.measure, span: pair.measure, rule: { id: "paired-paragraphs", detail: "remedy clause after the problem" }, confidence: 0.5, ...(problem ? { attachedTo: problem.id } : {}) });
  },
};
