/*
 * Decimal sub-headings (2.1 / 2.1.1 / 3.1、) under a problem or measure section are that section's items,
 * whether the section is numbered 二、 or with a bare 「2 」 that only the 2.1 … under it tell. All texts are
 * written for these tests.
 */
import { describe, expect, it } from "vitest";

import { classifyReport } from "../../src/classify/classify.ts";
import { outlineReport } from "../../src/outline/index.ts";
import { segmentDocument } from "../../src/segment/segment.ts";
import { plainDoc } from "../helpers/doc.fixtures.ts";

function statements(text: string, kind: "problem" | "measure"): string[] {
  const doc = plainDoc(text);
  const seg = segmentDocument(doc);
  return seg.reports.flatMap((r) => classifyReport(doc, r, outlineReport(doc, r, seg.markers)).statements.filter((s) => s.kind === kind).map((s) => s.normText));
}

describe("decimal sub-headings", () => {
  it("should read 2.1, 2.2 … under 二、对策 as its measures", () => {
    const text = "某镇支部建设调研\n一、基本情况\n全镇共有支部十二个。\n二、对策建议\n2.1 健全学习制度\n每月集中学习一次。\n2.2 丰富活动载体\n结合农时开展活动。\n2.3 保障工作经费\n列入年度预算。";
    expect(statements(text, "measure")).toEqual(["健全学习制度", "丰富活动载体", "保障工作经费"]);
  });

  it("should read 2.1, 2.2 under a bare 「2 存在的问题」 as its problems, and not the bare number of a figure", () => {
    const text = "某镇支部建设调研\n1 调研对象\n12 个支部参加了调研。\n2 存在的问题\n2.1 党员年龄结构老化\n五十岁以上的党员占七成。\n2.2 活动形式单一\n多年只有读报一种形式。\n3 对策建议\n3.1 优化党员队伍结构\n多发展年轻党员。\n3.2 创新活动方式\n引入线上学习。";
    expect(statements(text, "problem")).toEqual(["党员年龄结构老化", "活动形式单一"]);
    expect(statements(text, "measure")).toEqual(["优化党员队伍结构", "创新活动方式"]);
  });

  it("should read a prescribing 2.1 heading over bullets as the measure, not as a topic over its bullets", () => {
    const text = "某镇支部建设调研\n二、对策建议\n2.1 加强支部组织建设\n• 建立片区联合支部\n• 调整支部设置\n2.2 创新学习方式\n• 开设线上课堂\n• 组织现场教学";
    expect(statements(text, "measure")).toEqual(["加强支部组织建设", "创新学习方式"]);
  });

  it("should not make a numbered sentence of figures a heading: no 2.1 follows it", () => {
    const text = "某镇支部建设调研\n二、存在的问题\n（一）党员年龄结构老化。\n2 个支部三年未发展党员。\n（二）活动形式单一。";
    expect(statements(text, "problem")).toEqual(["党员年龄结构老化", "活动形式单一"]);
  });
});
