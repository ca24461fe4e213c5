import { describe, expect, it } from "vitest";

import { decodeUrlState, encodeUrlState } from "../../src/viewer/controllers/url-state.ts";
import { buildView, importKgGraph } from "../../src/viewer/model/build-view.ts";
import { createState } from "../../src/viewer/state.ts";
import { fixtureGraphJson } from "./fixtures/graph.fixtures.ts";

describe("view state in the URL", () => {
  it("should round-trip selection, filters, searches, order and matrix", () => {
    const view = buildView(importKgGraph(fixtureGraphJson()));
    const state = createState(view, {
      labels: new Set(["Problem", "Measure", "Mechanism"]),
      settings: new Set(["rural", "school"]),
      reportKey: "report:b",
      minRecurrence: 2,
      gapsOnly: true,
    });
    Object.assign(state, { selectedNode: "problem:p1", query: "黨員", listQuery: "组织", listSort: "gap", matrix: "problem-measure" });
    const hash = encodeUrlState(state);
    const back = decodeUrlState(`#${hash}`);
    expect(back).toEqual({
      selected: "problem:p1",
      query: "黨員",
      listQuery: "组织",
      listSort: "gap",
      matrix: "problem-measure",
      filters: { labels: new Set(["Measure", "Mechanism", "Problem"]), settings: new Set(["rural", "school"]), reportKey: "report:b", minRecurrence: 2, gapsOnly: true },
    });
  });

  it("should leave defaults out and ignore junk", () => {
    const view = buildView(importKgGraph(fixtureGraphJson()));
    expect(encodeUrlState(createState(view))).toBe("");
    expect(decodeUrlState("#sort=evil&matrix=x&min=-3&types=Problem,Bogus")).toEqual({ filters: { labels: new Set(["Problem"]) } });
  });
});
