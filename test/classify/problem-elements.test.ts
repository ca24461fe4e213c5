/*
 * Problem elements (src/classify/shapes/problem-elements.ts): a prose clause that lists its problems inside
 * itself gives one problem per element, as the annotation conventions read 「存在A、B、C等问题」. Every text
 * here is written for the test; it copies only the structure of sentences seen in real reports.
 */
import { describe, expect, it } from "vitest";

import { listedProblems } from "../../src/classify/shapes/problem-elements.ts";
import { problems, statements } from "../helpers/statements.ts";

const TITLE = "关于村级支部工作的调研\n\n";

describe("a clause that lists its problems", () => {
  // Seven annotated sets (k m n o p t u) hold no problem under four characters; three annotators keep 「X化、Y化、Z化」 whole.
  it("should keep a list of labels under four characters as one problem (「出现虚化、弱化、边缘化等问题」)", () => {
    const got = problems(`${TITLE}调查中看到，不少村级支部已出现虚化、弱化、边缘化等问题。`);
    expect(got).toEqual(["虚化、弱化、边缘化"]);
  });

  it("should join a short label to the element before it", () => {
    expect(problems(`${TITLE}当前，一些支部松散化、形式化以及党建与业务“两张皮”等问题依然比较突出。`)).toEqual(["一些支部松散化、形式化", "党建与业务“两张皮"]);
  });

  it("should keep each element's verbatim text and place", () => {
    const text = `${TITLE}走访中看到，少数站所的活动因场地紧缺、人手流失、经费拖欠等问题难以为继。`;
    const got = statements(text).filter((s) => s.kind === "problem");
    expect(got.map((s) => s.text)).toEqual(["场地紧缺", "人手流失", "经费拖欠"]);
    for (const s of got) expect(text.slice(s.textSpan.start, s.textSpan.end)).toBe(s.text);
  });

  it("should split 「以A、B和C三大问题为…」 at 和 when both sides fall short", () => {
    const got = problems(`${TITLE}课题组以骨干流失严重、经费来源不稳和制度衔接不畅三大问题为切入点，展开分析。`);
    expect(got).toEqual(["骨干流失严重", "经费来源不稳", "制度衔接不畅"]);
  });

  it("should start the list after 存在的 (no element opens with 的)", () => {
    const got = problems(`${TITLE}座谈中了解到，站所党建工作存在的人手紧张、场地简陋、经费短缺等问题还比较普遍。`);
    expect(got).toEqual(["人手紧张", "场地简陋", "经费短缺"]);
  });

  it("should keep the noun that 的 ties to the last element (「…的问题」)", () => {
    const got = problems(`${TITLE}个别站所的党员队伍还存在年龄偏大、后备不足的问题。`);
    expect(got).toEqual(["年龄偏大", "后备不足的问题"]);
  });

  it("should read a list of aspects when the rest of the clause falls short (「在A、B等方面有待完善」)", () => {
    const got = problems(`${TITLE}调研显示，村支书队伍在培养渠道、待遇保障、考核办法等方面有待完善。`);
    expect(got).toEqual(["培养渠道", "待遇保障", "考核办法"]);
  });

  it("should keep bare shortfalls without a subject of their own as one problem (guard)", () => {
    const got = problems(`${TITLE}调研显示，部分村的党员管理存在着不够严格、不够细致的问题。`);
    expect(got).toHaveLength(1);
    expect(got[0]).toContain("不够严格、不够细致");
  });

  it("should not split a 、 list that no frame closes, nor one without a lead before it (guard)", () => {
    const whole = (t: string) => listedProblems(t, { start: 0, end: t.length });
    expect(whole("部分村存在活动阵地不足、设备配置不全")).toBeNull();
    expect(whole("部分村活动阵地不足、设备配置不全等问题")).toBeNull();
    expect(whole("部分村存在活动阵地不足、设备配置不全等问题")).toEqual([{ start: 5, end: 11 }, { start: 12, end: 18 }]);
  });
});

describe("shortfalls side by side in prose", () => {
  it("should state two shortfalls with a subject each as two problems (「A陈旧，B紧张」)", () => {
    const got = problems(`${TITLE}走访发现，部分村的活动场所设施陈旧，支部工作经费紧张。`);
    expect(got).toEqual(["部分村的活动场所设施陈旧", "支部工作经费紧张"]);
  });

  it("should keep a shortfall that carries the subject before it on (其…, 对…) with that one", () => {
    const got = problems(`${TITLE}走访发现，少数支部书记年龄偏大，其工作中往往缺少闯劲。`);
    expect(got).toEqual(["少数支部书记年龄偏大，其工作中往往缺少闯劲"]);
  });

  it("should keep the clauses that describe one group (有的A低，B旧) together, and start again at the next 有的", () => {
    const got = problems(`${TITLE}走访发现，村干部中有的学历偏低，观念陈旧；有的作风不正，办事不公。`);
    expect(got).toEqual(["村干部中有的学历偏低，观念陈旧", "有的作风不正，办事不公"]);
  });
});
