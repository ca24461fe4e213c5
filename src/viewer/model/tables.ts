/* Tables of the viewer as rows for CSV export. */
import type { ProblemRow } from "./ranking.ts";

/** The ranked problem list. */
export function problemRowsTable(rows: ProblemRow[]): (string | number)[][] {
  return [["rank", "problem", "family", "reports", "measures", "gap"], ...rows.map((r, i) => [i + 1, r.label, r.family ?? "", r.recurrence, r.measures, r.gap ? "yes" : "no"])];
}
