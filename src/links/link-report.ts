/*
 * Links within one report: ADDRESSED_BY (problem → measure) from the codebook relation of their themes,
 * lexical overlap and parallel numbering; CAUSES (cause → problem) from where the cause is written.
 * Every link has a score in [0, 1] and a reason a reader can check.
 */
import type { Codebook } from "../themes/codebook.ts";
import type { Link, Statement } from "../types.ts";
import { buildFeatures, codebookRelation, lexicalSimilarity } from "./features.ts";
import type { StatementFeatures } from "./features.ts";

/** Minimum score for an ADDRESSED_BY link to be kept. */
export const ADDRESSED_BY_THRESHOLD = 0.4;
/** Share of the codebook relation in the ADDRESSED_BY score. */
const CODEBOOK_WEIGHT = 0.7;
/** Parallel numbering (problem i ↔ measure i) is a weak hint only. */
const PARALLEL_WEIGHT = 0.1;
/** Score of a cause from a general cause section linked to a problem it shares nothing specific with. */
const GENERAL_CAUSE_BASE = 0.3;

/**
 * Link the statements of one report.
 * @example const links = linkReport(report.statements, bodies, themeOf, codebook);
 */
export function linkReport(
  statements: Statement[],
  bodies: Map<string, string>,
  themeOf: Map<string, string>,
  codebook: Codebook,
): Link[] {
  const reports = new Set(statements.map((s) => s.reportId));
  if (reports.size > 1) {
    throw new Error(`linkReport: statements come from ${reports.size} reports (${[...reports].join(", ")}); pass one report at a time.`);
  }
  const features = buildFeatures(statements, bodies, themeOf, codebook);
  const byPosition = (a: Statement, b: Statement) => a.span.start - b.span.start || (a.id < b.id ? -1 : 1);
  const problems = statements.filter((s) => s.kind === "problem").sort(byPosition);
  const measures = statements.filter((s) => s.kind === "measure").sort(byPosition);
  const causes = statements.filter((s) => s.kind === "cause").sort(byPosition);
  return [
    ...addressedBy(problems, measures, features),
    ...causeLinks(causes, problems, features),
  ];
}

/** ADDRESSED_BY links above the threshold, in problem then measure order. */
function addressedBy(problems: Statement[], measures: Statement[], features: Map<string, StatementFeatures>): Link[] {
  const links: Link[] = [];
  problems.forEach((p, i) => {
    measures.forEach((m, j) => {
      const { score, reason } = scoreAddressedBy(features.get(p.id)!, features.get(m.id)!, i === j && i < measures.length);
      if (score >= ADDRESSED_BY_THRESHOLD) links.push({ type: "ADDRESSED_BY", from: p.id, to: m.id, score, reason });
    });
  });
  return links;
}

/**
 * Combine the evidence as independent chances (1 − Π(1 − s)): codebook relation, lexical overlap
 * (whole items, and headings which count more), and parallel numbering.
 */
export function scoreAddressedBy(p: StatementFeatures, m: StatementFeatures, parallel: boolean): { score: number; reason: string } {
  const cb = codebookRelation(p, m);
  const lex = lexicalSimilarity(p, m);
  const lexScore = Math.min(1, 3 * lex.full + 2 * lex.heads);
  const score = 1 - (1 - CODEBOOK_WEIGHT * cb.strength) * (1 - lexScore) * (1 - (parallel ? PARALLEL_WEIGHT : 0));
  const reasons: string[] = [];
  if (cb.strength > 0) reasons.push(cb.why);
  if (lexScore >= 0.1) reasons.push(`shared wording ${lex.shared.join("/")} (overlap ${lexScore.toFixed(2)})`);
  if (parallel) reasons.push("parallel numbering");
  return { score: round(score), reason: reasons.join("; ") || "weak evidence" };
}

/**
 * CAUSES links. A cause written under one problem (attachedTo) explains that problem (score 1). A cause
 * from a separate cause section ("产生上述问题的原因…") explains the report's problems as a set, so it is
 * linked to every problem: at a low base score, raised by how specifically it matches each one.
 */
function causeLinks(causes: Statement[], problems: Statement[], features: Map<string, StatementFeatures>): Link[] {
  const links: Link[] = [];
  const problemIds = new Set(problems.map((p) => p.id));
  for (const c of causes) {
    if (c.attachedTo !== undefined && problemIds.has(c.attachedTo)) {
      links.push({ type: "CAUSES", from: c.id, to: c.attachedTo, score: 1, reason: "cause written under the problem" });
      continue;
    }
    for (const p of problems) {
      const { score, detail } = generalCauseScore(features.get(c.id)!, features.get(p.id)!);
      const reason = `general cause section: explains the report's problems as a whole${detail ? `; ${detail}` : ""}`;
      links.push({ type: "CAUSES", from: c.id, to: p.id, score, reason });
    }
  }
  return links;
}

function generalCauseScore(c: StatementFeatures, p: StatementFeatures): { score: number; detail: string } {
  let theme = 0;
  let detail = "";
  for (const ct of c.themes) {
    for (const pt of p.themes) {
      const rel = (ct.theme === pt.theme ? 1 : ct.theme.family === pt.theme.family ? 0.8 : 0) * ct.weight * pt.weight;
      if (rel > theme) [theme, detail] = [rel, `both about "${pt.theme.label}"`];
    }
  }
  const lex = lexicalSimilarity(c, p);
  const lexScore = Math.min(1, 3 * lex.full + 2 * lex.heads);
  if (lexScore >= 0.1 && lexScore * 0.8 >= theme) detail = `shared wording ${lex.shared.join("/")}`;
  const specific = Math.max(theme, lexScore * 0.8);
  return { score: round(GENERAL_CAUSE_BASE + (1 - GENERAL_CAUSE_BASE) * specific), detail };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
