/*
 * Report alignment: a predicted report matches a gold report when its startLine equals the gold
 * start_line or one of its alt_start_line values, one to one (exact start lines are paired first).
 */
import { emptyTally, type Tally } from "./result.ts";
import type { ExtractionJsonReport, GoldReport } from "./types.ts";
import { maxOf } from "../util/arrays.ts";

/** The outcome of aligning predicted reports with gold reports. */
export interface ReportAlignment {
  pairs: { gold: GoldReport; pred: ExtractionJsonReport }[];
  unmatchedGold: GoldReport[];
  unmatchedPred: ExtractionJsonReport[];
}

/** Start lines a gold report accepts, the annotated one first. */
export function acceptedStartLines(gold: GoldReport): number[] {
  const alt = gold.alt_start_line;
  const alts = alt === undefined ? [] : Array.isArray(alt) ? alt : [alt];
  return [gold.start_line, ...alts];
}

/** Pair predicted and gold reports by start line (one to one; exact start lines before alternatives). */
export function alignReports(gold: GoldReport[], pred: ExtractionJsonReport[]): ReportAlignment {
  const goldTaken = new Set<GoldReport>();
  const predTaken = new Set<ExtractionJsonReport>();
  const pairs: ReportAlignment["pairs"] = [];
  const maxAlternatives = maxOf(gold.map((g) => acceptedStartLines(g).length), 1);
  for (let rank = 0; rank < maxAlternatives; rank++) {
    for (const g of gold) {
      const line = acceptedStartLines(g)[rank];
      if (goldTaken.has(g) || line === undefined) continue;
      const p = pred.find((candidate) => !predTaken.has(candidate) && candidate.startLine === line);
      if (!p) continue;
      goldTaken.add(g);
      predTaken.add(p);
      pairs.push({ gold: g, pred: p });
    }
  }
  pairs.sort((a, b) => gold.indexOf(a.gold) - gold.indexOf(b.gold));
  return {
    pairs,
    unmatchedGold: gold.filter((g) => !goldTaken.has(g)),
    unmatchedPred: pred.filter((p) => !predTaken.has(p)),
  };
}

/** Label used in details for a predicted report no gold report matched. */
export function predReportLabel(report: ExtractionJsonReport): string {
  return `pred@${report.startLine}`;
}

/** The "reports" metric: one item per report. */
export function scoreReports(alignment: ReportAlignment): Tally {
  const tally = emptyTally();
  tally.predTp = alignment.pairs.length;
  tally.goldFound = alignment.pairs.length;
  for (const g of alignment.unmatchedGold) {
    tally.fn++;
    tally.misses.push({ report: g.id, line: g.start_line, text: `report starting at line ${g.start_line}` });
  }
  for (const p of alignment.unmatchedPred) {
    tally.fp++;
    const title = p.title ? ` (${p.title})` : "";
    tally.falsePositives.push({ report: predReportLabel(p), line: p.startLine, text: `report starting at line ${p.startLine}${title}` });
  }
  return tally;
}
