/*
 * Pairwise themes and links on hand-made cases; the expected numbers are counted by hand.
 */
import { describe, expect, it } from "vitest";

import { scoreExtraction } from "../../src/eval/score-extraction.ts";
import type { GoldProblem } from "../../src/eval/types.ts";
import { goldFile, goldReport, predReport, prediction, st } from "./synthetic.fixtures.ts";

// Three reports with one problem each: A and B share theme X, C has theme Y (and X as a secondary theme).
const A: GoldProblem = { id: "R1.P1", quote: "党员发展缓慢", line: 2, theme: "X" };
const B: GoldProblem = { id: "R2.P1", quote: "发展党员步伐过慢", line: 12, theme: "X" };
const C: GoldProblem = { id: "R3.P1", quote: "活动经费缺乏保障", line: 22, theme: "Y", other_themes: ["X"] };
const gold = goldFile(goldReport("R1", 1, { problems: [A] }), goldReport("R2", 10, { problems: [B] }), goldReport("R3", 20, { problems: [C] }));

function predicted(themeA: string, themeB: string, themeC: string) {
  return prediction(
    predReport(1, { statements: [st("a", "problem", A.quote, themeA)] }),
    predReport(10, { statements: [st("b", "problem", B.quote, themeB)] }),
    predReport(20, { statements: [st("c", "problem", C.quote, themeC)] }),
  );
}

describe("pairwise themes", () => {
  it("should score a prediction that groups like the gold 1.0", () => {
    const t = scoreExtraction(predicted("t1", "t1", "t2"), gold).metrics["problem-themes"]!;
    expect([t.precision, t.recall, t.f1]).toEqual([1, 1, 1]);
  });

  it("should lower pairwise precision when two gold themes are merged", () => {
    // Pairs: AB gold same, predicted same (TP); AC and BC gold different, predicted same (2 FP).
    // Precision 1/3, recall 1/1, F1 = 2·(1/3)·1 / (4/3) = 1/2.
    const t = scoreExtraction(predicted("t1", "t1", "t1"), gold).metrics["problem-themes"]!;
    expect([t.predTp, t.fp, t.fn]).toEqual([1, 2, 0]);
    expect(t.precision).toBeCloseTo(1 / 3, 12);
    expect(t.f1).toBeCloseTo(0.5, 12);
  });

  it("should lower pairwise recall when a gold theme is split", () => {
    // No predicted "same" pair: precision has nothing to judge (1), recall 0/1.
    const t = scoreExtraction(predicted("t1", "t2", "t3"), gold).metrics["problem-themes"]!;
    expect([t.precision, t.recall, t.f1]).toEqual([1, 0, 0]);
  });

  it("should let secondary themes excuse a merge for precision under the 'any' rule", () => {
    // With "any", C's theme set {Y, X} meets A's and B's {X}: all 3 predicted pairs are correct.
    const result = scoreExtraction(predicted("t1", "t1", "t1"), gold, { themesGoldSameIf: "any" });
    expect(result.metrics["problem-themes"]!.precision).toBe(1);
    expect(result.metrics["problem-themes"]!.recall).toBe(1);
    expect(result.metrics["problem-themes/primary"]!.precision).toBeCloseTo(1 / 3, 12);
    // Default rule reports the lenient row beside it.
    const byDefault = scoreExtraction(predicted("t1", "t1", "t1"), gold);
    expect(byDefault.metrics["problem-themes/any"]!.precision).toBe(1);
  });

  it("should not pair items of the same report", () => {
    const oneReport = goldFile(goldReport("R1", 1, { problems: [A, { ...B, id: "R1.P2" }] }));
    const pred = prediction(predReport(1, { statements: [st("a", "problem", A.quote, "t1"), st("b", "problem", B.quote, "t1")] }));
    const t = scoreExtraction(pred, oneReport).metrics["problem-themes"]!;
    expect([t.predTp, t.fp, t.goldFound, t.fn]).toEqual([0, 0, 0, 0]);
  });
});

describe("links", () => {
  const linkGold = goldFile(goldReport("R1", 1, {
    problems: [
      { id: "R1.P1", quote: "党员发展缓慢", line: 2, theme: "a", causes: ["入党积极性不高"] },
      { id: "R1.P2", quote: "活动经费缺乏保障", line: 3, theme: "b" },
    ],
    measures: [
      { id: "R1.M1", quote: "做好党员发展工作", line: 5, theme: "c" },
      { id: "R1.M2", quote: "落实党建工作经费", line: 6, theme: "d" },
    ],
    links: [{ problem: "R1.P1", measure: "R1.M1" }, { problem: "R1.P2", measure: "R1.M2" }],
    possible_links: [{ problem: "R1.P2", measure: "R1.M1" }],
  }));
  // Predicted statements with their own ids and their own wording (traditional, extra words).
  const statements = [
    st("p1", "problem", "一是黨員發展緩慢"),
    st("p2", "problem", "活動經費缺乏保障。"),
    st("m1", "measure", "要做好党员发展工作"),
    st("m2", "measure", "落实党建工作经费"),
    st("c1", "cause", "入黨積極性不高"),
  ];

  it("should score ADDRESSED_BY links by the statements they join, ignoring possible links", () => {
    const pred = prediction(predReport(1, {
      statements,
      links: [
        { type: "ADDRESSED_BY", problem: "p1", measure: "m1" }, // TP (gold P1→M1)
        { type: "ADDRESSED_BY", problem: "p2", measure: "m1" }, // ignored (possible P2→M1)
        { type: "ADDRESSED_BY", problem: "p1", measure: "m2" }, // FP
        { type: "ADDRESSED_BY", problem: "p9", measure: "m2" }, // FP: unknown statement
      ],
    }));
    const l = scoreExtraction(pred, linkGold).metrics["addressed-by"]!;
    // Precision 1/3, recall 1/2 (P2→M2 missed).
    expect([l.predTp, l.fp, l.ignored, l.goldFound, l.fn]).toEqual([1, 2, 1, 1, 1]);
    expect(l.recall).toBe(0.5);
    expect(l.misses[0]?.text).toContain("R1.P2");
  });

  it("should score CAUSES links from gold problem causes", () => {
    const pred = prediction(predReport(1, {
      statements,
      links: [
        { type: "CAUSES", cause: "c1", problem: "p1" }, // TP
        { type: "CAUSES", cause: "c1", problem: "p2" }, // FP
      ],
    }));
    const l = scoreExtraction(pred, linkGold).metrics["cause-links"]!;
    expect([l.precision, l.recall]).toEqual([0.5, 1]);
  });
});
