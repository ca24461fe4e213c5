/*
 * Mechanisms, organisations, slogans and figures on hand-made cases.
 */
import { describe, expect, it } from "vitest";

import { scoreExtraction } from "../../src/eval/score-extraction.ts";
import { goldFile, goldReport, predReport, prediction } from "./synthetic.fixtures.ts";

describe("organisations and mechanisms", () => {
  const gold = goldFile(goldReport("R1", 1, {
    organisations: [{ name: "校党支部", variants: ["学校党支部", "党支部"] }, { name: "工会" }, { name: "行政后勤", borderline: true }],
    mechanisms: [
      { name: "三会一课", surface: ["“三会一课”制度"], context: "practice" },
      { name: "三会一课", surface: ["三会一课"], context: "problem" },
      { name: "结对谈心", surface: ["结对谈心"], borderline: true },
      { name: "民主评议党员", surface: ["民主评议党员活动"], borderline: true },
      { name: "民主评议党员", surface: ["民主评议党员"], borderline: false },
    ],
  }));

  it("should match names by canonical name or variant, one to one, ignoring borderline gold", () => {
    const pred = prediction(predReport(1, { organisations: [{ name: "学校党支部" }, { name: "校党支部" }, { name: "行政后勤" }, { name: "团委" }, { name: "工会" }, { name: "工会" }] }));
    const o = scoreExtraction(pred, gold).metrics.organisations!;
    // 校党支部 TP, 工会 TP (its repeat is deduplicated), 行政后勤 ignored, 学校党支部 FP (second name for
    // an already matched body), 团委 FP. Precision 2/4, recall 2/2.
    expect([o.predTp, o.fp, o.ignored, o.fn]).toEqual([2, 2, 1, 0]);
    expect(o.falsePositives.find((f) => f.text === "学校党支部")?.note).toMatch(/校党支部/);
  });

  it("should match mechanisms by surface forms and traditional characters, one gold item per name", () => {
    const pred = prediction(predReport(1, { mechanisms: [{ name: "“三会一课”制度" }, { name: "結對談心" }] }));
    const m = scoreExtraction(pred, gold).metrics.mechanisms!;
    // Gold names: 三会一课, 民主评议党员 (not borderline: one entry is not), 结对谈心 (borderline).
    // 三会一课 TP via surface, 结对谈心 ignored; 民主评议党员 missed. Precision 1/1, recall 1/2.
    expect([m.precision, m.recall, m.ignored]).toEqual([1, 0.5, 1]);
    expect(m.misses.map((x) => x.text)).toEqual(["民主评议党员"]);
  });

  it("should add a slogans row only when the prediction has slogans", () => {
    const sloganGold = goldFile(goldReport("R1", 1, { slogans: ["“六个好”", "两个维护"] }));
    expect(scoreExtraction(prediction(predReport(1)), sloganGold).metrics.slogans).toBeUndefined();
    const s = scoreExtraction(prediction(predReport(1, { slogans: [{ name: "六个好" }] })), sloganGold).metrics.slogans!;
    expect([s.precision, s.recall]).toEqual([1, 0.5]);
  });
});

describe("figures", () => {
  const gold = goldFile(goldReport("R1", 1, {
    figures: [
      { what: "党员总数", value: 29, line: 3, quote: "共29名党员" },
      { what: "比例", value: "48.5%", line: 4, quote: "占48.5%" },
      { what: "各年级", value: [52, 209], line: 5, quote: "分别为52人、209人" },
      { what: "表彰", value: "100多", line: 6, quote: "100多名", borderline: true },
    ],
  }));

  it("should match figures by value and line, one to one", () => {
    const pred = prediction(predReport(1, {
      figures: [
        { value: 29, line: 3 }, // TP
        { value: 29, line: 3 }, // FP: the gold figure is already taken
        { value: 0.485, line: 4 }, // TP: a percentage as a fraction
        { value: 52, line: 5 }, // TP
        { value: 209, line: 7 }, // FP: wrong line (gold 209 on line 5 is missed)
        { value: 100, line: 6 }, // ignored: borderline
      ],
    }));
    const f = scoreExtraction(pred, gold).metrics.figures!;
    // Gold values: 29, 48.5%, 52, 209 (4). Precision 3/5, recall 3/4.
    expect([f.predTp, f.fp, f.ignored, f.goldFound, f.fn]).toEqual([3, 2, 1, 3, 1]);
    expect(f.misses).toEqual([{ report: "R1", line: 5, text: "209 (分别为52人、209人)" }]);
  });
});
