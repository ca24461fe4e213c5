/*
 * mount(container): builds the viewer into a container (toolbar, ranked problem list, sigma canvas,
 * side panel, matrices), loads the data (kg serve's summary, or a whole graph with ?graph=), starts
 * the layout worker and the label placer, keeps the URL in step with the view, and returns the
 * cleanup that tears all of it down.
 */
import Sigma from "sigma";

import { fitToNodes } from "./controllers/camera.ts";
import { bindGraphEvents } from "./controllers/events.ts";
import { createExportButtons } from "./controllers/export.ts";
import { LABEL_SIZE, drawNodeHover, drawNodeLabel, startLabelPlacer } from "./controllers/labels.ts";
import { createSearch, createToSimplified } from "./controllers/search.ts";
import { decodeUrlState, encodeUrlState } from "./controllers/url-state.ts";
import { startLayout } from "./layout/start-layout.ts";
import { loadView, resolveGraphUrl } from "./load-graph.ts";
import { createDefaultFilters } from "./model/filters.ts";
import { placeReportNodes } from "./model/report-links.ts";
import { foldText } from "./model/search.ts";
import { CJK_FONT_STACK } from "./model/style.ts";
import type { ViewEdgeAttributes, ViewModel, ViewNodeAttributes } from "./model/types.ts";
import { createDetailsPanel } from "./panels/details.ts";
import { el } from "./panels/dom.ts";
import { createFilterPanel } from "./panels/filters.ts";
import { createLegend } from "./panels/legend.ts";
import { createMatrixPanel } from "./panels/matrix.ts";
import { createProblemList } from "./panels/problem-list.ts";
import { createSizeLegend } from "./panels/size-legend.ts";
import { edgeReducer, nodeReducer } from "./reducers.ts";
import { createState, ensureReportLayer, isShown, setFilters, setList, setMatrix, setSelectedNode, subscribe } from "./state.ts";
import type { State, ViewRenderer, ViewerContext } from "./state.ts";

/** Options of mount. */
export interface MountOptions {
  /** URL of a serialized graph; defaults to `?graph=`, else the server's summary. */
  graphUrl?: string;
}

/** Build the viewer into `container`; returns the cleanup. */
export function mount(container: HTMLElement, options: MountOptions = {}): () => void {
  const cleanups: (() => void)[] = [];
  const abort = new AbortController();
  const status = el("p", { className: "loading", text: "加载中 Loading…", attrs: { "data-testid": "load-status" } });
  container.append(status);
  const started = performance.now();
  loadView(options.graphUrl ?? resolveGraphUrl(window.location), abort.signal)
    .then((view) => {
      if (abort.signal.aborted) return;
      cleanups.push(render(container, view));
      status.remove();
      const built = performance.now();
      // For the benchmark: when the script started, how long the page took, and when the next frame
      // (the first screen painted) came, all from the navigation's start.
      requestAnimationFrame(() => {
        (window as unknown as { __kgTimings?: unknown }).__kgTimings = { firstScreenMs: built - started, scriptStartMs: started, firstFrameMs: performance.now() };
      });
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

function initialState(view: ViewModel): { state: State; selected: string | null } {
  const url = decodeUrlState(window.location.hash);
  const state = createState(view, { ...createDefaultFilters(), ...url.filters });
  if (url.query) state.query = url.query;
  if (url.listQuery) state.listQuery = url.listQuery;
  if (url.listSort) state.listSort = url.listSort;
  if (url.matrix) state.matrix = url.matrix;
  return { state, selected: url.selected && (view.graph.hasNode(url.selected) || view.reportByKey.has(url.selected)) ? url.selected : null };
}

function render(container: HTMLElement, view: ViewModel): () => void {
  const initial = initialState(view);
  const ctx: ViewerContext = { view, state: initial.state, renderer: null, listeners: new Set(), labelled: new Map() };
  const stage = el("div", { className: "stage", attrs: { "data-testid": "stage" } });
  const layoutStatus = el("span", { className: "layout-status", attrs: { "data-testid": "layout-status" } });
  const shell = el("div", { className: "kg-viewer" });
  const stageWrap = el("div", { className: "stage-wrap" }, [stage]);
  container.append(shell);
  shell.append(stageWrap);
  const renderer: ViewRenderer = new Sigma<ViewNodeAttributes, ViewEdgeAttributes>(view.graph, stage, {
    labelFont: CJK_FONT_STACK,
    labelSize: LABEL_SIZE,
    labelWeight: "normal",
    // Labels are placed by controllers/labels.ts (no two overlap) and drawn through forceLabel;
    // sigma's own grid would add unplaced ones, so its threshold is out of reach.
    labelRenderedSizeThreshold: 1000,
    labelDensity: 0.5,
    labelGridCellSize: 120,
    defaultEdgeType: "arrow",
    defaultDrawNodeLabel: drawNodeLabel as never,
    defaultDrawNodeHover: drawNodeHover as never,
    zIndex: true,
    hideEdgesOnMove: view.graph.size > 20_000,
    hideLabelsOnMove: view.graph.order > 5_000,
    minCameraRatio: 0.02,
    maxCameraRatio: 8,
    stagePadding: 40,
    // Discs keep their size on screen at every zoom, so the size legend always holds and zooming in
    // spreads a crowded neighbourhood instead of blowing its discs up.
    zoomToSizeRatioFunction: () => 1,
    nodeReducer: (key, data) => nodeReducer(key, data, ctx.state, ctx.labelled),
    edgeReducer: (key, data) => edgeReducer(key, data, ctx.state),
  });
  ctx.renderer = renderer;
  // Selecting a node frames its ego network (onState below), so choosing one needs no camera move of its own.
  const focus = (_key: string) => {};
  const toSimplified = createToSimplified();
  const fold = (text: string) => foldText(text, toSimplified);
  const list = createProblemList(ctx, fold);
  const legend = createLegend(ctx);
  const filters = createFilterPanel(ctx);
  const details = createDetailsPanel(ctx, focus);
  const matrix = createMatrixPanel(ctx);
  const search = createSearch(ctx, focus, toSimplified);
  const sizeLegend = createSizeLegend(ctx, renderer);
  const labels = startLabelPlacer(
    ctx,
    renderer,
    () => (details.element.hidden ? 0 : details.element.offsetWidth),
    () => [sizeLegend.element, fitButton],
  );
  const parts = [list, legend, filters, details, matrix, search, sizeLegend, labels];

  const fitVisible = (instant = false) => {
    const s = ctx.state;
    const keys = s.selectedNode ? s.ego.nodes : [...s.visibility.nodes].filter((k) => isShown(s, k));
    fitToNodes(renderer, keys, instant, { right: details.element.hidden ? 0 : details.element.offsetWidth });
  };
  const fitButton = el("button", { className: "fit", text: "⤢ 适应视图 Fit", attrs: { type: "button", "data-testid": "fit", title: "把可见部分放满画布 Fit the visible graph" } });
  fitButton.addEventListener("click", () => fitVisible());
  const matrixButton = (kind: "problem-measure" | "problem-report", text: string) => {
    const b = el("button", { text, attrs: { type: "button", "data-testid": `matrix-toggle-${kind}` } });
    b.addEventListener("click", () => setMatrix(ctx, ctx.state.matrix === kind ? null : kind));
    return b;
  };
  const toolbar = el("header", { className: "toolbar" }, [
    el("h1", { text: "党建调研报告 知识图谱" }),
    search.element,
    matrixButton("problem-measure", "问题×对策 Problem × measure"),
    matrixButton("problem-report", "问题×报告 Problem × report"),
    createExportButtons(ctx, renderer),
    layoutStatus,
  ]);
  const more = el("details", { className: "more-filters" }, [el("summary", { text: "图层与筛选 Layers & filters" }), legend.element, filters.element]);
  stageWrap.append(el("div", { className: "stage-tools" }, [fitButton]), sizeLegend.element);
  shell.prepend(toolbar, el("div", { className: "sidebar" }, [list.element, more]));
  // The side panel lies over the right of the canvas; fits keep the nodes clear of it.
  stageWrap.append(details.element);
  shell.append(matrix.element);

  // Re-fit after every filter change and every selection change; keep the URL in step.
  let lastVisibility = ctx.state.visibility;
  let lastSelected: string | null = null;
  let lastEgo = ctx.state.ego;
  let urlTimer: ReturnType<typeof setTimeout> | undefined;
  const onState = (state: State) => {
    // Reports loaded on demand can make the graph large: hide edges and labels while the camera moves then.
    const hideEdges = view.graph.size > 20_000;
    const hideLabels = view.graph.order > 5_000;
    if (renderer.getSetting("hideEdgesOnMove") !== hideEdges) renderer.setSetting("hideEdgesOnMove", hideEdges);
    if (renderer.getSetting("hideLabelsOnMove") !== hideLabels) renderer.setSetting("hideLabelsOnMove", hideLabels);
    // The ego network grows when the selection's report links come: frame it again.
    if (state.visibility !== lastVisibility || state.selectedNode !== lastSelected || state.ego !== lastEgo) {
      lastVisibility = state.visibility;
      lastSelected = state.selectedNode;
      lastEgo = state.ego;
      fitVisible();
    }
    clearTimeout(urlTimer);
    urlTimer = setTimeout(() => {
      const hash = encodeUrlState(ctx.state);
      if (hash !== window.location.hash.replace(/^#/, "")) history.replaceState(null, "", `${window.location.pathname}${window.location.search}${hash ? `#${hash}` : ""}`);
    }, 150);
  };
  const unsubscribe = subscribe(ctx, onState);
  // Panels opening and closing change the canvas size: sigma must know, then the view is re-fitted.
  let resizeTimer: ReturnType<typeof setTimeout> | undefined;
  const resizeObserver = new ResizeObserver(() => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      renderer.resize();
      fitVisible(true);
    }, 50);
  });
  resizeObserver.observe(stageWrap);

  const stopLayout = startLayout(view.graph, ({ done, total }) => {
    layoutStatus.textContent = done >= total ? "" : `布局 layout ${done}/${total}`;
    layoutStatus.setAttribute("data-done", String(done >= total));
    if (done >= total) {
      // Reports loaded while the layout ran go beside their themes' final places.
      placeReportNodes(view);
      fitVisible(true);
    }
    labels.schedule();
  });
  fitVisible(true);
  const unbind = bindGraphEvents(ctx, renderer);
  if (initial.selected) setSelectedNode(ctx, initial.selected);
  ensureReportLayer(ctx);
  if (ctx.state.listQuery) setList(ctx, {});
  // For tests and the benchmark: the context, the renderer and the state setters.
  (window as unknown as { __kgViewer?: unknown }).__kgViewer = { ctx, renderer, actions: { setList, setFilters, setSelectedNode, setMatrix } };
  return () => {
    clearTimeout(urlTimer);
    clearTimeout(resizeTimer);
    resizeObserver.disconnect();
    unsubscribe();
    stopLayout();
    unbind();
    for (const part of parts) part.cleanup();
    renderer.kill();
    shell.remove();
  };
}
