/*
 * Gold problems, measures and causes of one gold report as flat, normalised items. Gold causes are
 * the distinct strings of problems[].causes plus general_causes; CAUSES links come from problems[].causes.
 */
import { normaliseForMatch } from "./normalise-text.ts";
import type { GoldReport } from "./types.ts";

/** Statement kinds the evaluator scores. */
export const EVAL_STATEMENT_KINDS = ["problem", "measure", "cause"] as const;
export type EvalStatementKind = (typeof EVAL_STATEMENT_KINDS)[number];

/** A gold problem, measure or cause, ready for matching. */
export interface GoldStatement {
  id: string;
  kind: EvalStatementKind;
  text: string;
  norm: string;
  line?: number;
  borderline: boolean;
  /** Primary theme (problems and measures). */
  theme?: string;
  /** Primary theme plus other_themes. */
  themes: string[];
}

/** Gold problems, measures or causes of one report. */
export function goldStatements(report: GoldReport, kind: EvalStatementKind): GoldStatement[] {
  if (kind === "cause") return goldCauses(report).items;
  const source = kind === "problem" ? (report.problems ?? []) : (report.measures ?? []);
  return source.map((item) => ({
    id: item.id,
    kind,
    text: item.quote,
    norm: normaliseForMatch(item.quote),
    line: item.line,
    borderline: item.borderline === true,
    theme: item.theme,
    themes: [item.theme, ...(item.other_themes ?? [])],
  }));
}

/** Distinct gold causes of a report (ids "<report>.C<n>") and the gold cause→problem links. */
export function goldCauses(report: GoldReport): { items: GoldStatement[]; links: { cause: string; problem: string }[] } {
  const byNorm = new Map<string, GoldStatement>();
  const links: { cause: string; problem: string }[] = [];
  const add = (text: string): GoldStatement => {
    const norm = normaliseForMatch(text);
    let item = byNorm.get(norm);
    if (!item) {
      item = { id: `${report.id}.C${byNorm.size + 1}`, kind: "cause", text, norm, borderline: false, themes: [] };
      byNorm.set(norm, item);
    }
    return item;
  };
  for (const problem of report.problems ?? []) {
    for (const text of problem.causes ?? []) {
      const cause = add(text);
      if (!links.some((l) => l.cause === cause.id && l.problem === problem.id)) links.push({ cause: cause.id, problem: problem.id });
    }
  }
  for (const text of report.general_causes ?? []) add(text);
  return { items: [...byNorm.values()], links };
}
