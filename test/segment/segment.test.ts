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

describe("a numbered section heading", () => {
  // An article whose measure section numbers its items from 一、 again under 「三、…的策略」.
  const article = [
    "关于做好街道楼宇党建工作的几点思考",
    "一、楼宇党建的现状",
    "楼宇里企业多、流动快，党员分散在各家公司。",
    "二、楼宇党建面临的难题",
    "1.组织找不到党员，党员也找不到组织。",
    "2.活动时间难统一，参加的人少。",
    "三、做好楼宇党建工作的策略",
    "一、建立楼宇联合党支部，把分散的党员组织起来。",
    "二、错时安排组织生活，方便上班族参加。",
  ];

  it("should not start a new report where the numbering restarts under it", () => {
    const { reports } = segmentDocument(plainDoc(article.join("\n")));
    expect(reports.map((r) => [r.startLine, r.endLine])).toEqual([[1, 9]]);
  });

  it("should not start one after a lead-in line ending on a colon under the heading either", () => {
    const text = [...article.slice(0, 7), "结合调研，提出以下几点建议：", ...article.slice(7)].join("\n");
    const { reports } = segmentDocument(plainDoc(text));
    expect(reports.map((r) => [r.startLine, r.endLine])).toEqual([[1, 10]]);
  });

  it("should still split where a title stands before the restarted numbering", () => {
    const text = [...article.slice(0, 7), "某社区党建工作调研报告", ...article.slice(7)].join("\n");
    const { reports } = segmentDocument(plainDoc(text));
    expect(reports.map((r) => [r.startLine, r.startRule])).toEqual([
      [1, "document-start"],
      [8, "title"],
    ]);
  });

  it("should still split where page chrome stands between the heading and the restarted numbering", () => {
    const text = [...article.slice(0, 7), "上一篇 下一篇 返回列表", ...article.slice(7)].join("\n");
    const doc = plainDoc(text);
    const chrome = doc.lines[7]!;
    doc.noise.push({ span: { start: chrome.start, end: chrome.end }, startLine: 8, endLine: 8, rule: "boilerplate:test", wholeLines: true });
    const { reports } = segmentDocument(doc);
    expect(reports.map((r) => [r.startLine, r.startRule])).toEqual([
      [1, "document-start"],
      [9, "numbering-restart"],
    ]);
  });

  it("should not start a new report where a top-level list of problems restarts at 一、 after 「鉴于以上情况，我们建议：」", () => {
    const text = [
      "关于改进村级远程教育站点的建议",
      "近年来，各村都配了远程教育设备，但使用情况并不理想，现将走访中发现的情况报告如下。",
      "一、设备闲置。留守的老党员不会操作电脑，设备常年不开。",
      "二、维修困难。设备用了多年，坏了没有经费修。",
      "三、考核走过场。只看登录时长，不看学习效果。",
      "鉴于以上情况，我们建议：",
      "一、加强操作培训。结合冬春训增加电脑操作课程。",
      "二、改进考核办法。把学习效果纳入考核。",
    ].join("\n");
    const { reports } = segmentDocument(plainDoc(text));
    expect(reports.map((r) => [r.startLine, r.endLine])).toEqual([[1, 8]]);
  });

  it("should still split where a report ending on a short sub-item is followed by the next one's 一、", () => {
    const text = [...article.slice(0, 4), "（一）组织找不到党员", "（二）活动时间难统一", ...article.slice(7)].join("\n");
    const { reports } = segmentDocument(plainDoc(text));
    expect(reports.map((r) => [r.startLine, r.startRule])).toEqual([
      [1, "document-start"],
      [7, "numbering-restart"],
    ]);
  });

  it("should still split where the numbering restarts after a body paragraph", () => {
    const text = [...article.slice(0, 7), "街道党工委把楼宇党建列入年度考核，各社区按季度报告进展。", ...article.slice(7)].join("\n");
    const { reports } = segmentDocument(plainDoc(text));
    expect(reports.map((r) => r.startRule)).toEqual(["document-start", "numbering-restart"]);
  });
});

describe("sub-lists inside paragraphs", () => {
  it("should not start a report at a paragraph whose (1) sits after its own 第二，", () => {
    const text = [
      "按照学院党委部署，我们对学生党支部的建设情况做了问卷调查，现将发现的问题报告如下。",
      "第一，支部设置不能适应需要。(1)本科生支部按年级设置，规模差别大；(2)研究生支部硕博混编，活动难统一。",
      "第二，“三会一课”质量不高。(1)党课内容与专业脱节；(2)组织生活会流于形式。",
      "第三，支部活动难有突破。(1)经费不足；(2)活动形式多年不变。",
    ].join("\n");
    const { reports } = segmentDocument(plainDoc(text));
    expect(reports.map((r) => [r.startLine, r.startRule])).toEqual([[1, "document-start"]]);
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
