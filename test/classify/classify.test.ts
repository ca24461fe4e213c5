import { describe, expect, it } from "vitest";

import { classifyReport } from "../../src/classify/classify.ts";
import { ClassifyContext } from "../../src/classify/context.ts";
import { classifyHeading } from "../../src/shared/section-headings.ts";
import { outlineReport } from "../../src/outline/index.ts";
import { classifySetting } from "../../src/classify/setting.ts";
import { segmentDocument } from "../../src/segment/segment.ts";
import type { Statement } from "../../src/types.ts";
import { fixtureText, plainDoc } from "../helpers/doc.fixtures.ts";

function statementsOf(text: string) {
  const doc = plainDoc(text);
  const seg = segmentDocument(doc);
  return seg.reports.map((r) => classifyReport(doc, r, outlineReport(doc, r, seg.markers)));
}

const texts = (statements: Statement[], kind: string) => statements.filter((s) => s.kind === kind).map((s) => s.text);

describe("classifyHeading", () => {
  it.each([
    ["存在的主要问题", "problem"],
    ["学校党建工作存在的问题及原因分析", "problem"],
    ["学校党建工作问题应对措施及建议", "measure"],
    ["原因分析", "cause"],
    ["主要做法和经验", "practice"],
    ["基本情况", "situation"],
    ["有待完善与加强的方面", "problem"],
    ["存在问题的原因分析", "cause"],
    ["上述问题产生的深层次原因", "cause"],
    ["卫生院支部工作的难点", "problem"],
    ["县委巡察组反馈意见要点", "problem"],
    ["思想认识错位与制度缺失制约支部发挥作用的痛点", "problem"],
  ])("should read %s as a %s section", (heading, kind) => expect(classifyHeading(heading)).toBe(kind));

  it("should still read 意见 as proposals when nobody fed them back (guard)", () => {
    expect(classifyHeading("几点意见")).toBe("measure");
  });

  it("should not read a heading that sets out to break through the difficulties (破解…的难点) as a problem section (guard)", () => {
    expect(classifyHeading("着力破解支部工作的难点")).not.toBe("problem");
  });

  it("should not read a long statement that mentions 问题 as a section title", () => {
    expect(classifyHeading("如何采用有效的方式正确处理好党建工作与学校中心工作之间长期存在的突出矛盾和问题")).toBeNull();
  });
});

describe("classifyReport", () => {
  it("should take the enumerated problems and measures and leave practices out", () => {
    const [report] = statementsOf(fixtureText("village-single.txt"));
    expect(texts(report!.statements, "problem")).toEqual(["党员队伍老化，发展党员困难", "组织生活不够规范", "村级集体经济薄弱"]);
    expect(texts(report!.statements, "measure")).toEqual(["加大发展党员力度", "严格落实组织生活制度", "发展壮大村级集体经济"]);
    expect(report!.statements.every((s) => s.rule.includes("item"))).toBe(true);
  });

  it("should read 一是/二是 items as the statements of a section without line breaks", () => {
    const [report] = statementsOf(fixtureText("enterprise-runon.txt"));
    expect(texts(report!.statements, "problem")).toEqual(["党建与生产经营结合不紧密", "党务干部力量薄弱", "党员教育方式单一"]);
    expect(texts(report!.statements, "measure")).toEqual(["推动党建与业务深度融合", "充实党务工作力量", "创新党员教育方式"]);
  });

  it("should keep sub-points under their parent item", () => {
    const [report] = statementsOf(fixtureText("organ-two-reports.txt"));
    const first = report!.statements.find((s) => s.kind === "problem")!;
    expect(first.text).toBe("学习教育针对性不强");
    expect(first.subPoints).toEqual(["学习内容照本宣科", "学用结合不够"]);
    // Sub-points that are shortfalls are also problems of their own (the 一是 level of the gold conventions).
    const subs = report!.statements.filter((s) => s.rules?.[0]?.detail.includes("sub-point"));
    expect(subs.map((s) => s.text)).toEqual(["学习内容照本宣科", "学用结合不够"]);
    expect(texts(report!.statements, "problem")).toHaveLength(4);
  });

  it("should attach a cause paragraph to the problem it follows, one cause per clause", () => {
    const [report] = statementsOf(
      ["三、存在的问题及原因分析", "1、发展党员步伐过慢。", "原因分析：一些教师入党意愿不强；支部培养工作不够深入。", "2、活动阵地不足。"].join("\n"),
    );
    const problem = report!.statements.find((s) => s.kind === "problem")!;
    const causes = report!.statements.filter((s) => s.kind === "cause");
    expect(causes.map((c) => c.text)).toEqual(["一些教师入党意愿不强", "支部培养工作不够深入"]);
    expect(causes.every((c) => c.attachedTo === problem.id)).toBe(true);
    expect(report!.contextAt(report!.statements.find((s) => s.kind === "cause")!.textSpan.start)).toBe("cause");
  });

  it("should take causes from a separate cause section without attaching them", () => {
    const [report] = statementsOf(["四、主要问题", "一是理想信念淡化。", "五、原因分析", "一是外部环境的影响。", "二是理论学习不足。"].join("\n"));
    expect(texts(report!.statements, "cause")).toEqual(["外部环境的影响", "理论学习不足"]);
    expect(report!.statements.some((s) => s.attachedTo)).toBe(false);
  });

  it("should read a problem section's introduction that gives a reason as a general cause", () => {
    const [report] = statementsOf(
      ["三、存在的问题", "由于对党建工作的定位认识不清，目前党建工作落实不好，主要存在下列问题：", "1、重视程度不够。", "2、经费不足。"].join("\n"),
    );
    expect(texts(report!.statements, "cause")).toEqual(["由于对党建工作的定位认识不清，目前党建工作落实不好"]);
    expect(texts(report!.statements, "problem")).toEqual(["重视程度不够", "经费不足"]);
  });

  it("should find unnumbered section headings, as Word documents read as text have them", () => {
    const [report] = statementsOf(fixtureText("docx-style-unnumbered.md"));
    expect(texts(report!.statements, "problem")).toEqual(["在职党员报到后参与不够", "社区党组织统筹能力不强"]);
    expect(texts(report!.statements, "measure")).toEqual(["建立在职党员双向积分管理", "完善区域化党建联席会议制度"]);
  });

  it("should sort the items of a section of problems and suggestions together by what they say", () => {
    const [report] = statementsOf(fixtureText("mixed-section.txt"));
    expect(texts(report!.statements, "problem")).toEqual(["部分支部组织生活流于形式，学习内容单一", "党建经费保障不足"]);
    expect(texts(report!.statements, "measure")).toEqual(["加强支部书记培训，提高组织生活质量", "建立党建经费列支制度，保障活动开展"]);
  });

  it("should pair a bare heading line with the body paragraph after it when the numbering was lost", () => {
    const [report] = statementsOf(
      ["存在的问题", "支部活动缺乏特色", "多数支部的活动停留在集中学习等常规形式。", "对策建议", "丰富支部活动载体", "结合业务开展志愿服务。", "某局机关党支部"].join("\n"),
    );
    expect(texts(report!.statements, "problem")).toEqual(["支部活动缺乏特色"]);
    expect(texts(report!.statements, "measure")).toEqual(["丰富支部活动载体"]);
  });

  it("should take the suggestion inside a problem item of a 问题与建议 section as its measure", () => {
    const [report] = statementsOf(["三、问题与建议", "（一）党员流动性大。组织关系长期挂空。建议建立党员流动台账，做好转接。"].join("\n"));
    const problem = report!.statements.find((s) => s.kind === "problem")!;
    const measure = report!.statements.find((s) => s.kind === "measure")!;
    expect([problem.text, measure.text]).toEqual(["党员流动性大", "建立党员流动台账，做好转接"]);
    expect(measure.attachedTo).toBe(problem.id);
  });

  it("should keep a problem item that happens to say 作用 a problem, with the causes under it", () => {
    const [report] = statementsOf(
      ["二、存在的问题", "（一）小区党支部作用发挥不平衡", "新建小区支部活动少。", "原因：一是在职党员时间冲突；二是书记年龄偏大。", "（二）共建积极性不高"].join("\n"),
    );
    expect(texts(report!.statements, "problem")).toEqual(["小区党支部作用发挥不平衡", "共建积极性不高"]);
    expect(texts(report!.statements, "cause")).toEqual(["在职党员时间冲突", "书记年龄偏大"]);
  });

  it("should give the source's own characters and the line of each statement", () => {
    const [report] = statementsOf(fixtureText("village-single.txt"));
    const problem = report!.statements[0]!;
    expect(problem.line).toBe(9);
    expect(fixtureText("village-single.txt").slice(problem.textSpan.start, problem.textSpan.end)).toBe(problem.text);
  });
});

describe("classifySetting", () => {
  it.each([
    ["village-single.txt", "rural"],
    ["enterprise-runon.txt", "enterprise"],
  ])("should read %s as %s", (name, setting) => expect(classifySetting(fixtureText(name)).setting).toBe(setting));
});

describe("a statement's extent", () => {
  it("should end a statement at a blank line inside its span (a page's seam, not part of what it says)", () => {
    const text = "支部工作调研\n活动开展有一定难度，造成效果还有待进一步\n\n2\n提高。";
    const doc = plainDoc(text);
    const seg = segmentDocument(doc);
    const report = seg.reports[0]!;
    const ctx = new ClassifyContext(doc, report, outlineReport(doc, report, seg.markers), []);
    const start = text.indexOf("造成");
    const taken = ctx.add({ kind: "problem", textSpan: { start, end: text.indexOf("提高") }, span: { start, end: text.length }, rule: { id: "test", detail: "" }, confidence: 1 });
    expect(taken?.text).toBe("造成效果还有待进一步");
  });
});
