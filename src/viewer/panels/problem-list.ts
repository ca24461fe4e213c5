/*
 * The first screen: recurring problem themes ranked by how many reports raise them. Each row shows
 * the theme's family (when the codebook gives one), its recurrence as a number and a bar, how many
 * measures are proposed for it, and a gap flag when none is. The list can be sorted, narrowed to one
 * report setting, searched, and limited to gaps; choosing a row selects the theme, so its ego network
 * stays highlighted on the canvas until it is cleared.
 */
import { scopeReports } from "../model/filters.ts";
import { LIST_SORTS, rankProblems } from "../model/ranking.ts";
import type { ListSort, ProblemRow } from "../model/ranking.ts";
import { problemRowsTable } from "../model/tables.ts";
import { toCsv } from "../model/matrix.ts";
import { setFilters, setList, setSelectedNode, subscribe } from "../state.ts";
import type { State, ViewerContext } from "../state.ts";
import { downloadText } from "../controllers/download.ts";
import { clear, el } from "./dom.ts";
import { SETTING_CAPTIONS } from "./filters.ts";

/** Rows drawn at first; "more" adds as many again. */
export const LIST_PAGE = 150;

const SORT_CAPTIONS: Record<ListSort, string> = {
  recurrence: "按报告数 by recurrence",
  measures: "按对策数 by measures",
  gap: "无对策优先 gaps first",
  name: "按名称 by name",
};

/** Build the ranked list; `fold` folds text for search (traditional → simplified …). */
export function createProblemList(ctx: ViewerContext, fold: (text: string) => string): { element: HTMLElement; cleanup: () => void } {
  const search = el("input", {
    attrs: { type: "search", placeholder: "筛选问题 Filter problems", "aria-label": "filter problems", "data-testid": "list-search" },
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => setList(ctx, { listQuery: search.value }), 80);
  });
  const sort = el(
    "select",
    { attrs: { "aria-label": "sort", "data-testid": "list-sort" } },
    LIST_SORTS.map((s) => el("option", { text: SORT_CAPTIONS[s], attrs: { value: s } })),
  );
  sort.addEventListener("change", () => setList(ctx, { listSort: sort.value as ListSort }));
  const setting = el("select", { attrs: { "aria-label": "setting", "data-testid": "list-setting" } }, [
    el("option", { text: "全部类型 All settings", attrs: { value: "" } }),
    ...ctx.view.settings.map((s) => el("option", { text: SETTING_CAPTIONS[s] ?? s, attrs: { value: s } })),
  ]);
  setting.addEventListener("change", () => setFilters(ctx, { settings: setting.value ? new Set([setting.value]) : null }));
  const gaps = el("input", { attrs: { type: "checkbox", "data-testid": "gaps-toggle" } });
  gaps.addEventListener("change", () => setFilters(ctx, { gapsOnly: gaps.checked }));
  const csv = el("button", { text: "CSV", attrs: { type: "button", title: "导出列表 Export the list as CSV", "data-testid": "list-csv" } });
  const clearButton = el("button", { text: "清除选择 Clear", attrs: { type: "button", "data-testid": "clear-selection" } });
  clearButton.addEventListener("click", () => setSelectedNode(ctx, null));
  const summary = el("p", { className: "list-summary", attrs: { "data-testid": "list-summary" } });
  const list = el("ol", { className: "problem-list", attrs: { "data-testid": "problem-list", role: "listbox", "aria-label": "recurring problems" } });
  const more = el("button", { className: "more", text: "显示更多 Show more", attrs: { type: "button" } });
  let shown = LIST_PAGE;
  let rows: ProblemRow[] = [];
  more.addEventListener("click", () => {
    shown += LIST_PAGE;
    draw(ctx.state);
  });
  csv.addEventListener("click", () => downloadText(toCsv(problemRowsTable(rows)), "kg-problems.csv", "text/csv"));
  const element = el("section", { className: "panel problems", attrs: { "aria-label": "recurring problems", "data-testid": "problems-panel" } }, [
    el("h2", { text: "反复出现的问题 Recurring problems" }),
    el("div", { className: "list-controls" }, [search, el("div", { className: "row" }, [setting, sort]), el("label", { className: "row" }, [gaps, el("span", { text: "只看无对策 Gaps only" })]), el("div", { className: "row" }, [clearButton, csv])]),
    summary,
    list,
    more,
  ]);
  let last: unknown[] = [];
  const draw = (state: State) => {
    const scope = scopeReports(ctx.view, state.filters);
    rows = rankProblems(ctx.view, {
      scope,
      sort: state.listSort,
      query: state.listQuery,
      fold,
      gapsOnly: state.filters.gapsOnly,
      minRecurrence: state.filters.minRecurrence,
    });
    const max = rows.reduce((m, r) => Math.max(m, r.recurrence), 1);
    const reportsInScope = scope ? scope.size : ctx.view.reports.length;
    summary.textContent = `${rows.length} 个问题 · ${reportsInScope} 份报告 problems · reports`;
    clear(list);
    const frag = document.createDocumentFragment();
    rows.slice(0, shown).forEach((row, i) => frag.append(problemRow(ctx, row, i, max, state.selectedNode === row.key)));
    list.append(frag);
    more.hidden = rows.length <= shown;
  };
  const update = (state: State) => {
    search.value = state.listQuery;
    sort.value = state.listSort;
    setting.value = state.filters.settings && state.filters.settings.size === 1 ? [...state.filters.settings][0]! : "";
    gaps.checked = state.filters.gapsOnly;
    const next = [state.filters, state.listQuery, state.listSort, state.selectedNode];
    if (next.every((v, i) => v === last[i])) return;
    if (next[0] !== last[0] || next[1] !== last[1] || next[2] !== last[2]) shown = LIST_PAGE;
    last = next;
    draw(state);
  };
  update(ctx.state);
  const unsubscribe = subscribe(ctx, update);
  return {
    element,
    cleanup: () => {
      clearTimeout(timer);
      unsubscribe();
    },
  };
}

function problemRow(ctx: ViewerContext, row: ProblemRow, index: number, max: number, selected: boolean): HTMLElement {
  const bar = el("span", { className: "bar" }, [el("span", { className: "bar-fill", attrs: { style: `width:${((100 * row.recurrence) / max).toFixed(1)}%` } })]);
  const button = el(
    "button",
    {
      className: "problem-row",
      attrs: { type: "button", "data-key": row.key, "data-recurrence": String(row.recurrence), title: row.label, role: "option", "aria-selected": String(selected) },
    },
    [
      el("span", { className: "rank", text: String(index + 1) }),
      el("span", { className: "main" }, [
        el("span", { className: "name", text: row.label }),
        el("span", { className: "meta" }, [
          row.family ? el("span", { className: "family", text: row.family }) : null,
          row.gap
            ? el("span", { className: "gap-flag", text: "无对策 gap", attrs: { "data-testid": "gap-flag" } })
            : el("span", { className: "measures", text: `对策 ${row.measures} measures` }),
        ]),
      ]),
      el("span", { className: "recurrence" }, [el("span", { className: "num", text: String(row.recurrence) }), bar]),
    ],
  );
  button.addEventListener("click", () => setSelectedNode(ctx, selected ? null : row.key));
  return el("li", { className: selected ? "selected" : "" }, [button]);
}
