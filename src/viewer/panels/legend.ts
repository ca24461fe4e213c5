/*
 * Legend panel: one row per node type with its colour, a switch to show or hide the type, and how
 * many of its nodes are visible.
 */
import { NODE_CAPTIONS, NODE_COLORS } from "../model/style.ts";
import { DISPLAY_LABELS } from "../model/types.ts";
import type { DisplayLabel } from "../model/types.ts";
import { setFilters, subscribe } from "../state.ts";
import type { State, ViewerContext } from "../state.ts";
import { el } from "./dom.ts";

/** Build the legend; returns its element and cleanup. */
export function createLegend(ctx: ViewerContext): { element: HTMLElement; cleanup: () => void } {
  const totals = countByKind(ctx, null);
  const rows = DISPLAY_LABELS.map((kind) => legendRow(ctx, kind, totals.get(kind) ?? 0));
  const element = el("section", { className: "panel legend", attrs: { "aria-label": "legend" } }, [
    el("h2", { text: "图例 / 类型 Legend" }),
    ...rows.map((r) => r.row),
  ]);
  const update = (state: State) => {
    const visible = countByKind(ctx, state.visibility.nodes);
    for (const r of rows) r.update(state, visible.get(r.kind) ?? 0);
  };
  update(ctx.state);
  return { element, cleanup: subscribe(ctx, update) };
}

function legendRow(ctx: ViewerContext, kind: DisplayLabel, total: number) {
  const box = el("input", { attrs: { type: "checkbox", "data-testid": `type-toggle-${kind}` } });
  box.addEventListener("change", () => {
    const labels = new Set(ctx.state.filters.labels);
    if (box.checked) labels.add(kind);
    else labels.delete(kind);
    setFilters(ctx, { labels });
  });
  const count = el("span", { className: "count" });
  const row = el("label", { className: "legend-row" }, [
    box,
    el("span", { className: "swatch", attrs: { style: `background:${NODE_COLORS[kind]}` } }),
    el("span", { text: NODE_CAPTIONS[kind] }),
    count,
  ]);
  const update = (state: State, visible: number) => {
    box.checked = state.filters.labels.has(kind);
    box.disabled = state.filters.gapsOnly;
    count.textContent = `${visible}/${total}`;
  };
  return { kind, row, update };
}

function countByKind(ctx: ViewerContext, only: Set<string> | null): Map<string, number> {
  const counts = new Map<string, number>();
  ctx.view.graph.forEachNode((key, a) => {
    if (only && !only.has(key)) return;
    counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
  });
  return counts;
}
