/*
 * Reading a graph's labels, keys, types and counts without reading back what waits in a temporary file
 * (graph/compact-graph.ts spillNew: while kg import builds its graph, the statements', figures' and relationships'
 * attributes are spilled in batches; a statement or figure then holds only its SLIM_FIELDS, a relationship its type
 * and EDGE_SLIM_FIELDS). graph/aggregates.ts, graph/report-metadata.ts and the Neo4j sync's plans of keys
 * (store/neo4j/load-graph.ts) read only those, so they go through these: over a CompactGraph the attributes as held,
 * over a graphology graph its own iteration (it holds everything). nodeNumbering and edgeNumbering number the nodes
 * and relationships in the order these visit them, so that what is planned over them can hold numbers, not keys.
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

/** Nodes or relationships by number, 0 to size - 1, in the order forEachNodeHeld / forEachEdgeHeld visit them. */
export interface Numbering {
  readonly size: number;
  /** The key numbered `n`. */
  keyAt(n: number): string;
  /** The number of `key`; undefined for none. */
  numberOf(key: string): number | undefined;
}

/** What CompactGraph offers for it: derived relationship keys are not held but made again by keyAt. */
interface Numbered {
  readonly order: number;
  readonly size: number;
  nodeNumber(key: string): number | undefined;
  nodeKeyAt(n: number): string;
  edgeNumber(key: string): number | undefined;
  edgeKeyAt(n: number): string;
}

function numbered(graph: KgGraph): Numbered | null {
  const g = graph as unknown as Partial<Numbered>;
  return typeof g.nodeNumber === "function" && typeof g.nodeKeyAt === "function" && typeof g.edgeNumber === "function" && typeof g.edgeKeyAt === "function"
    ? (g as Numbered)
    : null;
}

/** The graph's nodes by number (a graphology graph's: its keys in its order, looked up through a map made when first asked). */
export function nodeNumbering(graph: KgGraph): Numbering {
  const g = numbered(graph);
  if (g) return { size: g.order, keyAt: (n) => g.nodeKeyAt(n), numberOf: (key) => g.nodeNumber(key) };
  return numberingOf(graph.nodes());
}

/** The graph's relationships by number, as nodeNumbering. */
export function edgeNumbering(graph: KgGraph): Numbering {
  const g = numbered(graph);
  if (g) return { size: g.size, keyAt: (n) => g.edgeKeyAt(n), numberOf: (key) => g.edgeNumber(key) };
  return numberingOf(graph.edges());
}

function numberingOf(keys: readonly string[]): Numbering {
  let index: Map<string, number> | null = null;
  return {
    size: keys.length,
    keyAt(n) {
      const key = keys[n];
      if (key === undefined) throw new Error(`numbering: nothing numbered ${n}.`);
      return key;
    },
    numberOf(key) {
      index ??= new Map(keys.map((k, i) => [k, i]));
      return index.get(key);
    },
  };
}
