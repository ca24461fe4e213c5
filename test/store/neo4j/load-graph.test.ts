import { describe, expect, it } from "vitest";

import { createKgGraph, type KgGraph } from "../../../src/graph/build-graph.ts";
import { CompactGraph } from "../../../src/graph/compact-graph.ts";
import { edgeNumbering } from "../../../src/graph/held.ts";
import type { KgNodeAttributes } from "../../../src/graph/schema.ts";
import { chunk, planNodeRows, planRelNumbers, planRelRows } from "../../../src/store/neo4j/load-graph.ts";
import { KEYS, makeGraph } from "../graph.fixtures.ts";

describe("chunk", () => {
  it.each([
    [0, 3, []],
    [5, 2, [2, 2, 1]],
    [6, 3, [3, 3]],
    [3, 500, [3]],
  ])("should split %i rows in batches of %i as %j", (n, size, sizes) => {
    const rows = Array.from({ length: n }, (_, i) => i);
    const batches = chunk(rows, size);
    expect(batches.map((b) => b.length)).toEqual(sizes);
    expect(batches.flat()).toEqual(rows);
  });

  it("should refuse a batch size below 1", () => {
    expect(() => chunk([1], 0)).toThrow(/batch size/);
  });
});

describe("planNodeRows", () => {
  it("should group nodes by label in NODE_LABELS order with the key kept as a property and the label left out", () => {
    const groups = planNodeRows(makeGraph());
    expect([...groups.keys()]).toEqual(["Document", "Report", "Organisation", "Mechanism", "Problem", "Measure", "Statement"]);
    const problem = groups.get("Problem")?.[0];
    expect(problem?.key).toBe(KEYS.problem);
    expect(problem?.props.key).toBe(KEYS.problem);
    expect(problem?.props.name).toBe("党员发展");
    expect(problem?.props).not.toHaveProperty("label");
    expect(groups.get("Statement")?.map((r) => r.key)).toEqual([...(groups.get("Statement") ?? [])].map((r) => r.key).sort());
  });

  it("should refuse a label outside the whitelist instead of writing it into Cypher", () => {
    const graph = createKgGraph();
    graph.addNode("x", { label: "Problem`) DETACH DELETE n //" } as unknown as KgNodeAttributes);
    expect(() => planNodeRows(graph)).toThrow(/not in NODE_LABELS/);
  });
});

describe("planRelRows", () => {
  it("should group relationships by type and end labels, keeping statement and theme ADDRESSED_BY apart", () => {
    const groups = planRelRows(makeGraph());
    const addressed = groups.filter((g) => g.type === "ADDRESSED_BY").map((g) => `${g.sourceLabel}->${g.targetLabel}:${g.rows.length}`);
    expect(addressed.sort()).toEqual(["Problem->Measure:1", "Statement->Statement:2"]);
    const total = groups.reduce((n, g) => n + g.rows.length, 0);
    expect(total).toBe(25);
    const mentions = groups.find((g) => g.type === "MENTIONS" && g.targetLabel === "Mechanism");
    expect(mentions?.rows[0]?.props).not.toHaveProperty("type");
    expect(mentions?.rows.map((r) => r.source).sort()).toEqual([KEYS.reportA, KEYS.reportB]);
  });
});

describe("planRelNumbers", () => {
  function compactCopy(graph: KgGraph): KgGraph {
    const copy = new CompactGraph();
    graph.forEachNode((key, attrs) => copy.mergeNode(key, attrs));
    graph.forEachEdge((key, attrs, source, target) => copy.mergeEdgeWithKey(key, source, target, attrs));
    return copy.asKgGraph();
  }

  it.each([
    ["a graphology graph", (g: KgGraph) => g],
    ["the compact store", compactCopy],
  ])("should number the same relationships as planRelRows keys, group by group, in the graph's order (%s)", (_name, make) => {
    const graph = make(makeGraph());
    const edges = edgeNumbering(graph);
    const byNumber = planRelNumbers(graph);
    const byKey = planRelRows(graph);
    expect(byNumber.map(({ type, sourceLabel, targetLabel }) => [type, sourceLabel, targetLabel])).toEqual(byKey.map(({ type, sourceLabel, targetLabel }) => [type, sourceLabel, targetLabel]));
    byNumber.forEach((g, i) => {
      expect([...g.numbers]).toEqual([...g.numbers].sort((a, b) => a - b));
      expect([...g.numbers].map((e) => edges.keyAt(e)).sort()).toEqual(byKey[i]!.rows.map((r) => r.key));
    });
    // Every relationship once, and each number found again from its key.
    const all = byNumber.flatMap((g) => [...g.numbers]).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: graph.size }, (_k, e) => e));
    expect(graph.edges().map((key) => edges.keyAt(edges.numberOf(key)!))).toEqual(graph.edges());
    expect(edges.numberOf("no such key")).toBeUndefined();
  });
});
