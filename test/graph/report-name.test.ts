import { describe, expect, it } from "vitest";

import { cleanTitle, isSpecificOrganisation, reportName, shortFileName } from "../../src/graph/report-name.ts";

describe("cleanTitle", () => {
  it("should drop site chrome around a real title", () => {
    expect(cleanTitle("首页 职场指南 调研报告频道 关于某县农村党建的调研报告")).toBe("关于某县农村党建的调研报告");
    expect(cleanTitle("社区党建工作调研报告 时间:2021-04-22 我要投稿")).toBe("社区党建工作调研报告");
    expect(cleanTitle("街道党工委调研报告本文内容:")).toBe("街道党工委调研报告");
  });

  it("should drop list numbering before a title", () => {
    expect(cleanTitle("20_中小学校党建工作情况调研报告")).toBe("中小学校党建工作情况调研报告");
  });

  it("should reject a title that is nothing but chrome", () => {
    expect(cleanTitle("首页 职场指南 我要投稿")).toBeNull();
    expect(cleanTitle("内容预览")).toBeNull();
    expect(cleanTitle("时间:2021-04-22")).toBeNull();
    expect(cleanTitle(null)).toBeNull();
    expect(cleanTitle("首页 > 范文 > 调研报告")).toBeNull();
  });
});

describe("reportName", () => {
  it("should keep a clean title", () => {
    expect(reportName({ title: "某高校基层党组织建设调研报告", setting: "university", fileName: "a.txt", index: 0 })).toEqual({
      name: "某高校基层党组织建设调研报告",
      title: "某高校基层党组织建设调研报告",
    });
  });

  it("should name an untitled report by its setting, file and place", () => {
    const named = reportName({ title: null, setting: "school", fileName: "000_d566339e5b9149bf.txt", index: 0 });
    expect(named).toEqual({ name: "某中小学党建调研报告（000_d56…txt 第1篇）", title: null });
    expect(named.name).not.toMatch(/[0-9a-f]{16}/);
  });

  it("should name an untitled report by its most-mentioned specific organisation", () => {
    const organisations = [
      { name: "学校党支部", mentions: 9 },
      { name: "青松社区党委", mentions: 4 },
      { name: "区委组织部", mentions: 6 },
    ];
    expect(reportName({ title: "首页 我要投稿", setting: "community", fileName: "b.html", index: 2, organisations }).name).toBe(
      "青松社区党委党建调研报告（b.html 第3篇）",
    );
  });

  it("should tell specific bodies from kinds of body", () => {
    expect(isSpecificOrganisation("学校党支部")).toBe(false);
    expect(isSpecificOrganisation("基层党支部")).toBe(false);
    expect(isSpecificOrganisation("青松社区党委")).toBe(true);
    expect(isSpecificOrganisation("红旗村党支部")).toBe(true);
  });

  it("should shorten long file names only", () => {
    expect(shortFileName("000_d566339e5b9149bf.txt")).toBe("000_d56…txt");
    expect(shortFileName("report.txt")).toBe("report.txt");
    expect(shortFileName("report-0012.txt")).toBe("report-0012.txt");
  });
});

describe("themeCaption (Neo4j Browser)", async () => {
  const { themeCaption } = await import("../../src/graph/caption.ts");
  it("should keep captions within 8 characters, cutting at a separator when it can", () => {
    expect(themeCaption("党员发展缓慢、队伍结构老化")).toBe("党员发展缓慢");
    expect(themeCaption("党建经费缺乏保障")).toBe("党建经费缺乏保障");
    expect(themeCaption("加强领导班子和干部（书记、党务）队伍建设")).toBe("加强领导班子和…");
    for (const name of ["组织生活不正常、不规范", "党建与业务工作“两张皮”、时间冲突", "为基层减负"]) expect([...themeCaption(name)].length).toBeLessThanOrEqual(8);
  });
});
