import { describe, expect, it } from "vitest";

import { buildView, importKgGraph } from "../../src/viewer/model/build-view.ts";
import { createState, setFilters, setHoveredNode, setSelectedNode } from "../../src/viewer/state.ts";
import type { ViewRenderer, ViewerContext } from "../../src/viewer/state.ts";
import { fixtureGraphJson } from "./fixtures/graph.fixtures.ts";

type RefreshOpts = { partialGraph?: { nodes: string[]; edges: string[] }; schedule?: boolean };

function context(throwOnPartial = false, allReports = true) {
  const calls: RefreshOpts[] = [];
  const renderer = {
    refresh(opts: RefreshOpts) {
      calls.push(opts);
      if (throwOnPartial && opts.partialGraph) throw new Error("Sigma: node can't be repaint");
    },
  } as unknown as ViewRenderer;
  const view = buildView(importKgGraph(fixtureGraphJson()), { allReports });
  const ctx: ViewerContext = { view, state: createState(view), renderer, listeners: new Set(), labelled: new Map() };
  return { ctx, calls };
}

describe("state setters", () => {
  it("should refresh everything (on the next frame) when filters change", () => {
    const { ctx, calls } = context();
    setFilters(ctx, { gapsOnly: true });
    expect(calls).toEqual([{ skipIndexation: true, schedule: true }]);
  });

  it("should refresh everything when the selection changes (its ego network dims the rest)", () => {
    const { ctx, calls } = context();
    setSelectedNode(ctx, "problem:p1");
    expect(calls).toEqual([{ skipIndexation: true, schedule: true }]);
    expect([...ctx.state.ego.nodes].sort()).toEqual(["measure:m1", "problem:p1", "report:a", "report:b"]);
    setSelectedNode(ctx, null);
    expect(ctx.state.ego.nodes.size).toBe(0);
  });

  it("should load a selected theme's reports on demand and add them to its ego network", async () => {
    const { ctx } = context(false, false);
    expect(ctx.view.graph.hasNode("report:a")).toBe(false);
    const seen: (string | null)[] = [];
    ctx.listeners.add((s) => seen.push(s.reportLinksOf));
    setSelectedNode(ctx, "problem:p1");
    expect([...ctx.state.ego.nodes].sort()).toEqual(["measure:m1", "problem:p1"]);
    await ctx.view.reportLinks.byNode.get("problem:p1");
    await Promise.resolve();
    expect(ctx.state.reportLinksOf).toBe("problem:p1");
    expect([...ctx.state.ego.nodes].sort()).toEqual(["measure:m1", "problem:p1", "report:a", "report:b"]);
    expect(ctx.view.graph.getNodeAttribute("report:a", "fullLabel")).toBe("某中学党支部调研报告");
    expect(seen.at(-1)).toBe("problem:p1");
    // A report chosen by key (search, URL) joins the graph with its themes.
    setSelectedNode(ctx, "report:c");
    expect(ctx.state.selectedNode).toBe("report:c");
    await ctx.view.reportLinks.byNode.get("report:c");
    await Promise.resolve();
    expect([...ctx.state.ego.nodes]).toContain("problem:p2");
    setSelectedNode(ctx, "report:nope");
    expect(ctx.state.selectedNode).toBeNull();
  });

  it("should load every report when the Report layer is switched on", async () => {
    const { ctx } = context(false, false);
    setFilters(ctx, { labels: new Set(["Problem", "Measure", "Report"]) });
    await ctx.view.reportLinks.all;
    await Promise.resolve();
    expect(ctx.view.reportLinks.complete).toBe(true);
    expect([...ctx.state.visibility.nodes].filter((k) => k.startsWith("report:")).sort()).toEqual(["report:a", "report:b", "report:c"]);
  });

  it("should repaint only the hovered neighbourhoods in large views", () => {
    const { ctx, calls } = context();
    // Pretend the view is large: more visible nodes than the dimming limit.
    const many = new Set([...ctx.state.visibility.nodes, ...Array.from({ length: 2500 }, (_, i) => `x${i}`)]);
    ctx.state = { ...ctx.state, visibility: { nodes: many, edges: ctx.state.visibility.edges } };
    setHoveredNode(ctx, "problem:p1");
    expect(ctx.state.hoverDims).toBe(false);
    expect(calls[0]!.partialGraph).toEqual({ nodes: ["measure:m1", "problem:p1"], edges: ["ADDRESSED_BY:problem:p1:measure:m1"] });
  });

  it("should fall back to a full refresh when sigma cannot repaint part of the graph", () => {
    const { ctx, calls } = context(true);
    const many = new Set([...ctx.state.visibility.nodes, ...Array.from({ length: 2500 }, (_, i) => `x${i}`)]);
    ctx.state = { ...ctx.state, visibility: { nodes: many, edges: ctx.state.visibility.edges } };
    setHoveredNode(ctx, "problem:p1");
    expect(calls).toHaveLength(2);
    expect(calls[1]).toEqual({ skipIndexation: true, schedule: true });
  });
});
