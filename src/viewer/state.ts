/*
 * The viewer's state and its setters. Each setter updates the state, asks sigma to re-run the
 * reducers (refresh with skipIndexation) and tells the panels. The view model itself never changes.
 */
import type Sigma from "sigma";

import { computeVisibility, createDefaultFilters } from "./model/filters.ts";
import type { Filters, ViewEdgeAttributes, ViewModel, ViewNodeAttributes, Visibility } from "./model/types.ts";

/** The sigma renderer of the display graph. */
export type ViewRenderer = Sigma<ViewNodeAttributes, ViewEdgeAttributes>;

/** A matrix cell the user opened: one problem's quotes in one report. */
export interface CellFocus {
  nodeKey: string;
  reportKey: string;
}

/** Everything the user changed since the page opened. */
export interface State {
  filters: Filters;
  visibility: Visibility;
  hoveredNode: string | null;
  hoverNeighbours: Set<string>;
  hoverEdges: Set<string>;
  /** Whether hovering dims everything else (small views) or only highlights the neighbourhood (large ones). */
  hoverDims: boolean;
  selectedNode: string | null;
  cellFocus: CellFocus | null;
  query: string;
  searchMatches: Set<string>;
  matrixOpen: boolean;
}

/** The view model, the state, the renderer once it exists, and who listens to changes. */
export interface ViewerContext {
  view: ViewModel;
  state: State;
  renderer: ViewRenderer | null;
  listeners: Set<(state: State) => void>;
}

/** Initial state: default filters (aggregate view), nothing hovered, selected or searched. */
export function createState(view: ViewModel): State {
  const filters = createDefaultFilters();
  return {
    filters,
    visibility: computeVisibility(view, filters),
    hoveredNode: null,
    hoverNeighbours: new Set(),
    hoverEdges: new Set(),
    hoverDims: true,
    selectedNode: null,
    cellFocus: null,
    query: "",
    searchMatches: new Set(),
    matrixOpen: false,
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
  for (const listener of ctx.listeners) listener(ctx.state);
}

/** Re-run the reducers (only for the given items when possible) and draw on the next frame. */
function refresh(ctx: ViewerContext, partial?: { nodes: string[]; edges: string[] }): void {
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
}

/** Hover a node (or null): remembers its visible neighbours and edges for the reducers. */
export function setHoveredNode(ctx: ViewerContext, key: string | null): void {
  const neighbours = new Set<string>();
  const edges = new Set<string>();
  if (key && ctx.view.graph.hasNode(key)) {
    const visible = ctx.state.visibility;
    ctx.view.graph.forEachEdge(key, (edge, _a, source, target) => {
      if (!visible.edges.has(edge)) return;
      edges.add(edge);
      neighbours.add(source === key ? target : source);
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

/** Select a node (opens the side panel) or clear the selection. */
export function setSelectedNode(ctx: ViewerContext, key: string | null): void {
  const changed = [ctx.state.selectedNode, key].filter((k): k is string => k !== null && ctx.view.graph.hasNode(k));
  ctx.state = { ...ctx.state, selectedNode: key, cellFocus: null };
  commit(ctx, { nodes: changed, edges: [] });
}

/** Open one matrix cell's quotes in the side panel. */
export function setCellFocus(ctx: ViewerContext, focus: CellFocus | null): void {
  ctx.state = { ...ctx.state, cellFocus: focus, selectedNode: focus ? focus.nodeKey : ctx.state.selectedNode };
  commit(ctx);
}

/** Set the search query and the keys it matched. */
export function setSearch(ctx: ViewerContext, query: string, matches: Iterable<string>): void {
  ctx.state = { ...ctx.state, query, searchMatches: new Set(matches) };
  commit(ctx);
}

/** Show or hide the problem × report matrix. */
export function setMatrixOpen(ctx: ViewerContext, open: boolean): void {
  ctx.state = { ...ctx.state, matrixOpen: open };
  for (const listener of ctx.listeners) listener(ctx.state);
}
