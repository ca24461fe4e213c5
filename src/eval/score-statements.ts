/*
 * Problems, measures and causes within one matched report pair. A prediction matches a gold item of the
 * same kind when it covers at least the threshold share of the gold quote (containment = full cover).
 * A prediction matching some non-borderline gold item is a TP, one matching only borderline items is
 * ignored, any other is an FP; recall counts the non-borderline gold items matched at least once.
 *
 * Match mode "one-to-one" (a strict judge): each prediction counts for at most one non-borderline gold
 * item and each gold item for at most one prediction — a maximum matching of the coverage relation, built
 * greedily from the best pairs (highest coverage, then closest length, then closest line) and completed
 * by augmenting paths. A prediction left without a gold item is an FP even if it covers one (a second
 * copy, or one run quoted for three gold items), unless it covers a borderline item (ignored).
 */
import type { EvalStatementKind, GoldStatement } from "./gold-statements.ts";
import { normaliseForMatch } from "./normalise-text.ts";
import { emptyTally, type EvalItem, type Tally } from "./result.ts";
import { coverage, reachesThreshold } from "./text-match.ts";
import type { ExtractionJsonStatement } from "./types.ts";

/** How predictions and gold items pair up: any number each way (default), or one to one. */
export type MatchMode = "many-to-many" | "one-to-one";
export const MATCH_MODES: readonly MatchMode[] = ["many-to-many", "one-to-one"];

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
  mode: MatchMode = "many-to-many",
): StatementMatching {
  const matching: StatementMatching = { kind, gold, pred, matchesOf: new Map(), best: new Map(), closest: new Map() };
  const bestRank = new Map<string, [number, number, number]>();
  const edges: Edge[] = [];
  for (const [pi, p] of pred.entries()) {
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
      if (!g.borderline) edges.push({ pred: pi, gold: g, rank });
      const previous = bestRank.get(g.id);
      if (!previous || compareRank(rank, previous) > 0) {
        bestRank.set(g.id, rank);
        matching.best.set(g.id, p);
      }
    }
    matching.matchesOf.set(p, matched);
  }
  if (mode === "one-to-one") assignOneToOne(matching, edges);
  return matching;
}

interface Edge {
  pred: number;
  gold: GoldStatement;
  rank: [number, number, number];
}

/**
 * Replace the many-to-many relation by a maximum one-to-one matching over the non-borderline gold items:
 * the best pairs first (greedy by rank), then augmenting paths so that no prediction that could still be
 * paired is left out. An unpaired prediction keeps only its borderline matches (ignored) or none (FP).
 */
function assignOneToOne(matching: StatementMatching, edges: Edge[]): void {
  const byPred: Edge[][] = matching.pred.map(() => []);
  for (const e of edges) byPred[e.pred]!.push(e);
  for (const list of byPred) list.sort((a, b) => compareRank(b.rank, a.rank));
  const goldOwner = new Map<string, number>();
  const predGold = new Map<number, GoldStatement>();
  const pair = (pi: number, g: GoldStatement): void => {
    goldOwner.set(g.id, pi);
    predGold.set(pi, g);
  };
  // Greedy: the best pairs first (stable: earlier predictions win ties).
  const sorted = edges.map((e, i) => ({ e, i })).sort((a, b) => compareRank(b.e.rank, a.e.rank) || a.i - b.i);
  for (const { e } of sorted) if (!goldOwner.has(e.gold.id) && !predGold.has(e.pred)) pair(e.pred, e.gold);
  // Augmenting paths (Kuhn): an unpaired prediction takes a gold item whose owner can move to another.
  const augment = (pi: number, seen: Set<string>): boolean => {
    for (const e of byPred[pi]!) {
      if (seen.has(e.gold.id)) continue;
      seen.add(e.gold.id);
      const owner = goldOwner.get(e.gold.id);
      if (owner === undefined || augment(owner, seen)) {
        pair(pi, e.gold);
        return true;
      }
    }
    return false;
  };
  for (let pi = 0; pi < matching.pred.length; pi++) if (!predGold.has(pi) && byPred[pi]!.length > 0) augment(pi, new Set());
  matching.best.clear();
  for (const [pi, p] of matching.pred.entries()) {
    const g = predGold.get(pi);
    if (g) matching.best.set(g.id, p);
    matching.matchesOf.set(p, g ? [g] : (matching.matchesOf.get(p) ?? []).filter((m) => m.borderline));
  }
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
