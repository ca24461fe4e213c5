/*
 * Size legend on the canvas: discs for a few recurrence values drawn at the radius sigma gives them
 * at the current zoom, so "this big = N reports" can be read off the graph.
 */
import { nodeSize } from "../model/style.ts";
import type { ViewRenderer, ViewerContext } from "../state.ts";
import { el } from "./dom.ts";

/** Recurrence values shown in the legend: 1, a middle value and the largest. */
export function legendSteps(maxCount: number): number[] {
  const steps = [1, Math.round(maxCount / 4), Math.round(maxCount / 2), maxCount].filter((v) => v >= 1);
  return [...new Set(steps)].sort((a, b) => a - b);
}

/** Largest recurrence among problem and measure themes (the size scale's top, as in viewFromData). */
export function maxThemeCount(ctx: ViewerContext): number {
  let max = 1;
  ctx.view.graph.forEachNode((_k, a) => {
    if ((a.kind === "Problem" || a.kind === "Measure") && a.reportCount > max) max = a.reportCount;
  });
  return max;
}

/** Build the size legend; it follows the camera. */
export function createSizeLegend(ctx: ViewerContext, renderer: ViewRenderer): { element: HTMLElement; cleanup: () => void } {
  const max = maxThemeCount(ctx);
  const steps = legendSteps(max);
  const discs = steps.map((count) => ({ count, disc: el("span", { className: "disc" }) }));
  const element = el("div", { className: "size-legend", attrs: { "data-testid": "size-legend", "aria-label": "size legend" } }, [
    el("p", { text: "圆面积 ∝ 报告数 area ∝ reports", attrs: { title: "提及更多报告的机制或组织按最大尺寸绘制，标签给出实际数目 Entities above the top are drawn at the top size; their label gives the count" } }),
    el(
      "div",
      { className: "discs" },
      discs.map(({ count, disc }) => el("span", { className: "step", attrs: { "data-count": String(count) } }, [disc, el("span", { text: String(count) })])),
    ),
  ]);
  const update = () => {
    for (const { count, disc } of discs) {
      const r = Math.max(1.5, renderer.scaleSize(nodeSize("Problem", count, max)));
      disc.setAttribute("style", `width:${(2 * r).toFixed(1)}px;height:${(2 * r).toFixed(1)}px`);
    }
  };
  update();
  const camera = renderer.getCamera();
  camera.on("updated", update);
  return { element, cleanup: () => camera.off("updated", update) };
}
