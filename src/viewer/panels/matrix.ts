/*
 * Problem × report heatmap as an HTML table: rows are the visible problem themes, columns the
 * reports in scope; a cell's shade is how many statements the report gives; clicking it opens them.
 */
import { scopeReports } from "../model/filters.ts";
import { buildProblemReportMatrix } from "../model/matrix.ts";
import { setCellFocus, setMatrixOpen, subscribe } from "../state.ts";
import type { State, ViewerContext } from "../state.ts";
import { clear, el } from "./dom.ts";

/** Build the matrix overlay; returns its element and cleanup. */
export function createMatrixPanel(ctx: ViewerContext): { element: HTMLElement; cleanup: () => void } {
  const body = el("div", { className: "matrix-body" });
  const element = el("section", { className: "panel matrix", attrs: { "data-testid": "matrix", "aria-label": "matrix" } }, [
    el("header", {}, [
      el("h2", { text: "问题 × 报告 Problem × report" }),
      el("button", { text: "×", attrs: { type: "button", "aria-label": "close" }, on: { click: () => setMatrixOpen(ctx, false) } }),
    ]),
    body,
  ]);
  let lastVisibility: unknown = null;
  const update = (state: State) => {
    element.hidden = !state.matrixOpen;
    if (!state.matrixOpen || state.visibility === lastVisibility) return;
    lastVisibility = state.visibility;
    renderTable(ctx, state, body);
  };
  update(ctx.state);
  return { element, cleanup: subscribe(ctx, update) };
}

function renderTable(ctx: ViewerContext, state: State, body: HTMLElement): void {
  clear(body);
  const m = buildProblemReportMatrix(ctx.view, state.visibility.nodes, scopeReports(ctx.view, state.filters));
  if (m.rows.length === 0) {
    body.append(el("p", { text: "没有可见的问题 No visible problems" }));
    return;
  }
  const head = el("tr", {}, [
    el("th", { text: "问题 \\ 报告" }),
    ...m.columns.map((c, i) => el("th", { className: "col", text: String(i + 1), attrs: { title: c.title, scope: "col" } })),
  ]);
  const rows = m.rows.map((row, r) =>
    el("tr", {}, [
      el("th", { className: "row-label", text: `${row.label} (${row.reportCount})`, attrs: { scope: "row", title: row.label } }),
      ...m.columns.map((col, c) => matrixCell(ctx, row.key, col.key, `${row.label} · ${col.title}`, m.cells[r]![c]!.length, m.maxCount)),
    ]),
  );
  const legend = el("ol", { className: "matrix-columns" }, m.columns.map((c) => el("li", { text: c.title })));
  body.append(el("table", {}, [el("thead", {}, [head]), el("tbody", {}, rows)]), legend);
}

function matrixCell(ctx: ViewerContext, nodeKey: string, reportKey: string, title: string, count: number, max: number) {
  const alpha = count === 0 ? 0 : 0.2 + 0.8 * (count / Math.max(1, max));
  const td = el("td", {
    className: count ? "cell filled" : "cell",
    text: count ? String(count) : "",
    attrs: { title, style: `background:rgba(214,39,40,${alpha.toFixed(2)})`, "data-count": String(count) },
  });
  if (count) td.addEventListener("click", () => setCellFocus(ctx, { nodeKey, reportKey }));
  return td;
}
