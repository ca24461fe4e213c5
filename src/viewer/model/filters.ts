/*
 * Filters → visible nodes and edges. Computed once per filter change (O(nodes + edges)), so the
 * sigma reducers only look keys up and no per-frame work touches every node.
 */
import { DEFAULT_VISIBLE_LABELS } from "./types.ts";
import type { Filters, ViewModel, Visibility } from "./types.ts";

/** The filters the viewer opens with: the aggregate view of problem and measure themes. */
export function createDefaultFilters(): Filters {
  return { labels: new Set(DEFAULT_VISIBLE_LABELS), settings: null, reportKey: null, minRecurrence: 1, gapsOnly: false };
}

/** Reports kept by the setting and report filters, or null when neither narrows anything. */
export function scopeReports(view: ViewModel, filters: Filters): Set<string> | null {
  if (filters.settings === null && filters.reportKey === null) return null;
  const scope = new Set<string>();
  for (const r of view.reports) {
    if (filters.settings !== null && !filters.settings.has(r.setting)) continue;
    if (filters.reportKey !== null && r.key !== filters.reportKey) continue;
    scope.add(r.key);
  }
  return scope;
}

/** Recurrence of a node within the report scope (all reports when scope is null). */
export function recurrenceInScope(view: ViewModel, key: string, scope: Set<string> | null): number {
  const reports = view.nodeReports.get(key);
  if (scope === null) return Math.max(view.graph.getNodeAttribute(key, "reportCount"), reports?.size ?? 0);
  if (!reports) return 0;
  let n = 0;
  for (const r of reports) if (scope.has(r)) n++;
  return n;
}

/** Which display nodes and edges the filters keep. */
export function computeVisibility(view: ViewModel, filters: Filters): Visibility {
  const scope = scopeReports(view, filters);
  const nodes = new Set<string>();
  view.graph.forEachNode((key, a) => {
    if (isNodeVisible(view, filters, scope, key, a.kind)) nodes.add(key);
  });
  const edges = new Set<string>();
  view.graph.forEachEdge((edge, _a, source, target) => {
    if (nodes.has(source) && nodes.has(target)) edges.add(edge);
  });
  return { nodes, edges };
}

function isNodeVisible(view: ViewModel, filters: Filters, scope: Set<string> | null, key: string, kind: string): boolean {
  if (filters.gapsOnly && !(kind === "Problem" && view.gaps.has(key))) return false;
  if (!filters.gapsOnly && !filters.labels.has(kind as never)) return false;
  if (kind === "Report") return scope === null || scope.has(key);
  const count = recurrenceInScope(view, key, scope);
  if (scope !== null && count === 0) return false;
  return count >= filters.minRecurrence || (scope === null && count === 0 && filters.minRecurrence <= 1);
}

/** Largest recurrence among the node types shown (reports excluded), for the slider's range. */
export function maxRecurrence(view: ViewModel, labels?: ReadonlySet<string>): number {
  let max = 1;
  view.graph.forEachNode((_k, a) => {
    if (a.kind === "Report" || (labels && !labels.has(a.kind))) return;
    if (a.reportCount > max) max = a.reportCount;
  });
  return max;
}
