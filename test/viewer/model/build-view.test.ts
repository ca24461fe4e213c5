import { describe, expect, it } from "vitest";

import { describeNode } from "../../../src/viewer/model/details.ts";
import { buildView, buildViewData, buildViewParts, createLocalDetails, importKgGraph, viewFromData } from "../../../src/viewer/model/build-view.ts";
import type { ViewModel } from "../../../src/viewer/model/types.ts";
import { fixtureGraphJson, XSS_LABEL, XSS_QUOTE } from "../fixtures/graph.fixtures.ts";

const view = buildView(importKgGraph(fixtureGraphJson()), { allReports: true });
const kg = importKgGraph(fixtureGraphJson());
const details = createLocalDetails(kg, buildViewData(kg).reports);

function kinds(v: ViewModel): Record<string, number> {
  const out: Record<string, number> = {};
  v.graph.forEachNode((_k, a) => (out[a.kind] = (out[a.kind] ?? 0) + 1));
  return out;
}

describe("buildView", () => {
  it("should keep themes, mechanisms, organisations and reports on the canvas, not statements, figures or documents", () => {
    expect(kinds(view)).toEqual({ Report: 3, Problem: 4, Measure: 2, Mechanism: 1, Organisation: 2 });
  });

  it("should open without reports and their links, which come on demand", async () => {
    const lazy = buildView(importKgGraph(fixtureGraphJson()));
    expect(kinds(lazy)).toEqual({ Problem: 4, Measure: 2, Mechanism: 1, Organisation: 2 });
    // Recurrence, the report list and the matrices do not need the links.
    expect(lazy.graph.getNodeAttribute("problem:p2", "reportCount")).toBe(3);
    expect(lazy.reports.map((r) => r.key).sort()).toEqual(["report:a", "report:b", "report:c"]);
    expect([...lazy.nodeReports.get("problem:p1")!].sort()).toEqual(["report:a", "report:b"]);
    // A theme's links: its reports, as [report index, theme, relationship, reports].
    const links = await lazy.details.reportLinks("problem:p1");
    expect(links.map(([i, t, rel]) => [lazy.reports[i]!.key, t, rel]).sort()).toEqual([
      ["report:a", "problem:p1", "RAISES"],
      ["report:b", "problem:p1", "RAISES"],
    ]);
    // A report's links: its themes and entities; all links: as many as the whole view has.
    expect((await lazy.details.reportLinks("report:a")).every(([i]) => lazy.reports[i]!.key === "report:a")).toBe(true);
    let reportEdges = 0;
    view.graph.forEachEdge((_e, _a, _s, _t, sa) => void (sa.kind === "Report" && reportEdges++));
    expect(await lazy.details.reportLinks(null)).toHaveLength(reportEdges);
  });

  it("should send no report link and no Report node in the summary", () => {
    const data = buildViewData(kg);
    expect(data.nodes.some((n) => n.kind === "Report")).toBe(false);
    expect(data.edges.some(([, source]) => source.startsWith("report:"))).toBe(false);
    expect(buildViewParts(kg).links.length).toBeGreaterThan(0);
  });

  it("should label themes by name with their count and reports by title", () => {
    expect(view.graph.getNodeAttribute("problem:p1", "fullLabel")).toBe("党员发展工作滞后");
    expect(view.graph.getNodeAttribute("problem:p1", "label")).toBe("党员发展工作滞后 2");
    expect(view.graph.getNodeAttribute("report:a", "label")).toBe("某中学党支部调研报告");
    expect(view.graph.getNodeAttribute("problem:p2", "reportCount")).toBe(3);
  });

  it("should give discs an area proportional to recurrence", () => {
    const size = (k: string) => view.graph.getNodeAttribute(k, "size");
    // p2 is raised by 3 reports, p4 by 1: three times the area.
    expect((size("problem:p2") / size("problem:p4")) ** 2).toBeCloseTo(3, 5);
    expect((size("problem:p2") / size("problem:p1")) ** 2).toBeCloseTo(3 / 2, 5);
  });

  it("should rebuild the same view from its JSON summary (what kg serve sends)", () => {
    const data = buildViewData(kg);
    const lazy = buildView(kg);
    const again = viewFromData(JSON.parse(JSON.stringify(data)), details);
    expect(again.graph.export().nodes).toEqual(lazy.graph.export().nodes);
    expect(again.graph.size).toBe(lazy.graph.size);
    expect([...again.gaps]).toEqual([...view.gaps]);
    expect(JSON.stringify(data)).not.toContain("青年教师入党积极性不高"); // no quotes in the summary
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
    const ev = details.evidenceSync("problem:p1");
    expect(ev.map((e) => [e.quote, e.reportTitle, e.line])).toEqual([
      ["发展党员工作滞后，青年教师入党积极性不高。", "某中学党支部调研报告", 20],
      ["农村党员发展力度不大，队伍老龄化严重。", "某村党建工作调研", 66],
    ]);
  });

  it("should keep extracted text verbatim, markup included", () => {
    expect(view.graph.getNodeAttribute("problem:p3", "fullLabel")).toBe(XSS_LABEL);
    expect(details.evidenceSync("problem:p3")[0]!.quote).toBe(XSS_QUOTE);
  });

  it("should list a problem's measures first in its details", () => {
    const d = describeNode(view, "problem:p1")!;
    expect(d.linked[0]).toMatchObject({ key: "measure:m1", rel: "ADDRESSED_BY", reportCount: 2 });
    expect(d.linked.map((l) => l.key)).toContain("report:a");
    // grouped, never mixed: measures first, reports apart
    expect(d.groups.map((g) => g.id)).toEqual(["measures", "reports"]);
    expect(d.groups[0]!.nodes.map((n) => n.key)).toEqual(["measure:m1"]);
    expect(describeNode(view, "measure:m2")!.linked[0]).toMatchObject({ key: "problem:p2", rel: "ADDRESSED_BY" });
  });

  it("should give mechanisms their mention quotes as evidence", () => {
    expect(details.evidenceSync("mech:三会一课").map((e) => e.quote)).toEqual(["三会一课流于形式", "坚持三会一课"]);
  });

  it("should pair a problem's and a measure's quotes where one answers the other", () => {
    const pairs = details.pairQuotesSync("problem:p1", "measure:m1");
    expect(pairs.map((p) => [p.reportTitle, p.problem.quote, p.measure.quote])).toEqual([
      ["某中学党支部调研报告", "发展党员工作滞后，青年教师入党积极性不高。", "加强对入党积极分子的培养。"],
    ]);
    expect(view.pairs.get("problem:p1\u0000measure:m1")!.reports).toEqual(new Set(["report:a"]));
  });
});
