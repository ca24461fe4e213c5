/*
 * `--min metric[.precision|.recall|.f1]=value` thresholds: parsed before scoring, checked after.
 * A bare metric name means its F1.
 */
import { UsageError } from "../errors.ts";
import type { EvalResult } from "./result.ts";

const FIELDS = ["precision", "recall", "f1"] as const;
type Field = (typeof FIELDS)[number];

/** A minimal value for one field of one metric. */
export interface Threshold {
  metric: string;
  field: Field;
  min: number;
}

/** A threshold that the result does not reach. */
export interface UnmetThreshold extends Threshold {
  actual: number;
}

/** Parse "problems=0.9", "addressed-by.recall=0.6" (value in [0, 1]). */
export function parseThresholds(specs: string[]): Threshold[] {
  return specs.flatMap((spec) => spec.split(",")).filter(Boolean).map(parseThreshold);
}

function parseThreshold(spec: string): Threshold {
  const m = /^([^=]+)=([0-9]*\.?[0-9]+)$/.exec(spec.trim());
  const min = m ? Number(m[2]) : NaN;
  if (!m || !(min >= 0 && min <= 1)) {
    throw new UsageError(`eval: --min "${spec}" should look like metric=0.9 or metric.recall=0.8 (a value between 0 and 1); put input paths before --min.`);
  }
  const name = (m[1] ?? "").trim();
  const field = FIELDS.find((f) => name.endsWith(`.${f}`));
  return { metric: field ? name.slice(0, -field.length - 1) : name, field: field ?? "f1", min };
}

/** The thresholds the result misses; an unknown metric name is a UsageError listing the known ones. */
export function checkThresholds(result: EvalResult, thresholds: Threshold[]): UnmetThreshold[] {
  const unmet: UnmetThreshold[] = [];
  for (const t of thresholds) {
    const score = result.metrics[t.metric];
    if (!score) {
      throw new UsageError(`eval: --min names unknown metric "${t.metric}" (known: ${Object.keys(result.metrics).join(", ")}).`);
    }
    const actual = score[t.field];
    if (actual < t.min - 1e-12) unmet.push({ ...t, actual });
  }
  return unmet;
}
