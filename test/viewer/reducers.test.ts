import { describe, expect, it } from "vitest";

import { buildView, importKgGraph } from "../../src/viewer/model/build-view.ts";
import { DIMMED_NODE_COLOR } from "../../src/viewer/model/style.ts";
import { edgeReducer, nodeReducer } from "../../src/viewer/reducers.ts";
import { createState, setFilters, setHoveredNode, setSearch, setSelectedNode } from "../../src/viewer/state.ts";
import type { ViewerContext } from "../../src/viewer/state.ts";
import { fixtureGraphJson } from "./fixtures/graph.fixtures.ts";

function context(): ViewerContext {
  const view = buildView(importKgGraph(fixtureGraphJson()), { allReports: true });
  return { view, state: createState(view), renderer: null, listeners: new Set(), labelled: new Map() };
}
const node = (ctx: ViewerContext, key: string) => nodeReducer(key, ctx.view.graph.getNodeAttributes(key), ctx.state);
const edge = (ctx: ViewerContext, key: string) => edgeReducer(key, ctx.view.graph.getEdgeAttributes(key), ctx.state);

describe("reducers", () => {
  it("should hide nodes the filters removed and edges touching them", () => {
    const ctx = context();
    expect(node(ctx, "report:a").hidden).toBe(true);
    expect(node(ctx, "problem:p1").hidden).toBeUndefined();
    expect(edge(ctx, "RAISES:report:a->problem:p1").hidden).toBe(true);
    setFilters(ctx, { labels: new Set(["Problem", "Report"]) });
    expect(node(ctx, "report:a").hidden).toBeUndefined();
    expect(edge(ctx, "RAISES:report:a->problem:p1").hidden).toBeUndefined();
  });

  it("should keep the hovered node's neighbours in colour with labels and dim the others", () => {
    const ctx = context();
    setHoveredNode(ctx, "problem:p1");
    expect(node(ctx, "problem:p1")).toMatchObject({ highlighted: true, forceLabel: true });
    expect(node(ctx, "measure:m1")).toMatchObject({ forceLabel: true, color: "#2ca02c" });
    expect(node(ctx, "problem:p2")).toMatchObject({ color: DIMMED_NODE_COLOR, label: "" });
    expect(edge(ctx, "ADDRESSED_BY:problem:p1:measure:m1").hidden).toBeUndefined();
    expect(edge(ctx, "ADDRESSED_BY:problem:p2:measure:m2").hidden).toBe(true);
    setHoveredNode(ctx, null);
    expect(node(ctx, "problem:p2").color).toBe("#d62728");
  });

  it("should only highlight the neighbourhood, without dimming the rest, in large views", () => {
    const ctx = context();
    setHoveredNode(ctx, "problem:p1");
    ctx.state = { ...ctx.state, hoverDims: false };
    expect(node(ctx, "problem:p2").color).toBe("#d62728");
    expect(node(ctx, "measure:m1").forceLabel).toBe(true);
    expect(edge(ctx, "ADDRESSED_BY:problem:p2:measure:m2").hidden).toBeUndefined();
    expect(edge(ctx, "ADDRESSED_BY:problem:p1:measure:m1").color).toBe("#555555");
  });

  it("should dim nodes the search did not match and leave the graph data unchanged", () => {
    const ctx = context();
    const before = JSON.stringify(ctx.view.graph.export());
    setSearch(ctx, "党员发展", ["problem:p1", "measure:m1"]);
    expect(node(ctx, "problem:p1").color).toBe("#d62728");
    expect(node(ctx, "problem:p4").color).toBe(DIMMED_NODE_COLOR);
    setSelectedNode(ctx, "problem:p4");
    expect(node(ctx, "problem:p4")).toMatchObject({ highlighted: true, color: "#d62728", label: "理论学习不深入 (1)" });
    expect(JSON.stringify(ctx.view.graph.export())).toBe(before);
  });

  it("should keep the selected theme's ego network in colour, and shown, until the selection is cleared", () => {
    const ctx = context();
    setSelectedNode(ctx, "problem:p1");
    // its measure stays in colour, an unrelated problem is dimmed, and its reports (a hidden layer) are shown
    expect(node(ctx, "measure:m1")).toMatchObject({ color: "#2ca02c" });
    expect(node(ctx, "measure:m1").hidden).toBeUndefined();
    expect(node(ctx, "problem:p2").color).toBe(DIMMED_NODE_COLOR);
    expect(node(ctx, "report:a").hidden).toBeUndefined();
    expect(edge(ctx, "ADDRESSED_BY:problem:p1:measure:m1").hidden).toBeUndefined();
    expect(edge(ctx, "ADDRESSED_BY:problem:p2:measure:m2").hidden).toBe(true);
    // hovering elsewhere and leaving does not lose it
    setHoveredNode(ctx, "problem:p2");
    setHoveredNode(ctx, null);
    expect(node(ctx, "measure:m1").color).toBe("#2ca02c");
    setSelectedNode(ctx, null);
    expect(node(ctx, "problem:p2").color).toBe("#d62728");
    expect(node(ctx, "report:a").hidden).toBe(true);
  });

  it("should draw only the labels the placer chose, on the side it chose", () => {
    const ctx = context();
    const labelled = new Map([["problem:p1", "left"]]);
    expect(nodeReducer("problem:p1", ctx.view.graph.getNodeAttributes("problem:p1"), ctx.state, labelled)).toMatchObject({ forceLabel: true, labelPos: "left" });
    expect(nodeReducer("problem:p2", ctx.view.graph.getNodeAttributes("problem:p2"), ctx.state, labelled).forceLabel).toBe(false);
  });

  it("should tell listeners about every change", () => {
    const ctx = context();
    const seen: number[] = [];
    ctx.listeners.add((s) => seen.push(s.visibility.nodes.size));
    setFilters(ctx, { gapsOnly: true });
    setFilters(ctx, { gapsOnly: false });
    expect(seen).toEqual([2, 6]);
  });
});
