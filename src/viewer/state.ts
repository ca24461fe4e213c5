/*
 * The viewer's state and its setters. Each setter updates the state, asks sigma to re-run the
 * reducers (refresh with skipIndexation) and tells the panels. The view model changes only by
 * growing: Report nodes and report links join the display graph when a selection or the Report
 * layer needs them (model/report-links.ts); the setters then recompute what they show and commit again.
 */
import type Sigma from "sigma";

import { egoNetwork } from "./model/details.ts";
import { computeVisibility, createDefaultFilters } from "./model/filters.ts";
import { addReportLinks, egoReportLinks, ensureReportNode, loadAllReportLinks, loadNodeReportLinks } from "./model/report-links.ts";
import type { ListSort } from "./model/ranking.ts";
import type { Filters, ViewEdgeAttributes, ViewModel, ViewNodeAttributes, Visibility } from "./model/types.ts";

/** The sigma renderer of the display graph. */
export type ViewRenderer = Sigma<ViewNodeAttributes, ViewEdgeAttributes>;

/** What opens in front of a matrix: one problem's quotes in one report, or a problem × measure pair's quotes. */
export type Popup = { kind: "cell"; nodeKey: string; reportKey: string } | { kind: "pair"; problem: string; measure: string };

export type MatrixKind = "problem-measure" | "problem-report";

/** Everything the user changed since the page opened. */
export interface State {
  filters: Filters;
  visibility: Visibility;
  hoveredNode: string | null;
  hoverNeighbours: Set<string>;
  hoverEdges: Set<string>;
  /** Whether hovering dims everything else (small views) or only highlights the neighbourhood (large ones). */
  hoverDims: boolean;
  /** The selected node: its ego network stays highlighted (and shown) until the selection is cleared. */
  selectedNode: string | null;
  /** The node whose report links were last loaded into the view (the side panel lists them then). */
  reportLinksOf: string | null;
  ego: Visibility;
  popup: Popup | null;
  /** Canvas search query and its matches. */
  query: string;
  searchMatches: Set<string>;
  /** The ranked list's own search and order. */
  listQuery: string;
  listSort: ListSort;
  matrix: MatrixKind | null;
}

/** The view model, the state, the renderer once it exists, and who listens to changes. */
export interface ViewerContext {
  view: ViewModel;
  state: State;
  renderer: ViewRenderer | null;
  listeners: Set<(state: State) => void>;
  /** Nodes whose label the label placer lets sigma draw, and on which side (no two overlap). */
  labelled: Map<string, import("./controllers/labels.ts").LabelPos>;
}

const EMPTY: Visibility = { nodes: new Set(), edges: new Set() };

/** Initial state: default filters (aggregate view), nothing hovered, selected or searched. */
export function createState(view: ViewModel, filters: Filters = createDefaultFilters()): State {
  return {
    filters,
    visibility: computeVisibility(view, filters),
    hoveredNode: null,
    hoverNeighbours: new Set(),
    hoverEdges: new Set(),
    hoverDims: true,
    selectedNode: null,
    reportLinksOf: null,
    ego: EMPTY,
    popup: null,
    query: "",
    searchMatches: new Set(),
    listQuery: "",
    listSort: "recurrence",
    matrix: null,
  };
}

/** Register a listener; returns its removal. */
export function subscribe(ctx: ViewerContext, listener: (state: State) => void): () => void {
  ctx.listeners.add(listener);
  return () => ctx.listeners.delete(listener);
}

/** Above this many visible nodes, hover only re-draws the neighbourhoods it touches. */
export const HOVER_DIM_LIMIT = 2000;

function commit(ctx: ViewerContext, partial?: { nodes: string[]; edges: string[] }): void {
  refresh(ctx, partial);
  notify(ctx);
}

function notify(ctx: ViewerContext): void {
  for (const listener of ctx.listeners) listener(ctx.state);
}

/** Whether a node is drawn: kept by the filters, or part of the selected node's ego network. */
export function isShown(state: State, key: string): boolean {
  return state.visibility.nodes.has(key) || state.ego.nodes.has(key);
}

/** Re-run the reducers (only for the given items when possible) and draw on the next frame. */
export function refresh(ctx: ViewerContext, partial?: { nodes: string[]; edges: string[] }): void {
  const renderer = ctx.renderer;
  if (!renderer) return;
  if (partial) {
    // Sigma can only repaint items it has drawn: keep the visible ones; anything else needs a full pass.
    const { nodes, edges } = ctx.state.visibility;
    const partialGraph = { nodes: partial.nodes.filter((k) => nodes.has(k)), edges: partial.edges.filter((k) => edges.has(k)) };
    try {
      renderer.refresh({ partialGraph, skipIndexation: true, schedule: true });
      return;
    } catch {
      // A full refresh is pending (filters changed in this frame): fall through to a full one.
    }
  }
  renderer.refresh({ skipIndexation: true, schedule: true });
}

/** Change some filters; recomputes visibility once. */
export function setFilters(ctx: ViewerContext, patch: Partial<Filters>): void {
  const filters = { ...ctx.state.filters, ...patch };
  ctx.state = { ...ctx.state, filters, visibility: computeVisibility(ctx.view, filters) };
  commit(ctx);
  ensureReportLayer(ctx);
}

/** With the Report layer on, load every report and report link (once), then show them. */
export function ensureReportLayer(ctx: ViewerContext): void {
  const view = ctx.view;
  if (!ctx.state.filters.labels.has("Report") || view.reportLinks.complete) return;
  void loadAllReportLinks(view).then(
    () => {
      if (!ctx.state.filters.labels.has("Report")) return;
      const selected = ctx.state.selectedNode;
      ctx.state = { ...ctx.state, visibility: computeVisibility(view, ctx.state.filters), ego: selected ? egoNetwork(view, selected) : ctx.state.ego };
      commit(ctx);
    },
    (err: unknown) => console.error("kg viewer: could not load the report links", err),
  );
}

/** Hover a node (or null): remembers its visible neighbours and edges for the reducers. */
export function setHoveredNode(ctx: ViewerContext, key: string | null): void {
  const neighbours = new Set<string>();
  const edges = new Set<string>();
  if (key && ctx.view.graph.hasNode(key)) {
    const state = ctx.state;
    ctx.view.graph.forEachEdge(key, (edge, _a, source, target) => {
      const other = source === key ? target : source;
      if (!state.visibility.edges.has(edge) && !state.ego.edges.has(edge)) return;
      edges.add(edge);
      neighbours.add(other);
    });
  }
  const prev = ctx.state;
  const hoverDims = ctx.state.visibility.nodes.size <= HOVER_DIM_LIMIT;
  ctx.state = { ...ctx.state, hoveredNode: key, hoverNeighbours: neighbours, hoverEdges: edges, hoverDims };
  if (hoverDims) return commit(ctx);
  // Large view: only the old and new neighbourhoods change, so only they are re-processed.
  const nodes = new Set([...prev.hoverNeighbours, ...neighbours]);
  for (const k of [prev.hoveredNode, key]) if (k) nodes.add(k);
  commit(ctx, { nodes: [...nodes], edges: [...new Set([...prev.hoverEdges, ...edges])] });
}

/** Select a node (opens the side panel, keeps its ego network highlighted) or clear the selection. */
export function setSelectedNode(ctx: ViewerContext, key: string | null): void {
  const view = ctx.view;
  // A report joins the display graph when it is first selected (from the search, the URL or a panel).
  const valid = key !== null && (view.graph.hasNode(key) || ensureReportNode(view, key)) ? key : null;
  ctx.state = { ...ctx.state, selectedNode: valid, ego: valid ? egoNetwork(view, valid) : EMPTY };
  commit(ctx);
  if (valid === null || view.reportLinks.complete) return;
  // Its report links come on demand; its strongest ones join the display graph and its ego network.
  void loadNodeReportLinks(view, valid).then(
    (links) => {
      if (ctx.state.selectedNode !== valid) return;
      addReportLinks(view, egoReportLinks(view, valid, links));
      ctx.state = { ...ctx.state, ego: egoNetwork(view, valid), reportLinksOf: valid };
      commit(ctx);
    },
    (err: unknown) => console.error("kg viewer: could not load the report links", err),
  );
}

/** Open (or close) what shows in front of the matrix. */
export function setPopup(ctx: ViewerContext, popup: Popup | null): void {
  ctx.state = { ...ctx.state, popup };
  notify(ctx);
}

/** Set the canvas search query and the keys it matched. */
export function setSearch(ctx: ViewerContext, query: string, matches: Iterable<string>): void {
  ctx.state = { ...ctx.state, query, searchMatches: new Set(matches) };
  commit(ctx);
}

/** Set the ranked list's search and order. */
export function setList(ctx: ViewerContext, patch: { listQuery?: string; listSort?: ListSort }): void {
  ctx.state = { ...ctx.state, ...patch };
  notify(ctx);
}

/** Show one matrix, or none. */
export function setMatrix(ctx: ViewerContext, matrix: MatrixKind | null): void {
  ctx.state = { ...ctx.state, matrix, popup: matrix ? ctx.state.popup : null };
  notify(ctx);
}
