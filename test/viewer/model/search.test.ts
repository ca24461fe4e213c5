import * as OpenCC from "opencc-js/t2cn";
import { describe, expect, it } from "vitest";

import { buildView, importKgGraph } from "../../../src/viewer/model/build-view.ts";
import { createSearchIndex, searchNodes } from "../../../src/viewer/model/search.ts";
import { fixtureGraphJson } from "../fixtures/graph.fixtures.ts";

const toSimplified = OpenCC.Converter({ from: "t", to: "cn" });
const view = buildView(importKgGraph(fixtureGraphJson()));
const index = createSearchIndex(view, toSimplified);
const keys = (q: string) => searchNodes(index, q, toSimplified).map((h) => h.key);

describe("searchNodes", () => {
  it("should find a Chinese substring anywhere in a label", () => {
    expect(keys("党员发展")).toEqual(["problem:p1", "measure:m1"]);
  });

  it("should find simplified labels from traditional input", () => {
    expect(keys("黨員發展")).toEqual(["problem:p1", "measure:m1"]);
    expect(keys("組織生活")).toEqual(["problem:p2"]);
  });

  it("should ignore white space and full-width forms in the query", () => {
    expect(keys(" 三会 一课 ")).toEqual(["mech:三会一课", "measure:m2"]);
  });

  it("should rank an exact match first", () => {
    expect(keys("三会一课")[0]).toBe("mech:三会一课");
  });

  it("should find nothing for an empty query or an absent word", () => {
    expect(keys("  ")).toEqual([]);
    expect(keys("乡村振兴")).toEqual([]);
  });

  it("should treat markup in labels as plain text", () => {
    expect(keys("<img")).toEqual(["problem:p3"]);
  });
});
