import { describe, expect, it } from "vitest";

import { hardWrapBreaks } from "../../src/outline/hard-wrap.ts";
import { plainDoc } from "../helpers/doc.fixtures.ts";

/** The line numbers whose break is read as a hard wrap. */
function wrapped(lines: string[]): number[] {
  const doc = plainDoc(lines.join("\n"));
  const breaks = hardWrapBreaks(doc.text, doc.lines, { start: 0, end: doc.text.length });
  return doc.lines.filter((l) => breaks.has(l.end)).map((l) => l.number);
}

describe("hardWrapBreaks", () => {
  it("should find the breaks of prose cut at one line width", () => {
    expect(
      wrapped([
        "二、对策建议",
        "一是建立街道社区和驻区单位党建联席会议",
        "制度，每季度召开一次会议；二是推行在职党",
        "员到社区报到积分管理，把积分结果反馈所在",
        "单位党组织。",
      ]),
    ).toEqual([2, 3, 4]);
  });

  it("should find none where no line width shows (headings of similar length over long paragraphs)", () => {
    const body = "近几年随着从严治党不断向基层延伸，支部工作得到加强，但学习和工作之间的矛盾仍然突出，需要统筹安排。";
    expect(
      wrapped(["1、思想认识与行动缺乏同步，管党意识有待增强", body, "2、严格党员日常教育管理监督不够到位", body, "3、时间分配上存在较大问题，工学矛盾突出", body]),
    ).toEqual([]);
  });

  it("should find none in a report of two wrapped lines only (no width shown)", () => {
    expect(wrapped(["部分村党组织凝聚力不强，党员作用发挥不明显，组织生活流于", "形式。"])).toEqual([]);
  });
});

describe("hardWrapBreaks and listed items", () => {
  it("should find none before lines that open listed items (numbered headings of nearly one length)", () => {
    expect(
      wrapped(["一、主要表现：党建与生产经营结合不紧密", "二、党务干部多为兼职，专业能力不够强", "三、部分党员身份意识淡化，作用不明显", "四、加强和改进的建议"]),
    ).toEqual([]);
  });
});
