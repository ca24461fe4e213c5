import { describe, expect, it } from "vitest";

import { buildView, importKgGraph } from "../../../src/viewer/model/build-view.ts";
import { computeVisibility, createDefaultFilters, scopeReports } from "../../../src/viewer/model/filters.ts";
import { buildProblemMeasureMatrix, buildProblemReportMatrix, problemReportTable, toCsv } from "../../../src/viewer/model/matrix.ts";
import { fixtureGraphJson } from "../fixtures/graph.fixtures.ts";

const view = buildView(importKgGraph(fixtureGraphJson()));

describe("buildProblemReportMatrix", () => {
  it("should list visible problems by recurrence against the reports raising them, grouped by setting, with statement counts", () => {
    const v = computeVisibility(view, createDefaultFilters());
    const m = buildProblemReportMatrix(view, v.nodes, null);
    expect(m.rows.map((r) => r.key)).toEqual(["problem:p2", "problem:p1", "problem:p3", "problem:p4"]);
    // b raises 3 of the problems, a and c 2 each; each setting is its own group here
    expect(m.columns.map((c) => [c.key, c.group])).toEqual([
      ["report:b", "rural"],
      ["report:a", "school"],
      ["report:c", "enterprise"],
    ].sort((x, y) => (x[1] === "rural" ? -1 : y[1] === "rural" ? 1 : x[1]!.localeCompare(y[1]!))));
    const p1 = m.rows.findIndex((r) => r.key === "problem:p1");
    const col = (k: string) => m.columns.findIndex((c) => c.key === k);
    expect([m.cells[p1]![col("report:a")], m.cells[p1]![col("report:b")], m.cells[p1]![col("report:c")]]).toEqual([1, 1, 0]);
    expect(m.maxCount).toBe(1);
  });

  it("should hide report columns where no visible problem is raised", () => {
    const v = computeVisibility(view, { ...createDefaultFilters(), minRecurrence: 2 });
    const m = buildProblemReportMatrix(view, v.nodes, null);
    expect(m.rows.map((r) => r.key)).toEqual(["problem:p2", "problem:p1"]);
    expect(m.columns).toHaveLength(3);
    const only = buildProblemReportMatrix(view, new Set(["problem:p4"]), null);
    expect(only.columns.map((c) => c.key)).toEqual(["report:b"]);
    expect(only.hiddenEmpty).toBe(2);
  });

  it("should count, per problem and measure, the reports pairing them", () => {
    const v = computeVisibility(view, createDefaultFilters());
    const m = buildProblemMeasureMatrix(view, v.nodes, null);
    expect(m.rows.map((r) => r.key)).toEqual(["problem:p1"]);
    expect(m.columns.map((c) => c.key)).toEqual(["measure:m1"]);
    expect(m.cells).toEqual([[1]]);
  });

  it("should export a matrix as CSV that spreadsheets read (BOM, quoted commas)", () => {
    const v = computeVisibility(view, createDefaultFilters());
    const csv = toCsv(problemReportTable(buildProblemReportMatrix(view, v.nodes, null)));
    expect(csv.startsWith("\uFEFFproblem,reports,")).toBe(true);
    expect(csv).toContain("党员发展工作滞后,2,");
    expect(toCsv([["a,b", 'say "hi"']])).toBe('\uFEFF"a,b","say ""hi"""\r\n');
  });

  it("should keep only the reports in scope as columns", () => {
    const filters = { ...createDefaultFilters(), settings: new Set(["rural"]) };
    const v = computeVisibility(view, filters);
    const m = buildProblemReportMatrix(view, v.nodes, scopeReports(view, filters));
    expect(m.columns.map((c) => c.key)).toEqual(["report:b"]);
    expect(m.rows.map((r) => r.key).sort()).toEqual(["problem:p1", "problem:p2", "problem:p4"]);
  });
});
