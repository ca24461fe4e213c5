/*
 * `match: "one-to-one"`: each prediction counts for at most one gold item and each gold item for at most one
 * prediction. Small hand-made cases; the expected counts are worked out by hand beside each.
 */
import { describe, expect, it } from "vitest";

import { scoreExtraction } from "../../src/eval/score-extraction.ts";
import { goldFile, goldReport, predReport, prediction, st } from "./synthetic.fixtures.ts";

const M1 = "加强党员日常教育";
const M2 = "健全组织生活制度";
const M3 = "落实三会一课制度";
const gold = goldFile(goldReport("R1", 1, {
  measures: [
    { id: "R1.M1", quote: M1, line: 2, theme: "a" },
    { id: "R1.M2", quote: M2, line: 2, theme: "b" },
    { id: "R1.M3", quote: M3, line: 2, theme: "c" },
  ],
}));

describe("one-to-one matching", () => {
  it("should credit a run that quotes three gold measures once in one-to-one mode and three times otherwise", () => {
    const run = `要${M1}，${M2}，${M3}`;
    const pred = prediction(predReport(1, { statements: [st("a", "measure", run)] }));
    const many = scoreExtraction(pred, gold).metrics.measures!;
    // Many-to-many: the run covers all three: 1 TP prediction, 3 gold found.
    expect([many.predTp, many.fp, many.goldFound, many.fn]).toEqual([1, 0, 3, 0]);
    const one = scoreExtraction(pred, gold, { match: "one-to-one" }).metrics.measures!;
    // One-to-one: the run pairs with one gold item; two are missed. P 1/1, R 1/3.
    expect([one.predTp, one.fp, one.goldFound, one.fn]).toEqual([1, 0, 1, 2]);
    expect(one.recall).toBeCloseTo(1 / 3, 12);
  });

  it("should count a second copy of the same statement as a false positive in one-to-one mode", () => {
    const pred = prediction(predReport(1, { statements: [st("a", "measure", M1), st("b", "measure", `一是${M1}`)] }));
    const many = scoreExtraction(pred, gold).metrics.measures!;
    expect([many.predTp, many.fp]).toEqual([2, 0]);
    const one = scoreExtraction(pred, gold, { match: "one-to-one" }).metrics.measures!;
    // One of the two copies pairs with M1, the other has nothing left: 1 TP, 1 FP; found 1 of 3.
    expect([one.predTp, one.fp, one.goldFound, one.fn]).toEqual([1, 1, 1, 2]);
    expect(one.falsePositives).toHaveLength(1);
  });

  it("should find a maximum matching, not stop at the first greedy choice", () => {
    // p1 covers M1 fully and 6/8 of M2 (健全组织生活); p2 covers only 6/8 of M1 (加强党员日常).
    // The best pair p1-M1 taken first would leave p2 unpaired; the maximum pairs p1-M2, p2-M1.
    const pred = prediction(predReport(1, { statements: [st("p1", "measure", `${M1}，健全组织生活`), st("p2", "measure", "加强党员日常")] }));
    const one = scoreExtraction(pred, gold, { match: "one-to-one" }).metrics.measures!;
    expect([one.predTp, one.fp, one.goldFound, one.fn]).toEqual([2, 0, 2, 1]);
  });

  it("should give the three elements of a split run one gold item each", () => {
    const pred = prediction(predReport(1, { statements: [st("a", "measure", M1), st("b", "measure", M2), st("c", "measure", M3)] }));
    const one = scoreExtraction(pred, gold, { match: "one-to-one" }).metrics.measures!;
    expect([one.predTp, one.fp, one.goldFound, one.fn]).toEqual([3, 0, 3, 0]);
  });

  it("should still ignore an unpaired prediction that covers a borderline item", () => {
    const g = goldFile(goldReport("R1", 1, {
      measures: [
        { id: "R1.M1", quote: M1, line: 2, theme: "a" },
        { id: "R1.M2", quote: "争创六个好党支部", line: 3, theme: "b", borderline: true },
      ],
    }));
    const pred = prediction(predReport(1, { statements: [st("a", "measure", M1), st("b", "measure", "争创六个好党支部")] }));
    const one = scoreExtraction(pred, g, { match: "one-to-one" }).metrics.measures!;
    expect([one.predTp, one.fp, one.ignored, one.goldFound, one.fn]).toEqual([1, 0, 1, 1, 0]);
  });

  it("should leave the default many-to-many and record the mode in the result options", () => {
    const pred = prediction(predReport(1, { statements: [st("a", "measure", M1)] }));
    expect(scoreExtraction(pred, gold).options.match).toBe("many-to-many");
    expect(scoreExtraction(pred, gold, { match: "one-to-one" }).options.match).toBe("one-to-one");
  });
});
