import { describe, expect, it } from "vitest";

import { buildView, importKgGraph } from "../../../src/viewer/model/build-view.ts";
import { rankProblems } from "../../../src/viewer/model/ranking.ts";
import { problemRowsTable } from "../../../src/viewer/model/tables.ts";
import { fixtureGraphJson } from "../fixtures/graph.fixtures.ts";

const view = buildView(importKgGraph(fixtureGraphJson()));
const fold = (s: string) => s.replace(/\s+/g, "");

describe("rankProblems (the first screen)", () => {
  it("should rank problems by recurrence with their measures and gap flag", () => {
    const rows = rankProblems(view, { scope: null });
    expect(rows.map((r) => [r.key, r.recurrence, r.measures, r.gap])).toEqual([
      ["problem:p2", 3, 1, false],
      ["problem:p1", 2, 1, false],
      ["problem:p3", 1, 0, true],
      ["problem:p4", 1, 0, true],
    ]);
  });

  it("should count recurrence within the reports in scope and drop problems absent there", () => {
    const rows = rankProblems(view, { scope: new Set(["report:c"]) });
    expect(rows.map((r) => [r.key, r.recurrence])).toEqual([
      ["problem:p2", 1],
      ["problem:p3", 1],
    ]);
  });

  it("should search, keep gaps only, and sort by name or gaps", () => {
    expect(rankProblems(view, { scope: null, query: "组织 生活", fold }).map((r) => r.key)).toEqual(["problem:p2"]);
    expect(rankProblems(view, { scope: null, gapsOnly: true }).every((r) => r.gap)).toBe(true);
    expect(rankProblems(view, { scope: null, sort: "gap" })[0]!.gap).toBe(true);
    expect(problemRowsTable(rankProblems(view, { scope: null }))[1]).toEqual([1, "组织生活不规范", "", 3, 1, "no"]);
  });
});
