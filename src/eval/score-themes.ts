/*
 * Pairwise theme agreement. Take the non-borderline gold items that a prediction matched (each with
 * its best prediction); for every pair of them from different reports, gold says "same" when their
 * primary themes are equal and the prediction says "same" when their predictions share a themeId.
 * Precision, recall and F1 are over "same" pairs. With goldSameIf "any", a predicted "same" pair is
 * correct when the gold theme sets (primary + other_themes) intersect; recall still uses primary themes.
 */
import type { GoldStatement } from "./gold-statements.ts";
import { emptyTally, type Tally } from "./result.ts";
import type { ExtractionJsonStatement } from "./types.ts";

/** A gold item a prediction matched, with the report it sits in. */
export interface ThemeEntry {
  report: string;
  gold: GoldStatement;
  pred: ExtractionJsonStatement;
}

/** How many misses/false positives to keep as examples (pairs grow quadratically). */
const MAX_EXAMPLES = 50;

/** Score "same theme" pairs across reports. */
export function scoreThemePairs(entries: ThemeEntry[], goldSameIf: "primary" | "any"): Tally {
  const tally = emptyTally();
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const a = entries[i];
      const b = entries[j];
      if (!a || !b || a.report === b.report) continue;
      scorePair(tally, a, b, goldSameIf);
    }
  }
  return tally;
}

function scorePair(tally: Tally, a: ThemeEntry, b: ThemeEntry, goldSameIf: "primary" | "any"): void {
  const primarySame = a.gold.theme !== undefined && a.gold.theme === b.gold.theme;
  const lenientSame = goldSameIf === "any" ? a.gold.themes.some((t) => b.gold.themes.includes(t)) : primarySame;
  const predSame = Boolean(a.pred.themeId) && a.pred.themeId === b.pred.themeId;
  if (predSame && lenientSame) tally.predTp++;
  if (predSame && !lenientSame) {
    tally.fp++;
    if (tally.falsePositives.length < MAX_EXAMPLES) {
      tally.falsePositives.push({
        report: `${a.report}+${b.report}`,
        text: `${a.gold.id} (${a.gold.theme}) and ${b.gold.id} (${b.gold.theme}) both in predicted theme ${label(a.pred)}`,
      });
    }
  }
  if (primarySame && predSame) tally.goldFound++;
  if (primarySame && !predSame) {
    tally.fn++;
    if (tally.misses.length < MAX_EXAMPLES) {
      tally.misses.push({
        report: `${a.report}+${b.report}`,
        text: `${a.gold.id} and ${b.gold.id} share gold theme ${a.gold.theme} but are predicted as ${label(a.pred)} / ${label(b.pred)}`,
      });
    }
  }
}

function label(s: ExtractionJsonStatement): string {
  if (!s.themeId) return "(no theme)";
  return s.themeLabel ? `${s.themeLabel} [${s.themeId}]` : s.themeId;
}
