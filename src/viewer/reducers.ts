/*
 * Pure sigma reducers: hide what the filters removed (the selected node's ego network stays shown),
 * highlight the hovered node's neighbourhood, the selected node's ego network (until the selection
 * is cleared) and the search matches. Labels: the label placer's set (no overlaps) plus whatever is
 * highlighted; the hovered and selected nodes show their full text. They never change graph data.
 */
import type { EdgeDisplayData, NodeDisplayData } from "sigma/types";

import { DIMMED_NODE_COLOR, EGO_EDGE_COLOR, HOVER_EDGE_COLOR } from "./model/style.ts";
import type { ViewEdgeAttributes, ViewNodeAttributes } from "./model/types.ts";
import { isShown } from "./state.ts";
import type { State } from "./state.ts";

type NodeOut = Partial<NodeDisplayData> & Partial<ViewNodeAttributes>;
type EdgeOut = Partial<EdgeDisplayData> & Partial<ViewEdgeAttributes>;

const NO_LABELS: ReadonlyMap<string, string> = new Map();

/** Display data of a node under the current state. */
export function nodeReducer(key: string, data: ViewNodeAttributes, state: State, labelled: ReadonlyMap<string, string> = NO_LABELS): NodeOut {
  // 1. Filtered out (and not in the selected node's ego network): hidden, nothing else matters.
  if (!isShown(state, key)) return { ...data, hidden: true };
  const pos = labelled.get(key);
  const res: NodeOut = { ...data, forceLabel: pos !== undefined, labelPos: pos ?? "right" };
  if (state.hoveredNode) {
    // 2. A hovered node keeps its neighbourhood in colour and dims the rest.
    if (key === state.hoveredNode || state.hoverNeighbours.has(key)) {
      res.highlighted = key === state.hoveredNode;
      res.forceLabel = true;
      res.zIndex = 2;
      if (key === state.hoveredNode) res.label = `${data.fullLabel} (${data.reportCount})`;
      if (pos === undefined && key !== state.hoveredNode) res.labelPos = "right";
    } else if (state.hoverDims) dim(res);
  } else if (state.selectedNode) {
    // 3. A selection keeps its ego network (measures, causes, reports, mechanisms) in colour and labelled.
    if (state.ego.nodes.has(key)) res.zIndex = 2;
    else dim(res);
  } else if (state.searchMatches.size > 0) {
    // 4. A search keeps its matches in colour.
    if (state.searchMatches.has(key)) res.zIndex = 1;
    else dim(res);
  }
  // 5. The selected node always stands out, with its full name.
  if (key === state.selectedNode) {
    res.highlighted = true;
    res.forceLabel = true;
    res.color = data.color;
    res.label = `${data.fullLabel} (${data.reportCount})`;
    res.zIndex = 3;
  }
  return res;
}

function dim(res: NodeOut): void {
  res.color = DIMMED_NODE_COLOR;
  res.label = "";
  res.forceLabel = false;
  res.zIndex = 0;
}

/** Display data of an edge under the current state. */
export function edgeReducer(key: string, data: ViewEdgeAttributes, state: State): EdgeOut {
  const inEgo = state.ego.edges.has(key);
  if (!state.visibility.edges.has(key) && !inEgo) return { ...data, hidden: true };
  if (state.hoveredNode) {
    if (state.hoverEdges.has(key)) return { ...data, color: HOVER_EDGE_COLOR, size: data.size + 1, zIndex: 1 };
    return state.hoverDims ? { ...data, hidden: true } : data;
  }
  if (state.selectedNode) return inEgo ? { ...data, color: EGO_EDGE_COLOR, size: data.size + 1, zIndex: 1 } : { ...data, hidden: true };
  return data;
}
