/*
 * Small hand-made cases; every expected number is worked out by hand in the comment beside it.
 */
import { describe, expect, it } from "vitest";

import { KgError } from "../../src/errors.ts";
import { scoreExtraction } from "../../src/eval/score-extraction.ts";
import { goldFile, goldReport, predReport, prediction, st } from "./synthetic.fixtures.ts";

const QUOTE = "党员发展工作进展缓慢"; // 10 characters after normalisation

describe("statements", () => {
  it("should match a statement covering 60% of a gold quote and not one covering 50%", () => {
    const gold = goldFile(goldReport("R1", 1, { problems: [{ id: "R1.P1", quote: QUOTE, line: 2, theme: "t" }] }));
    const covers60 = scoreExtraction(prediction(predReport(1, { statements: [st("a", "problem", "关于党员发展工作的意见")] })), gold);
    expect([covers60.metrics.problems!.precision, covers60.metrics.problems!.recall]).toEqual([1, 1]);
    const covers50 = scoreExtraction(prediction(predReport(1, { statements: [st("a", "problem", "这是党员发展工会的事")] })), gold);
    // No match: precision 0/1, recall 0/1.
    expect([covers50.metrics.problems!.precision, covers50.metrics.problems!.recall]).toEqual([0, 0]);
    expect(covers50.metrics.problems!.misses[0]?.note).toMatch(/50%/);
  });

  it("should only match statements of the same kind", () => {
    const gold = goldFile(goldReport("R1", 1, { problems: [{ id: "R1.P1", quote: QUOTE, line: 2, theme: "t" }] }));
    const result = scoreExtraction(prediction(predReport(1, { statements: [st("a", "measure", QUOTE)] })), gold);
    expect(result.metrics.problems!.recall).toBe(0);
    expect(result.metrics.measures!.fp).toBe(1);
  });

  it("should ignore a prediction that matches only a borderline gold item", () => {
    const gold = goldFile(goldReport("R1", 1, {
      measures: [
        { id: "R1.M1", quote: "加强支部自身建设", line: 3, theme: "a" },
        { id: "R1.M2", quote: "争创六个好党支部", line: 4, theme: "b", borderline: true },
      ],
    }));
    const pred = prediction(predReport(1, { statements: [st("a", "measure", "加强支部自身建设"), st("b", "measure", "争创“六个好”党支部")] }));
    const m = scoreExtraction(pred, gold).metrics.measures!;
    // a: TP; b: ignored. Precision 1/1, recall 1/1 (the borderline item is not gold to find).
    expect([m.predTp, m.fp, m.ignored, m.goldFound, m.fn]).toEqual([1, 0, 1, 1, 0]);
  });

  it("should count two predictions of one gold item as two TPs and the gold item once", () => {
    const gold = goldFile(goldReport("R1", 1, { problems: [{ id: "R1.P1", quote: QUOTE, line: 2, theme: "t" }, { id: "R1.P2", quote: "经费不足", line: 3, theme: "u" }] }));
    const pred = prediction(predReport(1, { statements: [st("a", "problem", QUOTE), st("b", "problem", `一是${QUOTE}`)] }));
    const p = scoreExtraction(pred, gold).metrics.problems!;
    // precision 2/2, recall 1/2, F1 = 2·1·0.5/1.5 = 2/3.
    expect([p.precision, p.recall]).toEqual([1, 0.5]);
    expect(p.f1).toBeCloseTo(2 / 3, 12);
  });

  it("should take gold causes from problems and general_causes, each distinct string once", () => {
    const gold = goldFile(goldReport("R1", 1, {
      problems: [
        { id: "R1.P1", quote: QUOTE, line: 2, theme: "t", causes: ["认识不足", "经费缺乏"] },
        { id: "R1.P2", quote: "活动单一", line: 3, theme: "u", causes: ["经费缺乏"] },
      ],
      general_causes: ["外部环境的影响"],
    }));
    const pred = prediction(predReport(1, { statements: [st("c1", "cause", "經費缺乏"), st("c2", "cause", "天气不好")] }));
    const c = scoreExtraction(pred, gold).metrics.causes!;
    // Gold causes: 认识不足, 经费缺乏, 外部环境的影响 (3). Found 1; predictions 1 TP + 1 FP.
    expect([c.precision, c.recall]).toEqual([0.5, 1 / 3]);
  });
});

describe("reports", () => {
  it("should pair reports by start line and count everything in unpaired reports as errors", () => {
    const gold = goldFile(
      goldReport("R1", 1, { problems: [{ id: "R1.P1", quote: QUOTE, line: 2, theme: "t" }] }),
      goldReport("R2", 10, { problems: [{ id: "R2.P1", quote: "经费不足", line: 12, theme: "u" }], organisations: [{ name: "工会" }] }),
    );
    const pred = prediction(
      predReport(1, { statements: [st("a", "problem", QUOTE)] }),
      predReport(11, { statements: [st("b", "problem", "经费不足")], organisations: [{ name: "工会" }] }),
    );
    const r = scoreExtraction(pred, gold);
    expect([r.metrics.reports!.precision, r.metrics.reports!.recall]).toEqual([0.5, 0.5]);
    // R2's problem is missed and the one in the report starting at 11 is a false positive, although the texts agree.
    expect([r.metrics.problems!.precision, r.metrics.problems!.recall]).toEqual([0.5, 0.5]);
    expect([r.metrics.organisations!.fp, r.metrics.organisations!.fn]).toEqual([1, 1]);
    expect(r.metrics.problems!.falsePositives[0]).toMatchObject({ report: "pred@11", note: "report not matched" });
  });

  it("should pair each gold report with at most one predicted report", () => {
    const gold = goldFile(goldReport("R1", 5, { alt_start_line: 7 }));
    const r = scoreExtraction(prediction(predReport(7), predReport(5)), gold);
    expect(r.reportPairs).toEqual([{ gold: "R1", pred: "p5", predStartLine: 5 }]);
    expect([r.metrics.reports!.predTp, r.metrics.reports!.fp]).toEqual([1, 1]);
  });
});

describe("document selection", () => {
  it("should score the document whose basename is the gold source", () => {
    const gold = goldFile(goldReport("R1", 3));
    const pred = prediction(predReport(9));
    pred.documents[0]!.path = "input/doc.txt.bak";
    pred.documents.unshift({ path: "other/a.txt", reports: [predReport(1)] });
    pred.documents.push({ path: "x/y/doc.txt", reports: [predReport(3)] });
    const r = scoreExtraction(pred, gold);
    expect(r.document).toBe("x/y/doc.txt");
    expect(r.metrics.reports!.f1).toBe(1);
  });

  it("should refuse several documents none of which is the gold source", () => {
    const pred = prediction(predReport(1));
    pred.documents[0]!.path = "a.txt";
    pred.documents.push({ path: "b.txt", reports: [] });
    expect(() => scoreExtraction(pred, goldFile())).toThrow(KgError);
  });
});
