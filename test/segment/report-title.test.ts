/*
 * Report titles as real pages carry them: behind page furniture (site labels, bylines, 摘要 labels, journal and
 * date lines), printed twice, with site additions glued on, or absent. Texts are written for these tests; they
 * copy the layout of scraped 范文 and journal pages, not their sentences.
 */
import { describe, expect, it } from "vitest";

import { normaliseDocument } from "../../src/normalise/index.ts";
import { segmentDocument } from "../../src/segment/segment.ts";

const BODY = "近年来，某县各级党组织围绕中心工作抓党建，基层组织建设取得明显成效，但对照新要求仍有不少短板，需要认真加以研究解决。";

function titleOf(...lines: string[]): string | null {
  const { document } = normaliseDocument({ path: "page.txt", sha256: "x", encoding: "utf-8", text: lines.join("\n") });
  return segmentDocument(document).reports[0]?.title ?? null;
}

describe("report titles behind page furniture", () => {
  it("should pass over a site label and take the article title under it", () => {
    expect(titleOf("APP下载", "乡村振兴中村级党组织作用发挥的困境与对策", "2022-05-06张某某", "农村工作通讯 2022年8期", BODY)).toBe(
      "乡村振兴中村级党组织作用发挥的困境与对策",
    );
  });

  it("should give no title when the page starts with a byline and an abstract, not a byline as title", () => {
    expect(titleOf("王某某 李某", `摘要：${BODY}`)).toBeNull();
    expect(titleOf("文/赵某某", BODY)).toBeNull();
    expect(titleOf("论文部分内容阅读", BODY)).toBeNull();
    expect(titleOf("摘要", BODY)).toBeNull();
  });

  it("should read a first line that names problems and measures as the title when it names its subject", () => {
    expect(titleOf("社区物业治理中党建引领存在的问题及对策", "摘 要 随着城市化推进，物业管理矛盾增多，需要党建引领多方共治。", BODY)).toBe(
      "社区物业治理中党建引领存在的问题及对策",
    );
    // A bare section heading at the top of an excerpt is no title.
    expect(titleOf("存在的主要问题", BODY)).toBeNull();
  });

  it("should not take a bibliographic reference at the top of an excerpt for the report's title", () => {
    // An abstract, then a reference of the kind journal pages print under it: another paper's title, not this one's.
    expect(titleOf(`摘要：${BODY}`, "", "张某某. 中学党支部组织生活的若干思考[J]. 某某教育研究, 2021, 5(3): 20-22.", BODY)).toBeNull();
    expect(titleOf("[2] 李某. 新时代国企党建研究[M]. 北京: 某某出版社, 2019.", BODY)).toBeNull();
    expect(titleOf("王某. 社区党组织建设的实践探索[EB/OL]. (2020-01-02)", BODY)).toBeNull();
  });

  it("should take the title printed twice with its subtitle, over the page and over the text", () => {
    expect(
      titleOf("新时代村级党组织建设的现状与建议", "——来自某省的问卷调查", "2019-03-02某课题组", "关键词：村干部;党组织", "新时代村级党组织建设的现状与建议", "——来自某省的问卷调查", BODY),
    ).toBe("新时代村级党组织建设的现状与建议");
  });

  it("should pass over a breadcrumb that names 调研报告 and take the title after it", () => {
    expect(titleOf("某某范文站", "位置：首页 > 工作总结 > 调研报告", "关于某局机关党支部建设情况的调研报告", BODY)).toBe("关于某局机关党支部建设情况的调研报告");
  });

  it("should remove what sites glue to a title", () => {
    expect(titleOf("关于某区机关党建工作的调研报告（全文3120字）", BODY)).toBe("关于某区机关党建工作的调研报告");
    expect(titleOf("标题：关于某镇党员教育管理的调研报告 |", BODY)).toBe("关于某镇党员教育管理的调研报告");
    expect(titleOf("《某医院党建与业务融合情况的调研报告", BODY)).toBe("某医院党建与业务融合情况的调研报告");
  });

  it("should not take a sentence that mentions a 调研报告 after a comma as a title", () => {
    expect(titleOf("一年来，向上级党委报送工作信息12期，调研报告2篇，开展专题研究5次。", BODY)).toBeNull();
  });

  it("should keep traditional script titles as written, behind a byline", () => {
    expect(titleOf("● 陳某某", "高校院系黨組織發揮作用的現狀與對策思考", "● 陳某某", BODY)).toBe("高校院系黨組織發揮作用的現狀與對策思考");
  });
});
