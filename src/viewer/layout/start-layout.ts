/*
 * Main-thread side of the layout: hands the display graph's matrices to the worker and writes the
 * positions it posts back onto the graph (sigma redraws on the graph's update events).
 */
import type Graph from "graphology";

import { createLayoutInput, assignPositions } from "./fa2.ts";

/** Progress of a running layout. */
export interface LayoutProgress {
  done: number;
  total: number;
}

/** Start the layout in a worker; returns a function stopping it. */
export function startLayout(graph: Graph, onProgress: (p: LayoutProgress) => void): () => void {
  if (graph.order === 0) {
    onProgress({ done: 0, total: 0 });
    return () => {};
  }
  const worker = new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" });
  const input = createLayoutInput(graph);
  worker.onmessage = (event: MessageEvent<{ positions: Float32Array; done: number; total: number }>) => {
    assignPositions(graph, event.data.positions);
    onProgress({ done: event.data.done, total: event.data.total });
    if (event.data.done >= event.data.total) worker.terminate();
  };
  worker.postMessage(input, [input.nodes.buffer, input.edges.buffer]);
  return () => worker.terminate();
}
