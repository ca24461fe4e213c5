/*
 * The view state in the URL's hash (selection, filters, node types, searches, list order, open
 * matrix), so a view can be bookmarked and shared: read once when the page opens, written (with
 * history.replaceState) after every change.
 */
import { LIST_SORTS } from "../model/ranking.ts";
import type { ListSort } from "../model/ranking.ts";
import { DISPLAY_LABELS } from "../model/types.ts";
import type { DisplayLabel, Filters } from "../model/types.ts";
import type { MatrixKind, State } from "../state.ts";

/** What the hash can carry. */
export interface UrlState {
  selected?: string;
  query?: string;
  listQuery?: string;
  listSort?: ListSort;
  matrix?: MatrixKind;
  filters: Partial<Filters>;
}

/** The hash for a state (without '#'); defaults are left out. */
export function encodeUrlState(state: State): string {
  const p = new URLSearchParams();
  if (state.selectedNode) p.set("sel", state.selectedNode);
  if (state.query) p.set("q", state.query);
  if (state.listQuery) p.set("lq", state.listQuery);
  if (state.listSort !== "recurrence") p.set("sort", state.listSort);
  if (state.matrix) p.set("matrix", state.matrix);
  const f = state.filters;
  const types = [...f.labels].sort().join(",");
  if (types !== "Measure,Problem") p.set("types", types);
  if (f.settings) p.set("settings", [...f.settings].sort().join(","));
  if (f.reportKey) p.set("report", f.reportKey);
  if (f.minRecurrence > 1) p.set("min", String(f.minRecurrence));
  if (f.gapsOnly) p.set("gaps", "1");
  return p.toString();
}

/** Read a hash (with or without '#'); unknown or malformed values are ignored. */
export function decodeUrlState(hash: string): UrlState {
  const p = new URLSearchParams(hash.replace(/^#/, ""));
  const out: UrlState = { filters: {} };
  const sel = p.get("sel");
  if (sel) out.selected = sel;
  const q = p.get("q");
  if (q) out.query = q;
  const lq = p.get("lq");
  if (lq) out.listQuery = lq;
  const sort = p.get("sort");
  if (sort && (LIST_SORTS as readonly string[]).includes(sort)) out.listSort = sort as ListSort;
  const matrix = p.get("matrix");
  if (matrix === "problem-measure" || matrix === "problem-report") out.matrix = matrix;
  const types = p.get("types");
  if (types !== null) {
    out.filters.labels = new Set(types.split(",").filter((t): t is DisplayLabel => (DISPLAY_LABELS as readonly string[]).includes(t)));
  }
  const settings = p.get("settings");
  if (settings) out.filters.settings = new Set(settings.split(",").filter(Boolean));
  const report = p.get("report");
  if (report) out.filters.reportKey = report;
  const min = Number(p.get("min"));
  if (Number.isInteger(min) && min > 1) out.filters.minRecurrence = min;
  if (p.get("gaps") === "1") out.filters.gapsOnly = true;
  return out;
}
