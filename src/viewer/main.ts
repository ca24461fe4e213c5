/*
 * mount(container): builds the viewer into a container (toolbar, panels, sigma canvas), loads the
 * graph, starts the layout worker, and returns the cleanup that tears all of it down.
 */
import Sigma from "sigma";

import { bindGraphEvents, focusNode } from "./controllers/events.ts";
import { createExportButtons } from "./controllers/export.ts";
import { createSearch } from "./controllers/search.ts";
import { startLayout } from "./layout/start-layout.ts";
import { loadGraph, resolveGraphUrl } from "./load-graph.ts";
import { buildView, importKgGraph } from "./model/build-view.ts";
import { CJK_FONT_STACK } from "./model/style.ts";
import type { ViewEdgeAttributes, ViewNodeAttributes } from "./model/types.ts";
import { createDetailsPanel } from "./panels/details.ts";
import { el } from "./panels/dom.ts";
import { createFilterPanel } from "./panels/filters.ts";
import { createLegend } from "./panels/legend.ts";
import { createMatrixPanel } from "./panels/matrix.ts";
import { edgeReducer, nodeReducer } from "./reducers.ts";
import { createState, setMatrixOpen } from "./state.ts";
import type { ViewRenderer, ViewerContext } from "./state.ts";

/** Options of mount. */
export interface MountOptions {
  /** URL of the serialized graph; defaults to `?graph=` or /api/graph. */
  graphUrl?: string;
}

/** Build the viewer into `container`; returns the cleanup. */
export function mount(container: HTMLElement, options: MountOptions = {}): () => void {
  const cleanups: (() => void)[] = [];
  const abort = new AbortController();
  const status = el("p", { className: "loading", text: "加载中 Loading…", attrs: { "data-testid": "load-status" } });
  container.append(status);
  const url = options.graphUrl ?? resolveGraphUrl(window.location);
  loadGraph(url, abort.signal)
    .then((data) => {
      if (abort.signal.aborted) return;
      cleanups.push(render(container, buildView(importKgGraph(data))));
      status.remove();
    })
    .catch((err: unknown) => {
      if (abort.signal.aborted) return;
      console.error(err);
      container.append(status);
      status.textContent = `无法加载图 Could not load the graph: ${err instanceof Error ? err.message : String(err)}`;
      status.className = "loading error";
    });
  return () => {
    abort.abort();
    for (const cleanup of cleanups.reverse()) cleanup();
    container.replaceChildren();
  };
}

function render(container: HTMLElement, view: ReturnType<typeof buildView>): () => void {
  const ctx: ViewerContext = { view, state: createState(view), renderer: null, listeners: new Set() };
  const stage = el("div", { className: "stage", attrs: { "data-testid": "stage" } });
  const layoutStatus = el("span", { className: "layout-status", attrs: { "data-testid": "layout-status" } });
  const shell = el("div", { className: "kg-viewer" });
  container.append(shell);
  shell.append(stage);
  const renderer: ViewRenderer = new Sigma<ViewNodeAttributes, ViewEdgeAttributes>(view.graph, stage, {
    labelFont: CJK_FONT_STACK,
    labelSize: 13,
    labelWeight: "normal",
    labelRenderedSizeThreshold: 7,
    labelDensity: 0.8,
    defaultEdgeType: "arrow",
    zIndex: true,
    hideEdgesOnMove: view.graph.size > 20_000,
    hideLabelsOnMove: view.graph.order > 5_000,
    minCameraRatio: 0.02,
    maxCameraRatio: 8,
    nodeReducer: (key, data) => nodeReducer(key, data, ctx.state),
    edgeReducer: (key, data) => edgeReducer(key, data, ctx.state),
  });
  ctx.renderer = renderer;
  const focus = (key: string) => focusNode(renderer, key);
  const legend = createLegend(ctx);
  const filters = createFilterPanel(ctx);
  const details = createDetailsPanel(ctx, focus);
  const matrix = createMatrixPanel(ctx);
  const search = createSearch(ctx, focus);
  const parts = [legend, filters, details, matrix, search];
  const matrixButton = el("button", { text: "问题×报告矩阵 Matrix", attrs: { type: "button", "data-testid": "matrix-toggle" } });
  matrixButton.addEventListener("click", () => setMatrixOpen(ctx, !ctx.state.matrixOpen));
  const toolbar = el("header", { className: "toolbar" }, [
    el("h1", { text: "党建调研报告 知识图谱" }),
    search.element,
    matrixButton,
    createExportButtons(ctx, renderer),
    layoutStatus,
  ]);
  shell.prepend(toolbar, el("div", { className: "sidebar" }, [legend.element, filters.element]));
  shell.append(details.element, matrix.element);
  const stopLayout = startLayout(view.graph, ({ done, total }) => {
    layoutStatus.textContent = done >= total ? "" : `布局 layout ${done}/${total}`;
    layoutStatus.setAttribute("data-done", String(done >= total));
  });
  const unbind = bindGraphEvents(ctx, renderer);
  (window as unknown as { __kgViewer?: unknown }).__kgViewer = { ctx, renderer };
  return () => {
    stopLayout();
    unbind();
    for (const part of parts) part.cleanup();
    renderer.kill();
    shell.remove();
  };
}
