/*
 * The two matrices, as plain data (the panels draw them, CSV exports them):
 * - problem × report: rows are problem themes, columns the reports that raise any of them (empty
 *   columns hidden), grouped by a report attribute (setting by default) and sorted by count; a cell
 *   counts the statements the report gives for the problem.
 * - problem × measure: rows problems, columns measures; a cell counts the reports in which a
 *   statement of the problem is answered by a statement of the measure (ADDRESSED_BY).
 */
import type { ReportInfo, ViewModel } from "./types.ts";

/** A row or column header. */
export interface MatrixHeader {
  key: string;
  label: string;
  /** Row: reports raising the problem in scope. Column: how many rows the column has a cell in. */
  count: number;
}

/** A report column, with its group. */
export interface ReportColumn extends MatrixHeader {
  group: string;
  report: ReportInfo;
}

/** Problem × report. */
export interface ProblemReportMatrix {
  rows: MatrixHeader[];
  columns: ReportColumn[];
  /** Groups in column order: [group, first column index, column count]. */
  groups: [string, number, number][];
  /** cells[row][column]: statements of that problem in that report. */
  cells: number[][];
  maxCount: number;
  /** Columns left out because no visible problem is raised there. */
  hiddenEmpty: number;
}

/** Report attributes the columns can be grouped by. */
export const GROUP_BY = ["setting", "region", "year", "organisation"] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** Problem themes among the visible nodes, most recurrent (within the scope) first. */
function problemRows(view: ViewModel, visibleNodes: Set<string>, scope: Set<string> | null, maxRows: number): MatrixHeader[] {
  const rows: MatrixHeader[] = [];
  view.graph.forEachNode((key, a) => {
    if (a.kind !== "Problem" || !visibleNodes.has(key)) return;
    let count = a.reportCount;
    if (scope) {
      count = 0;
      for (const r of view.nodeReports.get(key) ?? []) if (scope.has(r)) count++;
    }
    rows.push({ key, label: a.fullLabel, count });
  });
  rows.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, "zh") || (a.key < b.key ? -1 : 1));
  return rows.slice(0, maxRows);
}

/** Build problem × report over the visible problems and the reports in scope (null = all). */
export function buildProblemReportMatrix(
  view: ViewModel,
  visibleNodes: Set<string>,
  scope: Set<string> | null,
  options: { groupBy?: GroupBy; maxRows?: number } = {},
): ProblemReportMatrix {
  const groupBy = options.groupBy ?? "setting";
  const rows = problemRows(view, visibleNodes, scope, options.maxRows ?? 300);
  const perReport = new Map<string, number>();
  for (const row of rows) {
    for (const [report] of view.cellCounts.get(row.key) ?? []) {
      if (scope && !scope.has(report)) continue;
      perReport.set(report, (perReport.get(report) ?? 0) + 1);
    }
  }
  const inScope = view.reports.filter((r) => scope === null || scope.has(r.key));
  const groupOf = (r: ReportInfo) => r[groupBy] ?? "—";
  const groupSize = new Map<string, number>();
  for (const r of inScope) if (perReport.has(r.key)) groupSize.set(groupOf(r), (groupSize.get(groupOf(r)) ?? 0) + (perReport.get(r.key) ?? 0));
  const columns: ReportColumn[] = inScope
    .filter((r) => perReport.has(r.key))
    .map((r) => ({ key: r.key, label: r.title, count: perReport.get(r.key)!, group: groupOf(r), report: r }))
    .sort(
      (a, b) =>
        (groupSize.get(b.group) ?? 0) - (groupSize.get(a.group) ?? 0) ||
        a.group.localeCompare(b.group) ||
        b.count - a.count ||
        a.label.localeCompare(b.label, "zh") ||
        (a.key < b.key ? -1 : 1),
    );
  const groups: [string, number, number][] = [];
  columns.forEach((c, i) => {
    const last = groups[groups.length - 1];
    if (last && last[0] === c.group) last[2]++;
    else groups.push([c.group, i, 1]);
  });
  const colIndex = new Map(columns.map((c, i) => [c.key, i]));
  let maxCount = 0;
  const cells = rows.map((row) => {
    const line = new Array<number>(columns.length).fill(0);
    for (const [report, n] of view.cellCounts.get(row.key) ?? []) {
      const i = colIndex.get(report);
      if (i === undefined) continue;
      line[i] = n;
      if (n > maxCount) maxCount = n;
    }
    return line;
  });
  return { rows, columns, groups, cells, maxCount, hiddenEmpty: inScope.length - columns.length };
}

/** Problem × measure. */
export interface ProblemMeasureMatrix {
  rows: MatrixHeader[];
  columns: MatrixHeader[];
  /** cells[row][column]: reports (in scope) pairing them. */
  cells: number[][];
  maxCount: number;
}

/** Build problem × measure over the visible problems and measures, counting reports in scope. */
export function buildProblemMeasureMatrix(
  view: ViewModel,
  visibleNodes: Set<string>,
  scope: Set<string> | null,
  options: { maxRows?: number; maxColumns?: number } = {},
): ProblemMeasureMatrix {
  const counts = new Map<string, number>();
  const rowTotals = new Map<string, number>();
  const colTotals = new Map<string, number>();
  for (const [k, pair] of view.pairs) {
    let n = 0;
    for (const r of pair.reports) if (scope === null || scope.has(r)) n++;
    if (n === 0) continue;
    counts.set(k, n);
    rowTotals.set(pair.problem, (rowTotals.get(pair.problem) ?? 0) + n);
    colTotals.set(pair.measure, (colTotals.get(pair.measure) ?? 0) + n);
  }
  const header = (key: string, total: number): MatrixHeader => ({ key, label: view.graph.getNodeAttribute(key, "fullLabel"), count: total });
  const sortHeaders = (a: MatrixHeader, b: MatrixHeader) => b.count - a.count || a.label.localeCompare(b.label, "zh") || (a.key < b.key ? -1 : 1);
  const rows = [...rowTotals]
    .filter(([k]) => view.graph.hasNode(k) && visibleNodes.has(k))
    .map(([k, n]) => header(k, n))
    .sort(sortHeaders)
    .slice(0, options.maxRows ?? 200);
  const columns = [...colTotals]
    .filter(([k]) => view.graph.hasNode(k) && visibleNodes.has(k))
    .map(([k, n]) => header(k, n))
    .sort(sortHeaders)
    .slice(0, options.maxColumns ?? 200);
  let maxCount = 0;
  const cells = rows.map((row) =>
    columns.map((col) => {
      const n = counts.get(`${row.key}\u0000${col.key}`) ?? 0;
      if (n > maxCount) maxCount = n;
      return n;
    }),
  );
  return { rows, columns, cells, maxCount };
}

/** CSV text (RFC 4180, quoted where needed, BOM so spreadsheet programs read the Chinese as UTF-8). */
export function toCsv(table: (string | number)[][]): string {
  const field = (v: string | number) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${table.map((row) => row.map(field).join(",")).join("\r\n")}\r\n`;
}

/** The problem × report matrix as a table for CSV: header rows (group, report), then one row per problem. */
export function problemReportTable(m: ProblemReportMatrix): (string | number)[][] {
  return [
    ["problem", "reports", ...m.columns.map((c) => c.group)],
    ["", "", ...m.columns.map((c) => c.label)],
    ...m.rows.map((row, r) => [row.label, row.count, ...m.cells[r]!]),
  ];
}

/** The problem × measure matrix as a table for CSV. */
export function problemMeasureTable(m: ProblemMeasureMatrix): (string | number)[][] {
  return [["problem \\ measure", ...m.columns.map((c) => c.label)], ...m.rows.map((row, r) => [row.label, ...m.cells[r]!])];
}
