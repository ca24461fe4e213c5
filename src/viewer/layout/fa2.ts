/*
 * Deterministic ForceAtlas2: the display graph's seeded positions go into graphology's byte
 * matrices, a fixed number of iterations runs over them (in the web worker, or in Node for tests and
 * the benchmark), and the positions come back in node order.
 */
import type Graph from "graphology";
import fa2 from "graphology-layout-forceatlas2";
import type { ForceAtlas2Settings } from "graphology-layout-forceatlas2";
import defaults from "graphology-layout-forceatlas2/defaults.js";
import helpers from "graphology-layout-forceatlas2/helpers.js";
import iterate from "graphology-layout-forceatlas2/iterate.js";

/** Iterations for a graph of this order: fixed per size class, so the layout stays deterministic and bounded. */
export function iterationsFor(order: number): number {
  if (order <= 1000) return 300;
  if (order <= 3000) return 150;
  return 60;
}
/** Node matrix stride (graphology-layout-forceatlas2 PPN). */
const PPN = 10;

/** Matrices handed to the worker (transferable). */
export interface LayoutInput {
  nodes: Float32Array;
  edges: Float32Array;
  settings: Required<ForceAtlas2Settings>;
  iterations: number;
}

/** Settings for a graph of this order: graphology's inferred ones, Barnes-Hut above 2,000 nodes. */
export function layoutSettings(order: number): Required<ForceAtlas2Settings> {
  return { ...defaults, ...fa2.inferSettings(order), edgeWeightInfluence: 1 };
}

/** Build the layout input from a graph with x, y, size and weight attributes. */
export function createLayoutInput(graph: Graph, iterations = iterationsFor(graph.order)): LayoutInput {
  const getWeight = (_e: string, a: Record<string, unknown>) => (typeof a.weight === "number" ? a.weight : 1);
  const { nodes, edges } = helpers.graphToByteArrays(graph, getWeight);
  return { nodes, edges, settings: layoutSettings(graph.order), iterations };
}

/** Run `count` iterations in place on the matrices. */
export function runIterations(input: LayoutInput, count: number): void {
  for (let i = 0; i < count; i++) iterate(input.settings, input.nodes, input.edges);
}

/** Positions as [x0, y0, x1, y1, …] in the graph's node order. */
export function readPositions(nodes: Float32Array): Float32Array {
  const out = new Float32Array((nodes.length / PPN) * 2);
  for (let i = 0, j = 0; i < nodes.length; i += PPN, j += 2) {
    out[j] = nodes[i]!;
    out[j + 1] = nodes[i + 1]!;
  }
  return out;
}

/**
 * Write positions back onto the graph's nodes (same node order as when the input was built; nodes
 * added since, at the end of that order, such as reports loaded on demand, keep their own).
 */
export function assignPositions(graph: Graph, positions: Float32Array): void {
  let j = 0;
  graph.updateEachNodeAttributes(
    (_key, attrs) => {
      if (j >= positions.length) return attrs;
      const x = positions[j++]!;
      const y = positions[j++]!;
      return { ...attrs, x, y };
    },
    { attributes: ["x", "y"] },
  );
}

/** Synchronous layout of a whole graph (Node: tests, benchmark). */
export function computeLayout(graph: Graph, iterations = iterationsFor(graph.order)): Float32Array {
  const input = createLayoutInput(graph, iterations);
  runIterations(input, iterations);
  return readPositions(input.nodes);
}
