/*
 * The evaluator's output: one MetricScore per metric (counts, precision/recall/F1 and the items
 * that explain the errors), and the helpers that turn raw counts into scores.
 */
import { pushAll } from "../util/arrays.ts";

/** One missed gold item or false-positive prediction, with enough to find it in the source. */
export interface EvalItem {
  /** Gold report id (e.g. "R3"), or "pred@<startLine>" for a predicted report no gold report matched. */
  report: string;
  line?: number;
  text: string;
  note?: string;
}

/**
 * Raw counts. Precision uses predicted items (predTp vs fp); recall uses gold items (goldFound vs fn).
 * They differ when several predictions match the same gold item.
 */
export interface Counts {
  predTp: number;
  fp: number;
  goldFound: number;
  fn: number;
  /** Predictions that matched only borderline gold (or weak possible links): counted neither way. */
  ignored: number;
}

/** Counts plus the items behind the errors, as collected per report. */
export interface Tally extends Counts {
  misses: EvalItem[];
  falsePositives: EvalItem[];
}

/** One row of the evaluation. */
export interface MetricScore extends Tally {
  name: string;
  precision: number;
  recall: number;
  f1: number;
}

/** The full evaluation of one predicted document against one gold file. */
export interface EvalResult {
  /** Path of the predicted document that was scored. */
  document: string;
  goldSource: string;
  /** Gold report id → predicted report id, for the report pairs that matched. */
  reportPairs: { gold: string; pred: string; predStartLine: number }[];
  options: Required<EvalOptions>;
  /** Metric rows in table order, keyed by name (e.g. "problems", "problem-themes", "addressed-by"). */
  metrics: Record<string, MetricScore>;
}

/** Scoring options. */
export interface EvalOptions {
  /**
   * When two gold items count as "the same theme" for pairwise theme precision: "primary" = equal primary
   * theme; "any" = their theme sets (primary + other_themes) intersect. Recall always uses primary themes.
   */
  themesGoldSameIf?: "primary" | "any";
  /** Minimal share of a gold quote a prediction must cover (longest common substring / gold length). */
  coverageThreshold?: number;
  /**
   * "many-to-many" (default): a prediction is a TP for every gold item it covers and a gold item is found
   * by any prediction covering it. "one-to-one": a maximum matching, each prediction counts for at most
   * one gold item and each gold item for at most one prediction (see score-statements.ts); problems,
   * measures and causes, and the theme and link metrics that read their matching.
   */
  match?: "many-to-many" | "one-to-one";
}

/** An empty tally. */
export function emptyTally(): Tally {
  return { predTp: 0, fp: 0, goldFound: 0, fn: 0, ignored: 0, misses: [], falsePositives: [] };
}

/** Add `b` into `a` (micro-averaging over reports). */
export function addTally(a: Tally, b: Tally): Tally {
  a.predTp += b.predTp;
  a.fp += b.fp;
  a.goldFound += b.goldFound;
  a.fn += b.fn;
  a.ignored += b.ignored;
  pushAll(a.misses, b.misses);
  pushAll(a.falsePositives, b.falsePositives);
  return a;
}

/**
 * Precision, recall and F1 from counts. An empty denominator scores 1 (nothing claimed wrongly, nothing
 * to find), so an empty prediction against non-empty gold has P = 1, R = 0, F1 = 0.
 */
export function toMetricScore(name: string, tally: Tally): MetricScore {
  const predicted = tally.predTp + tally.fp;
  const gold = tally.goldFound + tally.fn;
  const precision = predicted === 0 ? 1 : tally.predTp / predicted;
  const recall = gold === 0 ? 1 : tally.goldFound / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { name, precision, recall, f1, ...tally };
}
