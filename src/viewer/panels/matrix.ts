/*
 * The matrices, in an overlay over the canvas:
 * - 问题 × 对策 problem × measure: a cell counts the reports pairing them; a click opens the paired
 *   quotes side by side, each with its report.
 * - 问题 × 报告 problem × report: columns grouped by setting (or region, year, organisation) under
 *   sticky headers with readable report names, empty columns hidden, sorted by count, and paged
 *   (COLUMN_PAGE columns at a time) so hundreds of reports stay usable; a click opens the quotes.
 * What a cell opens shows in a panel IN FRONT of the matrix. Every matrix exports as CSV.
 */
import { downloadText } from "../controllers/download.ts";
import { computeVisibility, scopeReports } from "../model/filters.ts";
import {
  GROUP_BY,
  buildProblemMeasureMatrix,
  buildProblemReportMatrix,
  problemMeasureTable,
  problemReportTable,
  toCsv,
} from "../model/matrix.ts";
import type { GroupBy, ProblemMeasureMatrix, ProblemReportMatrix } from "../model/matrix.ts";
import { setMatrix, setPopup, subscribe } from "../state.ts";
import type { MatrixKind, Popup, State, ViewerContext } from "../state.ts";
import { fillEvidence, quoteBlock } from "./details.ts";
import { clear, el } from "./dom.ts";
import { SETTING_CAPTIONS } from "./filters.ts";

/** Report columns drawn per page. */
export const COLUMN_PAGE = 60;

const GROUP_CAPTIONS: Record<GroupBy, string> = { setting: "按类型 by setting", region: "按地区 by region", year: "按年份 by year", organisation: "按单位 by organisation" };

/** Build the matrix overlay; returns its element and cleanup. */
export function createMatrixPanel(ctx: ViewerContext): { element: HTMLElement; cleanup: () => void } {
  const body = el("div", { className: "matrix-body" });
  const title = el("h2", {});
  const tabs = (["problem-measure", "problem-report"] as MatrixKind[]).map((kind) => {
    const b = el("button", {
      text: kind === "problem-measure" ? "问题 × 对策 Problem × measure" : "问题 × 报告 Problem × report",
      attrs: { type: "button", "data-testid": `matrix-tab-${kind}` },
    });
    b.addEventListener("click", () => setMatrix(ctx, kind));
    return { kind, b };
  });
  const groupBy = el(
    "select",
    { attrs: { "aria-label": "group reports by", "data-testid": "matrix-group-by" } },
    GROUP_BY.map((g) => el("option", { text: GROUP_CAPTIONS[g], attrs: { value: g } })),
  );
  const csv = el("button", { text: "导出 CSV", attrs: { type: "button", "data-testid": "matrix-csv" } });
  const popup = el("div", { className: "matrix-popup", attrs: { "data-testid": "cell-popup", role: "dialog", "aria-label": "quotes" } });
  popup.hidden = true;
  const element = el("section", { className: "panel matrix", attrs: { "data-testid": "matrix", "aria-label": "matrix" } }, [
    el("header", {}, [
      title,
      el("div", { className: "matrix-tools" }, [...tabs.map((t) => t.b), groupBy, csv]),
      el("button", { className: "close", text: "×", attrs: { type: "button", "aria-label": "close" }, on: { click: () => setMatrix(ctx, null) } }),
    ]),
    body,
    popup,
  ]);
  let page = 0;
  let current: { kind: MatrixKind; pm?: ProblemMeasureMatrix; pr?: ProblemReportMatrix } | null = null;
  groupBy.addEventListener("change", () => {
    page = 0;
    last = [];
    update(ctx.state);
  });
  csv.addEventListener("click", () => {
    if (current?.pm) downloadText(toCsv(problemMeasureTable(current.pm)), "kg-problem-measure.csv", "text/csv");
    else if (current?.pr) downloadText(toCsv(problemReportTable(current.pr)), "kg-problem-report.csv", "text/csv");
  });
  let last: unknown[] = [];
  let lastPopup: Popup | null = null;
  const update = (state: State) => {
    element.hidden = state.matrix === null;
    for (const t of tabs) t.b.setAttribute("aria-pressed", String(t.kind === state.matrix));
    groupBy.hidden = state.matrix !== "problem-report";
    if (state.popup !== lastPopup) {
      lastPopup = state.popup;
      renderPopup(ctx, state.popup, popup);
    }
    if (state.matrix === null) return;
    const next = [state.matrix, state.visibility, state.filters];
    if (next.every((v, i) => v === last[i])) return;
    if (next[0] !== last[0]) page = 0;
    last = next;
    const scope = scopeReports(ctx.view, state.filters);
    clear(body);
    if (state.matrix === "problem-measure") {
      const m = buildProblemMeasureMatrix(ctx.view, problemsAndMeasures(ctx, state), scope);
      current = { kind: state.matrix, pm: m };
      title.textContent = `问题 × 对策：${m.rows.length} × ${m.columns.length}（格内为同时提出两者并相互关联的报告数 reports pairing them）`;
      body.append(problemMeasureTableEl(ctx, m));
    } else {
      const m = buildProblemReportMatrix(ctx.view, problemsAndMeasures(ctx, state), scope, { groupBy: groupBy.value as GroupBy });
      current = { kind: state.matrix, pr: m };
      const draw = () => {
        clear(body);
        title.textContent = `问题 × 报告：${m.rows.length} 个问题 × ${m.columns.length} 份报告（隐藏 ${m.hiddenEmpty} 份无此类问题的报告 empty reports hidden）`;
        body.append(problemReportTableEl(ctx, m, page, (p) => {
          page = p;
          draw();
        }));
      };
      draw();
    }
  };
  update(ctx.state);
  return { element, cleanup: subscribe(ctx, update) };
}

/** The problems and measures the matrices use: those the filters keep, whichever node types are switched on. */
function problemsAndMeasures(ctx: ViewerContext, state: State): Set<string> {
  return computeVisibility(ctx.view, { ...state.filters, labels: new Set(["Problem", "Measure"]) }).nodes;
}

function shade(count: number, max: number, rgb: string): string {
  const alpha = count === 0 ? 0 : 0.15 + 0.85 * (count / Math.max(1, max));
  return `background:rgba(${rgb},${alpha.toFixed(2)});color:${alpha > 0.6 ? "#fff" : "#222"}`;
}

function problemMeasureTableEl(ctx: ViewerContext, m: ProblemMeasureMatrix): HTMLElement {
  if (m.rows.length === 0) return el("p", { text: "没有问题与对策的关联 No problem is linked to a measure in this view" });
  const head = el("tr", {}, [
    el("th", { className: "corner", text: "问题 \\ 对策" }),
    ...m.columns.map((c) => el("th", { className: "col", attrs: { title: `${c.label}（${c.count}）`, scope: "col" } }, [el("span", { className: "col-name", text: c.label })])),
  ]);
  const rows = m.rows.map((row, r) =>
    el("tr", {}, [
      el("th", {
        className: "row-label",
        text: `${row.label} (${ctx.view.graph.getNodeAttribute(row.key, "reportCount")})`,
        attrs: { scope: "row", title: `${row.label}：${ctx.view.graph.getNodeAttribute(row.key, "reportCount")} 份报告提出，${row.count} 个问题–对策配对 reports raising it, pairings` },
      }),
      ...m.columns.map((col, c) => {
        const n = m.cells[r]![c]!;
        const td = el("td", {
          className: n ? "cell filled" : "cell",
          text: n ? String(n) : "",
          attrs: { title: `${row.label} → ${col.label}: ${n}`, style: shade(n, m.maxCount, "44,160,44"), "data-count": String(n) },
        });
        if (n) td.addEventListener("click", () => setPopup(ctx, { kind: "pair", problem: row.key, measure: col.key }));
        return td;
      }),
    ]),
  );
  return el("div", { className: "matrix-scroll" }, [el("table", { attrs: { "data-testid": "matrix-table" } }, [el("thead", {}, [head]), el("tbody", {}, rows)])]);
}

function problemReportTableEl(ctx: ViewerContext, m: ProblemReportMatrix, page: number, onPage: (p: number) => void): HTMLElement {
  if (m.rows.length === 0) return el("p", { text: "没有可见的问题 No visible problems" });
  const pages = Math.max(1, Math.ceil(m.columns.length / COLUMN_PAGE));
  const from = Math.min(page, pages - 1) * COLUMN_PAGE;
  const to = Math.min(m.columns.length, from + COLUMN_PAGE);
  const cols = m.columns.slice(from, to);
  const groupRow = el("tr", { className: "groups" }, [el("th", { className: "corner" })]);
  let i = from;
  while (i < to) {
    const group = m.columns[i]!.group;
    let span = 0;
    while (i < to && m.columns[i]!.group === group) {
      span++;
      i++;
    }
    groupRow.append(el("th", { className: "group", text: SETTING_CAPTIONS[group] ?? group, attrs: { colspan: String(span), scope: "colgroup" } }));
  }
  const head = el("tr", {}, [
    el("th", { className: "corner", text: "问题 \\ 报告" }),
    ...cols.map((c) => el("th", { className: "col", attrs: { title: c.label, scope: "col", "data-report": c.key } }, [el("span", { className: "col-name", text: c.label })])),
  ]);
  const rows = m.rows.map((row, r) =>
    el("tr", {}, [
      el("th", { className: "row-label", text: `${row.label} (${row.count})`, attrs: { scope: "row", title: row.label } }),
      ...cols.map((col, c) => {
        const n = m.cells[r]![from + c]!;
        const td = el("td", {
          className: n ? "cell filled" : "cell",
          text: n ? String(n) : "",
          attrs: { title: `${row.label} · ${col.label}`, style: shade(n, m.maxCount, "214,39,40"), "data-count": String(n) },
        });
        if (n) td.addEventListener("click", () => setPopup(ctx, { kind: "cell", nodeKey: row.key, reportKey: col.key }));
        return td;
      }),
    ]),
  );
  const pager = el("div", { className: "pager", attrs: { "data-testid": "matrix-pager" } }, [
    el("button", { text: "‹ 上一页 Prev", attrs: { type: "button" }, on: { click: () => onPage(Math.max(0, page - 1)) } }),
    el("span", { text: `报告 ${from + 1}–${to} / ${m.columns.length}（第 ${Math.min(page, pages - 1) + 1}/${pages} 页）` }),
    el("button", { text: "下一页 Next ›", attrs: { type: "button" }, on: { click: () => onPage(Math.min(pages - 1, page + 1)) } }),
  ]);
  (pager.firstChild as HTMLButtonElement).disabled = page <= 0;
  (pager.lastChild as HTMLButtonElement).disabled = page >= pages - 1;
  return el("div", { className: "matrix-wrap" }, [
    pages > 1 ? pager : null,
    el("div", { className: "matrix-scroll" }, [el("table", { attrs: { "data-testid": "matrix-table" } }, [el("thead", {}, [groupRow, head]), el("tbody", {}, rows)])]),
  ]);
}

/** Fill the panel in front of the matrix with what a cell opened. */
function renderPopup(ctx: ViewerContext, popup: Popup | null, box: HTMLElement): void {
  clear(box);
  box.hidden = popup === null;
  if (!popup) return;
  const close = el("button", { className: "close", text: "×", attrs: { type: "button", "aria-label": "close quotes", "data-testid": "cell-popup-close" } });
  close.addEventListener("click", () => setPopup(ctx, null));
  const g = ctx.view.graph;
  const name = (k: string) => (g.hasNode(k) ? g.getNodeAttribute(k, "fullLabel") : k);
  if (popup.kind === "cell") {
    const report = ctx.view.reportByKey.get(popup.reportKey);
    const list = el("ol", { className: "evidence", attrs: { "data-testid": "evidence" } }, [el("li", { className: "empty", text: "加载中 Loading…" })]);
    box.append(close, el("h3", { text: `「${name(popup.nodeKey)}」 in 《${report?.title ?? popup.reportKey}》` }), list);
    void ctx.view.details.evidence(popup.nodeKey).then((items) => {
      if (ctx.state.popup !== popup) return;
      fillEvidence(list, items.filter((e) => e.reportKey === popup.reportKey), ctx.view);
    });
    return;
  }
  const list = el("div", { className: "pairs", attrs: { "data-testid": "pair-quotes" } }, [el("p", { text: "加载中 Loading…" })]);
  box.append(close, el("h3", {}, [el("span", { className: "p", text: name(popup.problem) }), " → ", el("span", { className: "m", text: name(popup.measure) })]), list);
  void ctx.view.details.pairQuotes(popup.problem, popup.measure).then((pairs) => {
    if (ctx.state.popup !== popup) return;
    clear(list);
    list.append(
      el("div", { className: "pair head" }, [el("span", { text: "问题 Problem" }), el("span", { text: "对策 Measure" })]),
      ...pairs.slice(0, 200).map((pq) =>
        el("div", { className: "pair", attrs: { "data-testid": "pair" } }, [
          el("p", { className: "pair-report", text: `《${pq.reportTitle}》 第 ${pq.problem.line} / ${pq.measure.line} 行` }),
          quoteBlock(pq.problem),
          quoteBlock(pq.measure),
        ]),
      ),
    );
    if (pairs.length === 0) list.append(el("p", { text: "无引文 No quotes" }));
  });
}
