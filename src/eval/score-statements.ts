/*
 * Problems, measures and causes within one matched report pair. A prediction matches a gold item of the
 * same kind when it covers at least the threshold share of the gold quote (containment = full cover).
 * A prediction matching some non-borderline gold item is a TP, one matching only borderline items is
 * ignored, any other is an FP; recall counts the non-borderline gold items matched at least once.
 */
import type { EvalStatementKind, GoldStatement } from "./gold-statements.ts";
import { normaliseForMatch } from "./normalise-text.ts";
import { emptyTally, type EvalItem, type Tally } from "./result.ts";
import { coverage, reachesThreshold } from "./text-match.ts";
import type { ExtractionJsonStatement } from "./types.ts";

/** Which predictions match which gold items, for one kind in one report pair. */
export interface StatementMatching {
  kind: EvalStatementKind;
  gold: GoldStatement[];
  pred: ExtractionJsonStatement[];
  /** Gold items each prediction matches. */
  matchesOf: Map<ExtractionJsonStatement, GoldStatement[]>;
  /** For each matched gold item (by id), the prediction covering it best. */
  best: Map<string, ExtractionJsonStatement>;
  /** For each gold item (by id), its best coverage and by which prediction (for explaining misses). */
  closest: Map<string, { value: number; pred: ExtractionJsonStatement }>;
}

/** Predicted statements of one kind. */
export function statementsOfKind(statements: ExtractionJsonStatement[] | undefined, kind: EvalStatementKind): ExtractionJsonStatement[] {
  return (statements ?? []).filter((s) => s.kind === kind);
}

/** Compute the coverage relation between predictions and gold items of one kind. */
export function matchStatements(
  kind: EvalStatementKind,
  gold: GoldStatement[],
  pred: ExtractionJsonStatement[],
  threshold: number,
): StatementMatching {
  const matching: StatementMatching = { kind, gold, pred, matchesOf: new Map(), best: new Map(), closest: new Map() };
  const bestRank = new Map<string, [number, number, number]>();
  for (const p of pred) {
    const norm = normaliseForMatch(p.text ?? "");
    const matched: GoldStatement[] = [];
    for (const g of gold) {
      const value = coverage(norm, g.norm);
      const closest = matching.closest.get(g.id);
      if (!closest || value > closest.value) matching.closest.set(g.id, { value, pred: p });
      if (!reachesThreshold(value, threshold)) continue;
      matched.push(g);
      // Best = highest coverage, then closest length, then closest line.
      const rank: [number, number, number] = [value, -Math.abs(norm.length - g.norm.length), -Math.abs((p.line ?? 0) - (g.line ?? 0))];
      const previous = bestRank.get(g.id);
      if (!previous || compareRank(rank, previous) > 0) {
        bestRank.set(g.id, rank);
        matching.best.set(g.id, p);
      }
    }
    matching.matchesOf.set(p, matched);
  }
  return matching;
}

function compareRank(a: [number, number, number], b: [number, number, number]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Count TPs, FPs, ignored predictions and misses for one matched report pair. */
export function tallyStatements(matching: StatementMatching, reportLabel: string): Tally {
  const tally = emptyTally();
  for (const p of matching.pred) {
    const matched = matching.matchesOf.get(p) ?? [];
    if (matched.some((g) => !g.borderline)) tally.predTp++;
    else if (matched.length > 0) tally.ignored++;
    else {
      tally.fp++;
      tally.falsePositives.push(predItem(reportLabel, p));
    }
  }
  for (const g of matching.gold) {
    if (g.borderline) continue;
    if (matching.best.has(g.id)) tally.goldFound++;
    else {
      tally.fn++;
      tally.misses.push(missItem(reportLabel, g, matching.closest.get(g.id)));
    }
  }
  return tally;
}

/** All statements of an unmatched predicted report are FPs; all non-borderline gold of an unmatched gold report are misses. */
export function tallyUnmatchedStatements(pred: ExtractionJsonStatement[], gold: GoldStatement[], reportLabel: string): Tally {
  const tally = emptyTally();
  for (const p of pred) {
    tally.fp++;
    tally.falsePositives.push({ ...predItem(reportLabel, p), note: "report not matched" });
  }
  for (const g of gold) {
    if (g.borderline) continue;
    tally.fn++;
    tally.misses.push({ ...missItem(reportLabel, g, undefined), note: "report not matched" });
  }
  return tally;
}

function predItem(report: string, p: ExtractionJsonStatement): EvalItem {
  return { report, line: p.line, text: p.text };
}

function missItem(report: string, g: GoldStatement, closest: { value: number; pred: ExtractionJsonStatement } | undefined): EvalItem {
  const item: EvalItem = { report, text: `${g.id} ${g.text}` };
  if (g.line !== undefined) item.line = g.line;
  if (closest && closest.value > 0) {
    item.note = `closest prediction covers ${Math.round(closest.value * 100)}%: line ${closest.pred.line} "${closest.pred.text}"`;
  }
  return item;
}
