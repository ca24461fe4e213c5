import { describe, expect, it } from "vitest";

import { assignPositions, computeLayout, createLayoutInput, readPositions, runIterations } from "../../../src/viewer/layout/fa2.ts";
import { buildView, importKgGraph } from "../../../src/viewer/model/build-view.ts";
import { fixtureGraphJson } from "../fixtures/graph.fixtures.ts";
import { generateLargeGraph } from "../fixtures/large-graph.fixtures.ts";

const displayGraph = () => buildView(importKgGraph(fixtureGraphJson())).graph;

describe("layout", () => {
  it("should give the same positions on every run", () => {
    expect([...computeLayout(displayGraph(), 50)]).toEqual([...computeLayout(displayGraph(), 50)]);
  });

  it("should give the same result in chunks as in one run (the worker posts every 25 iterations)", () => {
    const whole = computeLayout(displayGraph(), 50);
    const input = createLayoutInput(displayGraph(), 50);
    runIterations(input, 25);
    runIterations(input, 25);
    expect([...readPositions(input.nodes)]).toEqual([...whole]);
  });

  it("should move nodes from their seeded positions and keep them finite", () => {
    const graph = displayGraph();
    const before = graph.mapNodes((_k, a) => [a.x, a.y]);
    assignPositions(graph, computeLayout(graph, 50));
    const after = graph.mapNodes((_k, a) => [a.x, a.y]);
    expect(after).not.toEqual(before);
    expect(after.flat().every(Number.isFinite)).toBe(true);
  });

  it("should lay out a 10k-node graph's display part with Barnes-Hut", () => {
    const graph = buildView(generateLargeGraph({ nodes: 10_000, edges: 50_000 })).graph;
    const input = createLayoutInput(graph, 5);
    expect(input.settings.barnesHutOptimize).toBe(true);
    runIterations(input, 5);
    expect([...readPositions(input.nodes)].every(Number.isFinite)).toBe(true);
  });
});
