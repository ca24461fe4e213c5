/*
 * Figures within one matched report pair, matched one to one by line and value. A gold value may be a
 * number, a string ("48.5%", "9.90%", "100多": its leading number) or a list (one gold figure per element,
 * same line). A percentage also matches its fraction (48.5% = 0.485). Borderline gold counts neither way.
 */
import { emptyTally, type Tally } from "./result.ts";
import type { ExtractionJsonReport, GoldFigure } from "./types.ts";

/** One gold figure value at one line. */
export interface GoldFigureValue {
  value: number;
  percent: boolean;
  line: number;
  text: string;
  borderline: boolean;
}

/** Expand gold figures into single values (lists become several items). */
export function goldFigureValues(figures: GoldFigure[] | undefined): GoldFigureValue[] {
  return (figures ?? []).flatMap((f) => {
    const values = Array.isArray(f.value) ? f.value : [f.value];
    return values.flatMap((v) => {
      const parsed = parseFigureValue(v);
      if (!parsed) return [];
      return [{ ...parsed, line: f.line, text: f.quote ?? String(v), borderline: f.borderline === true }];
    });
  });
}

/** Parse a figure value: a number, or the leading number of a string (percent when it carries "%"). */
export function parseFigureValue(v: unknown): { value: number; percent: boolean } | null {
  if (typeof v === "number") return Number.isFinite(v) ? { value: v, percent: false } : null;
  if (typeof v !== "string") return null;
  const m = /-?\d+(?:\.\d+)?/.exec(v.normalize("NFKC"));
  return m ? { value: Number(m[0]), percent: /[%％]/.test(v) } : null;
}

function sameValue(pred: number, gold: GoldFigureValue): boolean {
  const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  return close(pred, gold.value) || (gold.percent && close(pred, gold.value / 100));
}

/** Score predicted figures against gold figure values for one report pair. */
export function scoreFigures(gold: GoldFigureValue[], pred: NonNullable<ExtractionJsonReport["figures"]>, reportLabel: string): Tally {
  const tally = emptyTally();
  const taken = new Set<GoldFigureValue>();
  for (const f of pred) {
    const value = parseFigureValue(f.value)?.value;
    const fits = (g: GoldFigureValue): boolean => value !== undefined && g.line === f.line && sameValue(value, g);
    const g = gold.find((c) => !taken.has(c) && !c.borderline && fits(c)) ?? gold.find((c) => !taken.has(c) && fits(c));
    if (g && !g.borderline) {
      taken.add(g);
      tally.predTp++;
      tally.goldFound++;
    } else if (g) {
      taken.add(g);
      tally.ignored++;
    } else {
      tally.fp++;
      const what = f.what ? `${f.what} = ` : "";
      const note = gold.some(fits) ? "duplicate of an already matched figure" : undefined;
      tally.falsePositives.push({ report: reportLabel, line: f.line, text: `${what}${String(f.value)}${f.quote ? ` (${f.quote})` : ""}`, ...(note ? { note } : {}) });
    }
  }
  for (const g of gold) {
    if (g.borderline || taken.has(g)) continue;
    tally.fn++;
    tally.misses.push({ report: reportLabel, line: g.line, text: `${g.value}${g.percent ? "%" : ""} (${g.text})` });
  }
  return tally;
}
