/*
 * The ranked list of recurring problem themes, the viewer's first screen: per problem its family,
 * its recurrence (distinct reports in the current scope), how many measure themes are proposed for it
 * and whether none is (a gap). Sorted, filtered by report scope and searched; pure.
 */
import type { ViewModel } from "./types.ts";

/** One row of the list. */
export interface ProblemRow {
  key: string;
  label: string;
  family: string | null;
  /** Distinct reports (in scope) raising the problem. */
  recurrence: number;
  /** Measure themes linked to it by ADDRESSED_BY. */
  measures: number;
  gap: boolean;
}

export const LIST_SORTS = ["recurrence", "measures", "gap", "name"] as const;
export type ListSort = (typeof LIST_SORTS)[number];

/** Options of rankProblems. */
export interface RankOptions {
  scope: Set<string> | null;
  sort?: ListSort;
  /** Folded query (see model/search foldText); rows whose folded label or family contains it. */
  query?: string;
  fold?: (text: string) => string;
  gapsOnly?: boolean;
  minRecurrence?: number;
}

/** All problem rows (recurrence 0 in scope are left out). */
export function rankProblems(view: ViewModel, options: RankOptions): ProblemRow[] {
  const rows: ProblemRow[] = [];
  const q = options.query && options.fold ? options.fold(options.query) : "";
  view.graph.forEachNode((key, a) => {
    if (a.kind !== "Problem") return;
    let recurrence = a.reportCount;
    if (options.scope) {
      recurrence = 0;
      for (const r of view.nodeReports.get(key) ?? []) if (options.scope.has(r)) recurrence++;
    }
    if (recurrence === 0 && options.scope) return;
    if (options.minRecurrence && recurrence < options.minRecurrence) return;
    const gap = view.gaps.has(key);
    if (options.gapsOnly && !gap) return;
    const family = typeof a.family === "string" && a.family ? a.family : null; // the label (model/build-view)
    if (q && options.fold && !options.fold(`${a.fullLabel} ${family ?? ""}`).includes(q)) return;
    let measures = 0;
    view.graph.forEachOutEdge(key, (_e, ea, _s, t) => {
      if (ea.rel === "ADDRESSED_BY" && view.graph.getNodeAttribute(t, "kind") === "Measure") measures++;
    });
    rows.push({ key, label: a.fullLabel, family, recurrence, measures, gap });
  });
  const byName = (x: ProblemRow, y: ProblemRow) => x.label.localeCompare(y.label, "zh") || (x.key < y.key ? -1 : 1);
  const sort = options.sort ?? "recurrence";
  rows.sort((x, y) => {
    if (sort === "measures") return y.measures - x.measures || y.recurrence - x.recurrence || byName(x, y);
    if (sort === "gap") return Number(y.gap) - Number(x.gap) || y.recurrence - x.recurrence || byName(x, y);
    if (sort === "name") return byName(x, y);
    return y.recurrence - x.recurrence || y.measures - x.measures || byName(x, y);
  });
  return rows;
}
