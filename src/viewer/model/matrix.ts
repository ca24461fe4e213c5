/*
 * Problem × report matrix: for each visible problem theme, the statements each report gives for it.
 * Cells hold the evidence, so a click can open the quotes.
 */
import type { Evidence, ReportInfo, ViewModel } from "./types.ts";

/** The heatmap's data: rows are problems (most recurrent first), columns are reports in source order. */
export interface ProblemReportMatrix {
  rows: { key: string; label: string; reportCount: number }[];
  columns: ReportInfo[];
  /** cells[row][column]: the evidence of that problem in that report (empty when the report does not raise it). */
  cells: Evidence[][][];
  maxCount: number;
}

/** Build the matrix over the given problem keys and reports (null = all reports). */
export function buildProblemReportMatrix(
  view: ViewModel,
  visibleNodes: Set<string>,
  scope: Set<string> | null,
  maxRows = 200,
): ProblemReportMatrix {
  const columns = view.reports.filter((r) => scope === null || scope.has(r.key));
  const colIndex = new Map(columns.map((c, i) => [c.key, i]));
  const rows: ProblemReportMatrix["rows"] = [];
  view.graph.forEachNode((key, a) => {
    if (a.kind === "Problem" && visibleNodes.has(key)) rows.push({ key, label: a.label, reportCount: a.reportCount });
  });
  rows.sort((a, b) => b.reportCount - a.reportCount || a.label.localeCompare(b.label, "zh") || (a.key < b.key ? -1 : 1));
  rows.length = Math.min(rows.length, maxRows);
  let maxCount = 0;
  const cells = rows.map((row) => {
    const line: Evidence[][] = columns.map(() => []);
    for (const ev of view.evidence.get(row.key) ?? []) {
      const i = colIndex.get(ev.reportKey);
      if (i !== undefined) line[i]!.push(ev);
    }
    for (const cell of line) maxCount = Math.max(maxCount, cell.length);
    return line;
  });
  return { rows, columns, cells, maxCount };
}
