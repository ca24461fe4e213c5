import { describe, expect, it } from "vitest";

import { describeNode } from "../../../src/viewer/model/details.ts";
import { buildView, importKgGraph } from "../../../src/viewer/model/build-view.ts";
import { fixtureGraphJson, XSS_LABEL, XSS_QUOTE } from "../fixtures/graph.fixtures.ts";

const view = buildView(importKgGraph(fixtureGraphJson()));

describe("buildView", () => {
  it("should keep themes, mechanisms, organisations and reports on the canvas, not statements, figures or documents", () => {
    const kinds = new Map<string, number>();
    view.graph.forEachNode((_k, a) => kinds.set(a.kind, (kinds.get(a.kind) ?? 0) + 1));
    expect(Object.fromEntries(kinds)).toEqual({ Report: 3, Problem: 4, Measure: 2, Mechanism: 1, Organisation: 2 });
  });

  it("should label themes by name and reports by title, and size themes by recurrence", () => {
    expect(view.graph.getNodeAttribute("problem:p1", "label")).toBe("党员发展工作滞后");
    expect(view.graph.getNodeAttribute("report:a", "label")).toBe("某中学党支部调研报告");
    expect(view.graph.getNodeAttribute("problem:p2", "size")).toBeGreaterThan(view.graph.getNodeAttribute("problem:p1", "size"));
    expect(view.graph.getNodeAttribute("problem:p2", "reportCount")).toBe(3);
  });

  it("should keep the aggregated ADDRESSED_BY edge weighted by its report count, and drop statement-level links", () => {
    const addressed = view.graph.filterEdges((_e, a) => a.rel === "ADDRESSED_BY");
    expect(addressed).toHaveLength(2);
    expect(view.graph.getEdgeAttribute("ADDRESSED_BY:problem:p1:measure:m1", "weight")).toBe(2);
    expect(view.graph.hasNode("stmt:s1")).toBe(false);
  });

  it("should find the problems no measure addresses", () => {
    expect([...view.gaps].sort()).toEqual(["problem:p3", "problem:p4"]);
  });

  it("should collect each theme's quotes with report title and line, in report order", () => {
    const ev = view.evidence.get("problem:p1")!;
    expect(ev.map((e) => [e.quote, e.reportTitle, e.line])).toEqual([
      ["发展党员工作滞后，青年教师入党积极性不高。", "某中学党支部调研报告", 20],
      ["农村党员发展力度不大，队伍老龄化严重。", "某村党建工作调研", 66],
    ]);
  });

  it("should keep extracted text verbatim, markup included", () => {
    expect(view.graph.getNodeAttribute("problem:p3", "label")).toBe(XSS_LABEL);
    expect(view.evidence.get("problem:p3")![0]!.quote).toBe(XSS_QUOTE);
  });

  it("should list a problem's measures first in its details", () => {
    const d = describeNode(view, "problem:p1")!;
    expect(d.linked[0]).toMatchObject({ key: "measure:m1", rel: "ADDRESSED_BY", reportCount: 2 });
    expect(d.linked.map((l) => l.key)).toContain("report:a");
    expect(describeNode(view, "measure:m2")!.linked[0]).toMatchObject({ key: "problem:p2", rel: "ADDRESSED_BY" });
  });

  it("should give mechanisms their mention quotes as evidence", () => {
    expect(view.evidence.get("mech:三会一课")!.map((e) => e.quote)).toEqual(["三会一课流于形式", "坚持三会一课"]);
  });
});
