/*
 * /api/graph sends the whole graph as graphology's export() JSON. For a 100 MB corpus that JSON is
 * longer than the longest string V8 allows, so kg serve writes it in pieces: the pieces must read back
 * as exactly what JSON.stringify(graph.export()) gives, wherever a piece ends.
 */
import Graph from "graphology";
import { describe, expect, it } from "vitest";

import { exportJson, type SourceGraph } from "../../../src/viewer/server/graph-cache.ts";
import { fixtureGraphJson } from "../fixtures/graph.fixtures.ts";

function fixtureGraph(): SourceGraph {
  const g = new Graph({ multi: true, type: "directed", allowSelfLoops: true }) as unknown as SourceGraph;
  g.import(fixtureGraphJson() as never);
  // An edge and a node without attributes: export() leaves the `attributes` key out for them.
  g.addNode("bare");
  g.addEdgeWithKey("bare-edge", "bare", "bare");
  return g;
}

describe("the whole graph's JSON, in pieces", () => {
  it("reads back as graph.export(), with pieces of any size", () => {
    const g = fixtureGraph();
    const expected = JSON.parse(JSON.stringify(g.export()));
    expect(expected.nodes.length).toBeGreaterThan(5);
    for (const pieceChars of [1, 97, 4096, 1 << 24]) {
      expect(JSON.parse(exportJson(g, pieceChars).toString("utf8"))).toEqual(expected);
    }
  });

  it("keeps Chinese text whole where pieces meet", () => {
    const g = fixtureGraph();
    g.mergeNodeAttributes("bare", { label: "Statement", text: "党支部“三会一课”落实不到位，组织生活流于形式" });
    const back = JSON.parse(exportJson(g, 3).toString("utf8")) as { nodes: { key: string; attributes?: { text?: string } }[] };
    expect(back.nodes.find((n) => n.key === "bare")?.attributes?.text).toBe("党支部“三会一课”落实不到位，组织生活流于形式");
  });
});
