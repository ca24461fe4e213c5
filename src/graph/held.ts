/*
 * Reading a graph's labels, keys, types and counts without reading back what waits in a temporary file
 * (graph/compact-graph.ts spillNew: while kg import builds its graph, the statements', figures' and relationships'
 * attributes are spilled in batches; a statement or figure then holds only its SLIM_FIELDS, a relationship its type
 * and EDGE_SLIM_FIELDS). graph/aggregates.ts, graph/report-metadata.ts and the Neo4j sync's plans of keys
 * (store/neo4j/load-graph.ts) read only those, so they go through these: over a CompactGraph the attributes as held,
 * over a graphology graph its own iteration (it holds everything).
 */
import type { KgGraph } from "./build-graph.ts";
import type { KgEdgeAttributes, KgNodeAttributes } from "./schema.ts";

type EdgeVisit = (key: string, attributes: KgEdgeAttributes, source: string, target: string, sourceAttributes: KgNodeAttributes, targetAttributes: KgNodeAttributes) => void;

/** What CompactGraph offers for it. */
interface HeldReads {
  forEachNodeHeld(callback: (key: string, attributes: KgNodeAttributes) => void): void;
  forEachEdgeHeld(callback: EdgeVisit): void;
  forEachInEdgeHeld(node: string, callback: EdgeVisit): void;
}

function heldReads(graph: KgGraph): HeldReads | null {
  const g = graph as unknown as Partial<HeldReads>;
  return typeof g.forEachNodeHeld === "function" && typeof g.forEachEdgeHeld === "function" && typeof g.forEachInEdgeHeld === "function" ? (g as HeldReads) : null;
}

/** Every node, with at least its label, path, reportKey, themeKey, kind and name. */
export function forEachNodeHeld(graph: KgGraph, callback: (key: string, attributes: KgNodeAttributes) => void): void {
  const held = heldReads(graph);
  if (held) held.forEachNodeHeld(callback);
  else graph.forEachNode(callback);
}

/** Every relationship, with its ends' attributes as forEachNodeHeld gives them. */
export function forEachEdgeHeld(graph: KgGraph, callback: EdgeVisit): void {
  const held = heldReads(graph);
  if (held) held.forEachEdgeHeld(callback);
  else graph.forEachEdge(callback);
}

/** The relationships into `node`, with their ends' attributes as forEachNodeHeld gives them. */
export function forEachInEdgeHeld(graph: KgGraph, node: string, callback: EdgeVisit): void {
  const held = heldReads(graph);
  if (held) held.forEachInEdgeHeld(node, callback);
  else graph.forEachInEdge(node, callback);
}

/** The keys of the nodes `predicate` picks, from the attributes forEachNodeHeld gives. */
export function filterNodesHeld(graph: KgGraph, predicate: (key: string, attributes: KgNodeAttributes) => boolean): string[] {
  const out: string[] = [];
  forEachNodeHeld(graph, (k, a) => {
    if (predicate(k, a)) out.push(k);
  });
  return out;
}
