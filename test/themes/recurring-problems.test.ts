import { describe, expect, it } from "vitest";

import { assignThemes, loadCodebook } from "../../src/themes/index.ts";
import { makeStatement } from "../fixtures/themes/settings.fixtures.ts";

/*
 * Problems that recur across reports in other words, as careful readers group them when kg runs end to end over
 * whole pages (short sub-headings, one generic word each): wordings written in our own words, each in its own
 * report. Before these were covered, most reached no theme, or one generic word (能力, 创新, 任务) put them in a
 * neighbouring theme.
 */
const codebook = loadCodebook();

function themesOf(texts: string[]): (string | undefined)[] {
  const statements = texts.map((t, i) => makeStatement(`s${i}`, `r${i}`, "problem", t, 0));
  const { themeOf } = assignThemes(statements, new Map(), codebook);
  return statements.map((s) => themeOf.get(s.id));
}

describe("recurring problems in short, unseen wordings", () => {
  it.each([
    ["a shallow understanding of party work is the not-valued problem", "cb:p-not-valued",
      ["对抓党建的认识还不够到位", "班子成员对党建认识不深", "缺乏对机关党建重要性的正确认识", "党建摆不到应有位置上"]],
    ["lacking innovation, even when said as an ability, is the monotonous-activity problem", "cb:p-activity-monotonous",
      ["开拓创新的能力还不强", "支部活动创新不够", "工作创新性有待加强", "党建亮点不多"]],
    ["cadres' weak ability, said without members or schooling, is cadre competence", "cb:p-cadre-competence",
      ["村干部本领弱化", "班子成员能力有待提升", "党员干部专业化程度偏低", "干部素质不高"]],
    ["duties not carried out are the responsibility problem", "cb:p-responsibility-unclear",
      ["书记履行职责不到位", "党委职责虚化", "抓党建的责任意识淡薄", "没有把党建责任真正落到实处"]],
    ["party work not joined with the main work is the two-skins problem", "cb:p-business-vs-party",
      ["党建和中心工作融合不深", "党建同教学工作结合得不紧", "党建与业务工作契合度低"]],
    ["heavy work and pressure, said alone, are the party-workers problem", "cb:p-party-workers-weak",
      ["日常工作任务重", "各方面工作压力大", "任务重、压力大"]],
    ["a weak ability to mobilise and an unsteady base are the cohesion problem", "cb:p-cohesion-weak",
      ["党组织动员力不强", "基层组织基础不牢", "支部整合力不足"]],
    ["weak political quality and shaken beliefs are the ideals problem, not schooling", "cb:p-ideals-weak",
      ["少数党员政治素质不高", "一些党员的信念受到金钱观念冲击", "部分青年党员价值观扭曲"]],
    ["a thin grasp of theory is the study problem", "cb:p-learning-ineffective", ["党员干部理论功底薄弱", "党建理论研究滞后"]],
    ["short, interrupted tenure of secretaries and leaders is the party-workers problem", "cb:p-party-workers-weak",
      ["支部书记队伍不稳", "村级带头人稳定性差"]],
    ["the disregard of a secretary who does not care about party work is not-valued, not staffing", "cb:p-not-valued",
      ["个别支部书记抓党建意识淡薄", "有的书记抓党建的自觉性不强"]],
  ] as const)("%s", (_name, theme, texts) => {
    expect(themesOf([...texts])).toEqual(texts.map(() => theme));
  });

  it("should keep members' low schooling apart from cadres' weak ability, and a shaky grasp of theory apart from a weak organisation", () => {
    const [schooling, cadres, theory, base] = themesOf(["党员文化程度普遍偏低", "村干部能力弱化", "理论基础不扎实", "组织基础不牢"]);
    expect(schooling).toBe("cb:p-member-capacity");
    expect(cadres).toBe("cb:p-cadre-competence");
    expect(theory).not.toBe(base);
    expect(base).toBe("cb:p-cohesion-weak");
  });

  it("should not read anyone's pressure or load as the party workers' (students' study load, graduates' job hunting)", () => {
    for (const theme of themesOf(["毕业生就业压力大", "学生课业任务重"])) expect(theme).not.toBe("cb:p-party-workers-weak");
  });

  it("should not join uncovered statements of different reports on a frame word such as 困境 or 短板 alone", () => {
    const [a, b, c, d] = themesOf(["认知困境", "协作困境", "档案管理短板", "宣传阵地短板"]);
    expect(a).toBeDefined();
    expect(a).not.toBe(b);
    expect(c).not.toBe(d);
  });
});
