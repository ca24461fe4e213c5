/*
 * A problem named inside a measure heading: 「（三）完善考核机制，着力解决激励不足的问题」 is a measure, and the X
 * of 解决X的问题 / 破解X难题 / 扭转X的局面 in one of its comma clauses is a problem statement of its own, quoted
 * verbatim and attached to the measure (attachedTo: the measure's id), which the links stage turns into an
 * ADDRESSED_BY link whose reason is the shared heading. The X must fall short (a negative evaluation) or be a
 * quoted formula (「“两张皮”」); words that point at problems named elsewhere (上述, 这些) name none. Called by
 * shape section-cue for each measure item it takes. Words in polarity.json (`measureHeadingProblem`).
 */
import type { Statement } from "../../types.ts";
import type { ClassifyContext } from "../context.ts";
import raw from "../polarity.json" with { type: "json" };
import { isNegative } from "../polarity.ts";

const MHP = raw.measureHeadingProblem;
const CLAUSE = new RegExp(MHP.clause);
const NOT_PROBLEM = new RegExp(MHP.notProblem);
/** Shortest problem kept (「激励不足」; 「短缺」 alone names no subject). */
const MIN_PROBLEM = 3;

/** Add the problem a measure's heading names (解决X的问题), attached to the measure; the problem or null. */
export function takeHeadingProblem(ctx: ClassifyContext, measure: Statement, detail: string): Statement | null {
  const { start, end } = measure.textSpan;
  const heading = ctx.text.slice(start, end);
  for (const c of heading.matchAll(/[^,，;；。]+/g)) {
    const clause = c[0];
    const lead = clause.length - clause.trimStart().length;
    const m = CLAUSE.exec(clause.trim().replace(/[\s:：]+$/, ""));
    const x = m?.groups?.problem;
    if (!m || !x) continue;
    const problem = x.trim();
    if (problem.length < MIN_PROBLEM || NOT_PROBLEM.test(problem)) continue;
    if (!isNegative(problem) && !/^[“"「][^”"」]+[”"」]$/.test(problem)) continue;
    const at = start + (c.index ?? 0) + lead + clause.trim().indexOf(x) + (x.length - x.trimStart().length);
    const span = { start: at, end: at + problem.length };
    return ctx.add({ kind: "problem", textSpan: span, span, rule: { id: "section-cue", detail: `${detail} > problem named in the measure heading` }, confidence: 0.7, attachedTo: measure.id, minChars: MIN_PROBLEM });
  }
  return null;
}
