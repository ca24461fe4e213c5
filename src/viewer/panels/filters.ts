/*
 * Filter panel: report settings, one report, minimum recurrence, the gaps switch, and the count of
 * what is visible.
 */
import { maxRecurrence } from "../model/filters.ts";
import { setFilters, subscribe } from "../state.ts";
import type { State, ViewerContext } from "../state.ts";
import { el } from "./dom.ts";

/** Chinese captions of report settings. */
export const SETTING_CAPTIONS: Record<string, string> = {
  school: "中小学 school",
  university: "高校 university",
  rural: "农村 rural",
  community: "社区 community",
  government: "机关 government",
  enterprise: "企业 enterprise",
  other: "其他 other",
  unknown: "未知 unknown",
};

/** Build the filter panel; returns its element and cleanup. */
export function createFilterPanel(ctx: ViewerContext): { element: HTMLElement; cleanup: () => void } {
  const status = el("p", { className: "status", attrs: { "data-testid": "visible-count", "aria-live": "polite" } });
  const minValue = el("output", { attrs: { "data-testid": "min-recurrence-value" } });
  const slider = el("input", {
    attrs: { type: "range", min: "1", max: String(maxRecurrence(ctx.view)), step: "1", "data-testid": "min-recurrence" },
  });
  slider.addEventListener("input", () => setFilters(ctx, { minRecurrence: Number(slider.value) }));
  const gaps = el("input", { attrs: { type: "checkbox", "data-testid": "gaps-toggle" } });
  gaps.addEventListener("change", () => setFilters(ctx, { gapsOnly: gaps.checked }));
  const element = el("section", { className: "panel filters", attrs: { "aria-label": "filters" } }, [
    el("h2", { text: "筛选 Filters" }),
    el("label", { className: "row" }, [gaps, el("span", { text: "只看无对策的问题 Gaps (problems with no measure)" })]),
    el("label", { className: "block" }, [el("span", { text: "最少报告数 Min. recurrence " }), minValue, slider]),
    settingBoxes(ctx),
    reportSelect(ctx),
    status,
  ]);
  const update = (state: State) => {
    slider.value = String(state.filters.minRecurrence);
    minValue.textContent = String(state.filters.minRecurrence);
    gaps.checked = state.filters.gapsOnly;
    status.textContent = `显示 ${state.visibility.nodes.size} 个节点 · ${state.visibility.edges.size} 条边`;
    status.setAttribute("data-nodes", String(state.visibility.nodes.size));
    status.setAttribute("data-edges", String(state.visibility.edges.size));
  };
  update(ctx.state);
  return { element, cleanup: subscribe(ctx, update) };
}

function settingBoxes(ctx: ViewerContext): HTMLElement {
  const boxes = ctx.view.settings.map((setting) => {
    const box = el("input", { attrs: { type: "checkbox", "data-testid": `setting-${setting}` } });
    box.checked = true;
    box.addEventListener("change", () => {
      const selected = new Set(boxes.filter((b) => b.box.checked).map((b) => b.setting));
      setFilters(ctx, { settings: selected.size === boxes.length ? null : selected });
    });
    return { setting, box };
  });
  return el("fieldset", {}, [
    el("legend", { text: "报告类型 Report setting" }),
    ...boxes.map(({ setting, box }) =>
      el("label", { className: "row" }, [box, el("span", { text: SETTING_CAPTIONS[setting] ?? setting })]),
    ),
  ]);
}

function reportSelect(ctx: ViewerContext): HTMLElement {
  const select = el("select", { attrs: { "data-testid": "report-filter" } }, [
    el("option", { text: "全部报告 All reports", attrs: { value: "" } }),
    ...ctx.view.reports.map((r) => el("option", { text: r.title, attrs: { value: r.key } })),
  ]);
  select.addEventListener("change", () => setFilters(ctx, { reportKey: select.value || null }));
  return el("label", { className: "block" }, [el("span", { text: "报告 Report" }), select]);
}
