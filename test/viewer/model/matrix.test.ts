import { describe, expect, it } from "vitest";

import { buildView, importKgGraph } from "../../../src/viewer/model/build-view.ts";
import { computeVisibility, createDefaultFilters, scopeReports } from "../../../src/viewer/model/filters.ts";
import { buildProblemReportMatrix } from "../../../src/viewer/model/matrix.ts";
import { fixtureGraphJson } from "../fixtures/graph.fixtures.ts";

const view = buildView(importKgGraph(fixtureGraphJson()));

describe("buildProblemReportMatrix", () => {
  it("should list visible problems by recurrence against reports in source order, with the quotes in each cell", () => {
    const v = computeVisibility(view, createDefaultFilters());
    const m = buildProblemReportMatrix(view, v.nodes, null);
    expect(m.rows.map((r) => r.key)).toEqual(["problem:p2", "problem:p1", "problem:p3", "problem:p4"]);
    expect(m.columns.map((c) => c.key)).toEqual(["report:a", "report:b", "report:c"]);
    expect(m.cells[1]!.map((c) => c.map((e) => e.quote))).toEqual([
      ["发展党员工作滞后，青年教师入党积极性不高。"],
      ["农村党员发展力度不大，队伍老龄化严重。"],
      [],
    ]);
    expect(m.maxCount).toBe(1);
  });

  it("should keep only the reports in scope as columns", () => {
    const filters = { ...createDefaultFilters(), settings: new Set(["rural"]) };
    const v = computeVisibility(view, filters);
    const m = buildProblemReportMatrix(view, v.nodes, scopeReports(view, filters));
    expect(m.columns.map((c) => c.key)).toEqual(["report:b"]);
    expect(m.rows.map((r) => r.key).sort()).toEqual(["problem:p1", "problem:p2", "problem:p4"]);
  });
});
