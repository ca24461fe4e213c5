import { describe, expect, it } from "vitest";

import { buildView, importKgGraph } from "../../../src/viewer/model/build-view.ts";
import { computeVisibility, createDefaultFilters } from "../../../src/viewer/model/filters.ts";
import type { Filters } from "../../../src/viewer/model/types.ts";
import { fixtureGraphJson } from "../fixtures/graph.fixtures.ts";

const view = buildView(importKgGraph(fixtureGraphJson()), { allReports: true });
const visible = (patch: Partial<Filters> = {}) => [...computeVisibility(view, { ...createDefaultFilters(), ...patch }).nodes].sort();

describe("computeVisibility", () => {
  it("should show only problem and measure themes and their ADDRESSED_BY edges by default", () => {
    const v = computeVisibility(view, createDefaultFilters());
    expect([...v.nodes].sort()).toEqual(["measure:m1", "measure:m2", "problem:p1", "problem:p2", "problem:p3", "problem:p4"]);
    expect([...v.edges].sort()).toEqual(["ADDRESSED_BY:problem:p1:measure:m1", "ADDRESSED_BY:problem:p2:measure:m2"]);
  });

  it("should add mechanisms, organisations and reports when switched on", () => {
    const nodes = visible({ labels: new Set(["Mechanism", "Organisation", "Report"]) });
    expect(nodes).toEqual(["mech:三会一课", "org:党委", "org:党支部", "report:a", "report:b", "report:c"]);
  });

  it("should show only the unaddressed problems with gaps on", () => {
    expect(visible({ gapsOnly: true })).toEqual(["problem:p3", "problem:p4"]);
  });

  it("should hide themes below the minimum recurrence", () => {
    expect(visible({ minRecurrence: 3 })).toEqual(["problem:p2"]);
  });

  it("should keep only themes raised in reports of the chosen settings, counting recurrence there", () => {
    expect(visible({ settings: new Set(["enterprise"]) })).toEqual(["measure:m2", "problem:p2", "problem:p3"]);
    expect(visible({ settings: new Set(["rural", "school"]), minRecurrence: 2 })).toEqual(["measure:m1", "problem:p1", "problem:p2"]);
  });

  it("should keep only one report's themes with the report filter", () => {
    expect(visible({ reportKey: "report:b", labels: new Set(["Problem", "Report"]) })).toEqual([
      "problem:p1",
      "problem:p2",
      "problem:p4",
      "report:b",
    ]);
  });
});
