import { describe, expect, it } from "vitest";

import { segmentDocument } from "../../src/segment/segment.ts";
import { fixtureText, plainDoc } from "../helpers/doc.fixtures.ts";

describe("segmentDocument", () => {
  it("should find one report in a file that holds one", () => {
    const { reports } = segmentDocument(plainDoc(fixtureText("village-single.txt")));
    expect(reports.map((r) => [r.startLine, r.endLine])).toEqual([[1, 15]]);
    expect(reports[0]!.title).toBe("关于某镇农村基层党组织建设情况的调研报告");
  });

  it("should split two pasted reports where the numbering restarts after a closing paragraph", () => {
    const { reports } = segmentDocument(plainDoc(fixtureText("organ-two-reports.txt")));
    expect(reports.map((r) => [r.startLine, r.endLine, r.startRule])).toEqual([
      [1, 11, "document-start"],
      [12, 17, "numbering-restart"],
    ]);
  });

  it("should start a report at its introduction, not at its first numbered heading", () => {
    const first = fixtureText("organ-two-reports.txt");
    const second = fixtureText("village-single.txt");
    const { reports } = segmentDocument(plainDoc(`${first.trimEnd()}\n${second}`));
    expect(reports.map((r) => r.startLine)).toEqual([1, 12, 18]);
  });

  it("should take a short first line followed by the text as the title, subtitle included", () => {
    const { reports } = segmentDocument(plainDoc("关于加强新时代高校党建工作的思考——以某学院为例\n近年来，学院党委坚持党建引领，推动各项工作取得新进展。"));
    expect(reports[0]!.title).toBe("关于加强新时代高校党建工作的思考——以某学院为例");
  });

  it("should keep a report without line breaks whole", () => {
    const { reports } = segmentDocument(plainDoc(fixtureText("enterprise-runon.txt")));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.truncated).toBe(false);
  });

  it("should collapse a truncated preview of the lines that follow it", () => {
    const text = [
      "关于党建工作的调研报告",
      "根据安排，我们对党建工作进行了调研，现将情况报告如下：一、基本情况",
      "根据安排，我们对党建工作进行了调研，现将情况报告如下：",
      "一、基本情况",
      "共有党员20名。",
    ].join("\n");
    const { reports } = segmentDocument(plainDoc(text));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.duplicates).toHaveLength(1);
  });

  it("should count a report pasted twice once, and say so", () => {
    const text = fixtureText("village-single.txt");
    const { reports, diagnostics } = segmentDocument(plainDoc(`${text.trimEnd()}\n${text}`));
    expect(reports).toHaveLength(1);
    expect(diagnostics.map((d) => d.origin)).toContain("segment:duplicate-report");
  });

  it("should not flag a report signed off by its unit and a date as broken off", () => {
    const { reports } = segmentDocument(plainDoc("一、基本情况\n共有党员20名。\n二、存在的问题\n1、发展党员缓慢。\n某学院党委\n2024年6月"));
    expect(reports[0]!.truncated).toBe(false);
    const office = segmentDocument(plainDoc("一、基本情况\n共有党员20名。\nXX街道党工委组织办\n2024年4月"));
    expect(office.reports[0]!.truncated).toBe(false);
  });

  it("should flag a report that breaks off mid-sentence", () => {
    const { reports } = segmentDocument(plainDoc("一、基本情况\n共有党员20名。\n二、存在的问题\n1、发展党员缓慢，三是搭"));
    expect(reports[0]!.truncated).toBe(true);
  });
});

describe("segmentDocument on excerpts that start mid-report", () => {
  it("should not start a report where a sub-list restarts at 1 under a higher heading, nor at a sentence that mentions 调研报告", () => {
    const text = [
      "7.组织生活按月开展。",
      "8.调查研究",
      "全年向上级报送信息十二期，调研报告两篇，专题研究党建工作六次。",
      "三、存在的问题",
      "1.青年教师入党积极性不高。",
      "2.支部活动形式单一。",
    ].join("\n");
    const { reports } = segmentDocument(plainDoc(text));
    expect(reports.map((r) => [r.startLine, r.endLine])).toEqual([[1, 6]]);
  });
});

describe("a table of contents", () => {
  it("should be set aside: one report, and each heading read where its text is", () => {
    const text = [
      "某村党建调研报告",
      "目录/提纲：",
      "一、最普遍的问题：党员年龄老化",
      "二、最突出的问题：先锋意识淡化",
      "随着农村改革的深入，村党组织建设面临新情况。",
      "一、最普遍的问题：党员年龄老化",
      "全村五十岁以上党员占七成。",
      "二、最突出的问题：先锋意识淡化",
      "部分党员只满足于交党费。",
    ].join("\n");
    const { reports } = segmentDocument(plainDoc(text));
    expect(reports.map((r) => [r.startLine, r.endLine])).toEqual([[1, 9]]);
    expect(reports[0]!.duplicates).toHaveLength(3);
  });
});
