/*
 * Filter panel: report settings, one report, minimum recurrence (its range follows the node types
 * shown), and the count of what is visible. The gaps switch is on the problem list.
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
    attrs: { type: "range", min: "1", max: String(maxRecurrence(ctx.view, ctx.state.filters.labels)), step: "1", "data-testid": "min-recurrence" },
  });
  slider.addEventListener("input", () => setFilters(ctx, { minRecurrence: Number(slider.value) }));
  const settings = settingBoxes(ctx);
  const element = el("section", { className: "panel filters", attrs: { "aria-label": "filters" } }, [
    el("h2", { text: "筛选 Filters" }),
    el("label", { className: "block" }, [el("span", { text: "最少报告数 Min. recurrence " }), minValue, slider]),
    settings.element,
    reportSelect(ctx),
    status,
  ]);
  const update = (state: State) => {
    // The range follows the node types shown: a hidden type's counts do not stretch it.
    const max = maxRecurrence(ctx.view, state.filters.gapsOnly ? new Set(["Problem"]) : state.filters.labels);
    slider.max = String(max);
    slider.value = String(Math.min(state.filters.minRecurrence, max));
    minValue.textContent = String(state.filters.minRecurrence);
    settings.update(state);
    status.textContent = `显示 ${state.visibility.nodes.size} 个节点 · ${state.visibility.edges.size} 条边`;
    status.setAttribute("data-nodes", String(state.visibility.nodes.size));
    status.setAttribute("data-edges", String(state.visibility.edges.size));
  };
  update(ctx.state);
  return { element, cleanup: subscribe(ctx, update) };
}

function settingBoxes(ctx: ViewerContext): { element: HTMLElement; update: (state: State) => void } {
  const boxes = ctx.view.settings.map((setting) => {
    const box = el("input", { attrs: { type: "checkbox", "data-testid": `setting-${setting}` } });
    box.checked = true;
    box.addEventListener("change", () => {
      const selected = new Set(boxes.filter((b) => b.box.checked).map((b) => b.setting));
      setFilters(ctx, { settings: selected.size === boxes.length ? null : selected });
    });
    return { setting, box };
  });
  const element = el("fieldset", {}, [
    el("legend", { text: "报告类型 Report setting" }),
    ...boxes.map(({ setting, box }) =>
      el("label", { className: "row" }, [box, el("span", { text: SETTING_CAPTIONS[setting] ?? setting })]),
    ),
  ]);
  const update = (state: State) => {
    for (const b of boxes) b.box.checked = state.filters.settings === null || state.filters.settings.has(b.setting);
  };
  return { element, update };
}

function reportSelect(ctx: ViewerContext): HTMLElement {
  const select = el("select", { attrs: { "data-testid": "report-filter" } }, [
    el("option", { text: "全部报告 All reports", attrs: { value: "" } }),
    ...ctx.view.reports.map((r) => el("option", { text: r.title, attrs: { value: r.key } })),
  ]);
  select.addEventListener("change", () => setFilters(ctx, { reportKey: select.value || null }));
  return el("label", { className: "block" }, [el("span", { text: "报告 Report" }), select]);
}
