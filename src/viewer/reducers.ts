/*
 * Pure sigma reducers: hide what the filters removed, highlight the hovered node's neighbourhood,
 * the search matches and the selection. They read the state and never change graph data.
 */
import type { EdgeDisplayData, NodeDisplayData } from "sigma/types";

import { DIMMED_NODE_COLOR, HOVER_EDGE_COLOR } from "./model/style.ts";
import type { ViewEdgeAttributes, ViewNodeAttributes } from "./model/types.ts";
import type { State } from "./state.ts";

type NodeOut = Partial<NodeDisplayData> & Partial<ViewNodeAttributes>;
type EdgeOut = Partial<EdgeDisplayData> & Partial<ViewEdgeAttributes>;

/** Display data of a node under the current state. */
export function nodeReducer(key: string, data: ViewNodeAttributes, state: State): NodeOut {
  // 1. Filtered out: hidden, nothing else matters.
  if (!state.visibility.nodes.has(key)) return { ...data, hidden: true };
  const res: NodeOut = { ...data };
  // 2. A hovered node keeps its neighbourhood in colour and dims the rest.
  if (state.hoveredNode) {
    if (key === state.hoveredNode || state.hoverNeighbours.has(key)) {
      res.highlighted = key === state.hoveredNode;
      res.forceLabel = true;
      res.zIndex = 2;
    } else if (state.hoverDims) dim(res);
  } else if (state.searchMatches.size > 0) {
    // 3. A search keeps its matches in colour.
    if (state.searchMatches.has(key)) {
      res.forceLabel = true;
      res.zIndex = 1;
    } else dim(res);
  }
  // 4. The selected node always stands out.
  if (key === state.selectedNode) {
    res.highlighted = true;
    res.forceLabel = true;
    res.color = data.color;
    res.label = data.label;
    res.zIndex = 3;
  }
  return res;
}

function dim(res: NodeOut): void {
  res.color = DIMMED_NODE_COLOR;
  res.label = "";
  res.zIndex = 0;
}

/** Display data of an edge under the current state. */
export function edgeReducer(key: string, data: ViewEdgeAttributes, state: State): EdgeOut {
  if (!state.visibility.edges.has(key)) return { ...data, hidden: true };
  if (!state.hoveredNode) return data;
  if (state.hoverEdges.has(key)) return { ...data, color: HOVER_EDGE_COLOR, size: data.size + 1, zIndex: 1 };
  return state.hoverDims ? { ...data, hidden: true } : data;
}
