import { describe, expect, it } from "vitest";

import { createKgGraph } from "../../src/graph/build-graph.ts";
import { MetadataError, applyReportMetadata, parseCsv, parseReportMetadata } from "../../src/graph/report-metadata.ts";

describe("report metadata CSV", () => {
  it("should read quoted fields, any column order and a BOM", () => {
    expect(parseCsv('\uFEFFa,"b, c","d ""e"""\r\n1,2,3\n')).toEqual([
      ["a", "b, c", 'd "e"'],
      ["1", "2", "3"],
    ]);
    const meta = parseReportMetadata("setting,file,title,year\nschool,x/a.txt,青松中学党建调研报告,2021\ncommunity,b.html,,\n");
    expect(meta.get("x/a.txt")).toEqual({ setting: "school", title: "青松中学党建调研报告", year: "2021" });
    expect(meta.get("b.html")).toEqual({ setting: "community" });
  });

  it("should refuse a CSV without a file column or with an unknown setting, saying which line", () => {
    expect(() => parseReportMetadata("title\nx\n")).toThrow(MetadataError);
    expect(() => parseReportMetadata("file,setting\na.txt,school\nb.txt,moon\n")).toThrow(/line 3.*moon/);
  });

  it("should name and describe every report of the file, numbering several reports of one file", () => {
    const g = createKgGraph();
    g.addNode("report:1", { label: "Report", name: "某单位党建调研报告（a.txt 第1篇）", title: null, setting: "unknown", path: "in/a.txt", startLine: 1, endLine: 9, truncated: false });
    g.addNode("report:2", { label: "Report", name: "x", title: null, setting: "unknown", path: "in/a.txt", startLine: 10, endLine: 19, truncated: false });
    g.addNode("report:3", { label: "Report", name: "keep", title: null, setting: "rural", path: "in/b.txt", startLine: 1, endLine: 9, truncated: false });
    g.addNode("st:1", { label: "Statement", reportKey: "report:2", reportTitle: "x" } as never);
    const n = applyReportMetadata(g, parseReportMetadata("file,title,organisation,region,year,setting\na.txt,红旗村调研,红旗村党支部,江南省,2020,rural\n"));
    expect(n).toBe(2);
    expect(g.getNodeAttribute("report:1", "name")).toBe("红旗村调研（第1篇）");
    expect(g.getNodeAttribute("report:2", "name")).toBe("红旗村调研（第2篇）");
    expect(g.getNodeAttributes("report:2")).toMatchObject({ organisation: "红旗村党支部", region: "江南省", year: "2020", setting: "rural" });
    expect(g.getNodeAttribute("st:1", "reportTitle")).toBe("红旗村调研（第2篇）");
    expect(g.getNodeAttribute("report:3", "name")).toBe("keep");
  });
});
