/*
 * False positives seen on real tuning pages (set h): a line that only names 问题/对策 (a page title, its
 * numbered repeat, a subtitle, a keyword line) opened a section, so the abstract, keywords, background and page
 * chrome were read as problems or practices as measures; umbrellas that count problems, cause sentences, an
 * authority's quoted words, a literature review; and three small bugs (a boilerplate line output as a measure,
 * a "." between sentences, 即使 split at 即). Every text here is written for the test; it copies only the
 * structure of the real pages.
 */
import { describe, expect, it } from "vitest";

import { classifyReport } from "../../src/classify/classify.ts";
import { foldText } from "../../src/normalise/fold-text.ts";
import { normaliseDocument } from "../../src/normalise/normalise-document.ts";
import { outlineReport } from "../../src/outline/index.ts";
import { segmentDocument } from "../../src/segment/segment.ts";
import type { Diagnostic, NormalisedDocument, Statement } from "../../src/types.ts";
import { plainDoc } from "../helpers/doc.fixtures.ts";

function run(doc: NormalisedDocument): { statements: Statement[]; notes: Diagnostic[] } {
  const seg = segmentDocument(doc);
  const notes: Diagnostic[] = [];
  const statements = seg.reports.flatMap((r) => classifyReport(doc, r, outlineReport(doc, r, seg.markers, notes)).statements);
  return { statements, notes };
}

const of = (text: string) => run(plainDoc(text));
const problems = (text: string) => of(text).statements.filter((s) => s.kind === "problem").map((s) => s.text);
const measures = (text: string) => of(text).statements.filter((s) => s.kind === "measure").map((s) => s.text);

describe("lines that name 问题/对策 but are no section headings", () => {
  const COLLECTION = [
    "某县机关党建工作存在问题及对策(精选3篇)",
    "时间: 2024-01-01 栏目:调研报告",
    "某县机关党建工作存在问题及对策篇1",
    "【摘要】本文围绕机关党建的现状作初步分析，并就对策进行探讨，旨在提高工作水平。",
    "【关键词】机关党建 现状 对策",
    "机关党建是党的建设的重要组成部分，干部的政治素质直接关系到单位的工作效果。",
    "一、存在的问题",
    "1、学习制度落实不严格，学习走过场。",
    "2、支部活动形式单一。",
    "二、对策建议",
    "1、健全学习制度，严格考勤。",
  ].join("\n");

  it("should not read the abstract, keywords or background under a numbered repeat of the page title", () => {
    const got = problems(COLLECTION);
    expect(got.filter((p) => /本文|关键词|重要组成部分/.test(p))).toEqual([]);
    expect(measures(COLLECTION).filter((m) => /重要组成部分/.test(m))).toEqual([]);
    expect(got.some((p) => p.startsWith("学习制度落实不严格"))).toBe(true);
    expect(got).toContain("支部活动形式单一");
    expect(measures(COLLECTION).some((m) => m.startsWith("健全学习制度"))).toBe(true);
  });

  it("should say why such a line is no heading (outline:not-a-heading, for kg extract --verbose)", () => {
    const notes = of(COLLECTION).notes.filter((d) => d.origin === "outline:not-a-heading");
    const third = notes.find((d) => d.line === 3);
    expect(third?.message).toContain("abstract");
    expect(notes.every((d) => d.line !== undefined && d.line <= 3)).toBe(true);
  });

  it("should not read a keyword line without its label, a classification code or page numbers as problems", () => {
    const text = [
      "关于乡镇党建的作用发挥和现实问题的思考",
      "近年来乡镇党建取得新进展，但也存在一些新问题，主要体现在组织力“弱化”、阵地作用“虚化”。",
      "乡镇党建、作用发挥、现实问题",
      "D26(党的建设问题)",
      "45-49",
    ].join("\n");
    const got = problems(text);
    expect(got.filter((p) => /D26|45-49|乡镇党建、/.test(p))).toEqual([]);
    expect(got.some((p) => p.includes("“弱化”"))).toBe(true);
  });

  it("should not read practices under a subtitle that names 建议 as measures", () => {
    const text = [
      "——基于长处与不足的分析及改进建议",
      "街道党工委书记队伍的现状观察",
      "群众工作的扎实基础 某街道书记坚持每周接待居民，办结了大量民生诉求，居民评价较好。",
      "统筹资源的协调能力 某社区书记牵头成立共建联盟，协调辖区单位投入资金改造了老旧小区。",
    ].join("\n");
    expect(measures(text)).toEqual([]);
    expect(of(text).notes.some((d) => d.origin === "outline:not-a-heading" && d.message.includes("subtitle"))).toBe(true);
  });

  it("should read a line naming 建议 under the title, above the report's own sections, as a subtitle", () => {
    const text = [
      "某园区楼宇党员管理调研报告",
      "改进楼宇党员管理方式的对策建议",
      "园区现有楼宇十二栋，入驻企业四百余家，从业人员中党员约占一成，多数在外地保留组织关系。",
      "一、楼宇党员管理面临的困境及其原因",
      "（一）楼宇党员管理存在盲点",
      "一是不少党员不亮身份，组织找不到人。二是企业负责人对党员参加活动有顾虑，活动难以开展。",
      "（二）盲点形成的原因",
      "主要是党员流动快，信息更新慢。",
    ].join("\n");
    expect(measures(text)).toEqual([]);
    expect(of(text).notes.some((d) => d.origin === "outline:not-a-heading" && d.line === 2 && d.message.includes("subtitle"))).toBe(true);
    // Under a section of problems and their causes, the sub-section that names its problems (存在盲点) holds problems.
    expect(problems(text)).toEqual(expect.arrayContaining(["不少党员不亮身份，组织找不到人", "企业负责人对党员参加活动有顾虑，活动难以开展"]));
    // A bare 对策建议 under the title is the report's first section.
    const bare = ["某园区楼宇党员管理调研报告", "对策建议", "一、建立楼宇党员信息台账。", "二、推行错时活动。"].join("\n");
    expect(measures(bare).length).toBeGreaterThan(0);
  });

  it("should read 「（三）X有待加强」 as the third problem of its list, not as a section over the causes after it", () => {
    const text = [
      "某局机关党建工作情况汇报",
      "（一）支部对党建认识不到位。个别支部认为党建就是组织学习。",
      "（二）组织生活内容不丰富。学习方式单一，吸引力不够。",
      "（三）党员队伍建设有待加强。部分党员思想观念跟不上新要求。",
      "造成上述问题的原因有以下几点：一是对党建的核心任务把握不准。二是对于党建工作投入不够。",
    ].join("\n");
    expect(problems(text)).toEqual(["支部对党建认识不到位", "组织生活内容不丰富", "党员队伍建设有待加强"]);
  });

  it("should read a bare 「改进策略」 line as the start of the measures, after a section of causes", () => {
    const text = [
      "某馆党支部工作的调查",
      "问题原因分析",
      "1、学习安排不经常：支部集中学习次数偏少。",
      "2、考核办法不健全：对党员表现缺少评价。",
      "改进策略",
      "1、健全学习制度：每月安排一次集中学习。",
      "2、完善考核办法：按季度评议党员表现。",
    ].join("\n");
    expect(measures(text)).toEqual(["健全学习制度", "完善考核办法"]);
  });

  it("should read 「二是X存在差距」 in a 一是…二是… run as a problem, not as a section heading that swallows the list", () => {
    const text = [
      "关于社区支部基础工作的调研",
      "在走访中发现，社区支部的问题集中在下面几处：一是组织生活开展有差距。部分支部按楼栋简单划分，开会常常凑不齐人；有的支部学习流于念文件。二是活动场所建设存在差距。一些支部没有固定场所，活动只能借用会议室。三是骨干力量紧缺。年轻党员多在外工作，支部工作有心无力。",
    ].join("\n");
    expect(problems(text)).toEqual(["组织生活开展有差距", "活动场所建设存在差距", "骨干力量紧缺"]);
  });

  it("should read paragraphs that open 首先/其次/最后 with a problem as a list of problems, not 其次's heading as a section over the rest", () => {
    const text = [
      "社区智慧党建的调查",
      "近年来，社区党员的构成日趋多样，如何用好信息手段成为社区支部的新课题。",
      "首先，社区网上党建遇到的难处之一是缺少统一的平台规划。目前，各小区各自建群，数据互不联通，导致党员信息更新不够及时、不够准确。",
      "其次，社区网上党建遇到的难处是缺少懂技术的骨干。支部委员年龄偏大，缺乏系统的培训，也导致了平台用得不够好。",
      "最后，社区网上党建遇到的难处是线上活动吸引力弱。现有活动多为转发文件，缺乏互动性和针对性。",
    ].join("\n");
    const got = problems(text);
    expect(got).toHaveLength(3);
    expect(got.map((p) => p.replace(/^.*是/, ""))).toEqual(["缺少统一的平台规划", "缺少懂技术的骨干", "线上活动吸引力弱"]);
  });

  it("should still open a problem section at a heading 「工作中存在的差距」 (guard)", () => {
    const text = ["某局机关党建调研", "一、工作中存在的差距", "1. 支部学习不够经常", "2. 党员教育形式单一", "二、改进措施", "1. 健全学习制度"].join("\n");
    expect(problems(text)).toEqual(["支部学习不够经常", "党员教育形式单一"]);
  });

  it("should read a bare line of two phrases ending on 的措施 as the start of the measures, though it holds a comma", () => {
    const text = [
      "某校教师党员意识的调查",
      "党员意识短板分析",
      "1. 学习劲头不足",
      "部分教师党员参加集中学习不积极，自学时间偏少。",
      "2. 身份意识淡薄",
      "个别教师党员在课堂内外不亮身份。",
      "唤醒初心使命，擦亮党员身份的措施",
      "1. 完善学习安排",
      "（1）每月集中学习一次，教师党员轮流领学。",
      "2. 推行亮身份活动",
      "（1）教师党员佩戴党徽上课，设立党员示范岗。",
    ].join("\n");
    expect(problems(text)).toEqual(["学习劲头不足", "身份意识淡薄"]);
    expect(measures(text)).toEqual(expect.arrayContaining(["完善学习安排", "推行亮身份活动"]));
  });

  it("should read a heading on how policies and measures were carried out (…执行情况) as a situation, not measures", () => {
    const text = [
      "县流动党员管理政策的评估调研报告",
      "一、基本情况",
      "全县共有流动党员若干名，多为外出务工人员。",
      "二、目前党员积分办法及配套措施的总体执行情况",
      "近年来，县里出台了管理办法，建立了联系人制度，落实了结对帮扶，取得了较好成效。",
    ].join("\n");
    expect(measures(text)).toEqual([]);
  });

  it("should read the paragraphs of a 现状与存在的问题 section by their own words: survey text is no problem", () => {
    const text = [
      "高校学生党员发展质量调研",
      "1 调研方式",
      "本次调研采用网络问卷，共有三百名学生参加，收回有效问卷二百八十份，覆盖了各个年级的学生。",
      "2 学生党员发展现状与存在的问题",
      "2.1入党动机的调查",
      "对“你认为当前发展工作中存在的主要问题是?”一题，有两百名同学选择入党动机，也是大家最关心的问题。",
      "由此可知，大部分",
    ].join("\n");
    expect(problems(text)).toEqual([]);
  });

  it("should not read a paragraph that opens on an achievement in a problem section as a problem", () => {
    const text = [
      "烟草企业党建工作的思考",
      "一、烟草企业党建工作中存在的一些问题",
      "随着企业对党建工作的重视，各项工作有序开展，党员素质有所提高；党员活动的开展也趋于经常",
    ].join("\n");
    expect(problems(text)).toEqual([]);
  });
});

describe("umbrellas, counts and causes", () => {
  it("should not read counts of problems (4项短板) or a 成因: sentence as problems", () => {
    const text = "支部自查报告\n经对照评分细则逐项自查，本支部存在4项短板、2项弱项、1项风险点，现已全部整改。问题1:党员活动阵地面积不足，只能借用会议室。成因:早年规划时未预留场地，导致活动场所长期紧张。";
    const got = problems(text);
    expect(got.filter((p) => /项短板|项弱项|风险点|预留|场所长期紧张/.test(p))).toEqual([]);
    expect(got.some((p) => p.startsWith("党员活动阵地面积不足"))).toBe(true);
  });

  it("should not read 还存在着许多薄弱环节, 是…薄弱的环节 or 无法回避的矛盾和问题 as problems", () => {
    const text = [
      "电力企业党建工作的探讨",
      "园区党组织的作用日益明显，不过眼下园区党建仍存在着许多薄弱环节。",
      "全镇外出务工党员的管理仍是一个比较薄弱的环节，存在组织联系难、学习教育难、服务保障难等一系列问题。",
      "党建工作取得的成绩有目共睹，但也还存在着不少无法回避的矛盾和问题，必须引起重视。",
    ].join("\n");
    const got = problems(text);
    expect(got.filter((p) => /薄弱|无法回避/.test(p))).toEqual([]);
    expect(got).toContain("组织联系难");
  });

  it("should not read 是因为… clauses, which give causes, as problems", () => {
    const text = "基层党建的几点思考\n基层党建存在一些新问题，主要是组织力“弱化”。对此，从思想上看，是因为一些党员对政治要求认识不足，从制度上看，是因为一些支部对标准的把握模糊。";
    const got = problems(text);
    expect(got.filter((p) => p.includes("是因为"))).toEqual([]);
  });

  it("should not read a literature review's gaps as the report's problems", () => {
    const text = "社区书记队伍的调查\n国内关于社区书记的研究，多把书记当作一般工作者来分析，很少把书记作为单独群体研究。";
    expect(problems(text)).toEqual([]);
  });

  it("should not read the topic the report sets out to study (「…，成为亟需研究解决的课题」) as a problem", () => {
    const text = "山区村党员队伍的调查\n山区村党员年龄普遍偏大，后继乏人。怎样让返乡青年愿意向支部靠拢，成为目前亟需研究解决的课题。";
    expect(problems(text).filter((p) => /课题/.test(p))).toEqual([]);
    expect(problems(text)).toContain("山区村党员年龄普遍偏大");
  });

  it("should not read an authority's quoted words (总书记指出，“…必须…”) as the report's measures", () => {
    const text = "模范机关建设的调研手记\n会议召开时，总书记在会上指出，“机关出问题危害很大。必须坚持问题导向、精准发力，全面提高机关党建质量，建设让群众满意的机关。”";
    expect(measures(text)).toEqual([]);
  });
});

describe("small bugs", () => {
  it("should not output a line marked as page boilerplate as a measure", () => {
    const text = "社区党建工作调研\n一、对策建议\n加强社区书记队伍建设，完善培训制度。\n本图取自网络，若侵权请联系删除\n健全激励机制，畅通晋升通道。";
    const { document } = normaliseDocument({ path: "fixture.txt", sha256: "0".repeat(64), encoding: "utf-8", text });
    expect(document.noise.some((n) => n.startLine === 4)).toBe(true);
    const got = run(document).statements.filter((s) => s.kind === "measure").map((s) => s.text);
    expect(got.filter((m) => m.includes("侵权"))).toEqual([]);
    expect(got.some((m) => m.startsWith("健全激励机制"))).toBe(true);
  });

  it("should fold a '.' between Chinese sentences to 。, but not the '.' of an enumeration marker", () => {
    expect(foldText("阵地作用“虚化”.对此,要加强建设")).toBe("阵地作用“虚化”。对此,要加强建设");
    expect(foldText("一.组织建设\n2.1调查")).toBe("一.组织建设\n2.1调查");
  });

  it("should keep 即使 whole: the clause is not cut at 即", () => {
    const got = problems("党建工作的调研\n部分党员重业务轻党建，党建工作摆不上应有的位置，即使抓党建工作也是被动应付。");
    expect(got.some((p) => p.startsWith("使抓"))).toBe(false);
    expect(got.some((p) => p.includes("摆不上应有的位置"))).toBe(true);
  });
});
