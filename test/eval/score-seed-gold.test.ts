/*
 * The seed gold turned into a prediction must score 1.0 everywhere; known damage must move the
 * numbers by amounts counted by hand from the gold file.
 */
import { describe, expect, it } from "vitest";

import { formatEvalTable } from "../../src/eval/format-table.ts";
import { scoreExtraction } from "../../src/eval/score-extraction.ts";
import type { ExtractionJsonReport } from "../../src/eval/types.ts";
import { goldToPrediction, readGold } from "./gold-prediction.fixtures.ts";

const gold = readGold();

function predReport(pred: ReturnType<typeof goldToPrediction>, startLine: number): ExtractionJsonReport {
  const report = pred.documents[0]?.reports.find((r) => r.startLine === startLine);
  if (!report) throw new Error(`no predicted report at ${startLine}`);
  return report;
}

describe("scoreExtraction on the seed gold", () => {
  it("should score the gold itself 1.0 on every metric", () => {
    const result = scoreExtraction(goldToPrediction(gold), gold);
    for (const m of Object.values(result.metrics)) {
      expect([m.name, m.precision, m.recall, m.f1]).toEqual([m.name, 1, 1, 1]);
    }
    expect(Object.keys(result.metrics)).toEqual(expect.arrayContaining(["reports", "problems", "measures", "causes", "problem-themes", "measure-themes", "addressed-by", "cause-links", "mechanisms", "organisations", "slogans", "figures"]));
    expect(result.reportPairs).toHaveLength(9);
    expect(formatEvalTable(result)).toMatch(/^problems\s+1\.00\s+1\.00\s+1\.00\s+27\s+0\s+0/m);
  });

  it("should lower problem recall by exactly 1/N when one problem is left out", () => {
    const n = gold.reports.flatMap((r) => r.problems ?? []).filter((p) => !p.borderline).length;
    expect(n).toBe(27);
    const pred = goldToPrediction(gold);
    const r1 = predReport(pred, 15);
    r1.statements = (r1.statements ?? []).filter((s) => s.id !== "R1.P2");
    r1.links = (r1.links ?? []).filter((l) => l.problem !== "R1.P2");
    const problems = scoreExtraction(pred, gold).metrics.problems!;
    expect(problems.recall).toBeCloseTo(1 - 1 / n, 12);
    expect(problems.precision).toBe(1);
    expect(problems.misses.map((m) => [m.report, m.line])).toEqual([["R1", 40]]);
  });

  it("should lower precision when a junk statement is added", () => {
    const pred = goldToPrediction(gold);
    predReport(pred, 109).statements!.push({ id: "junk", kind: "problem", text: "今天天气很好，适合出去散步。", line: 110 });
    const problems = scoreExtraction(pred, gold).metrics.problems!;
    expect(problems.precision).toBeCloseTo(27 / 28, 12);
    expect(problems.recall).toBe(1);
    expect(problems.falsePositives).toEqual([{ report: "R4", line: 110, text: "今天天气很好，适合出去散步。" }]);
  });

  it("should ignore the borderline measure R8.M5 whether or not it is predicted", () => {
    const withIt = scoreExtraction(goldToPrediction(gold), gold).metrics.measures!;
    expect([withIt.predTp, withIt.fp, withIt.ignored]).toEqual([32, 0, 1]);
    const pred = goldToPrediction(gold);
    const r8 = predReport(pred, 224);
    r8.statements = (r8.statements ?? []).filter((s) => s.id !== "R8.M5");
    const without = scoreExtraction(pred, gold).metrics.measures!;
    expect([without.precision, without.recall, without.ignored]).toEqual([1, 1, 0]);
  });

  it("should accept R7 starting at its alternative start line 201 but not at 200", () => {
    const pred = goldToPrediction(gold);
    predReport(pred, 198).startLine = 201;
    expect(scoreExtraction(pred, gold).metrics.reports!.f1).toBe(1);
    predReport(pred, 201).startLine = 200;
    const result = scoreExtraction(pred, gold);
    expect(result.metrics.reports!.recall).toBeCloseTo(8 / 9, 12);
    // R7 holds 3 problems out of 27: now missed, and its predicted problems are false positives.
    expect(result.metrics.problems!.recall).toBeCloseTo(24 / 27, 12);
    expect(result.metrics.problems!.precision).toBeCloseTo(24 / 27, 12);
  });

  it("should score a statement in traditional characters with other punctuation as found", () => {
    const pred = goldToPrediction(gold);
    const r1 = predReport(pred, 15);
    const p1 = r1.statements!.find((s) => s.id === "R1.P1")!;
    // R1.P1 typed by hand in traditional characters with full-width and different punctuation.
    p1.text = "組織生活、組織活動沒有正常開展；發展黨員的步伐過慢，發展數量較少。在一定程度上限制了黨員隊伍的發展壯大！";
    const problems = scoreExtraction(pred, gold).metrics.problems!;
    expect([problems.precision, problems.recall]).toEqual([1, 1]);
  });
});
