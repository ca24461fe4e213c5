import { describe, expect, it } from "vitest";

import { UsageError } from "../../src/errors.ts";
import { scoreExtraction } from "../../src/eval/score-extraction.ts";
import { checkThresholds, parseThresholds } from "../../src/eval/thresholds.ts";
import { parseExtractionJson, parseGoldFile } from "../../src/eval/validate.ts";
import { goldFile, goldReport, predReport, prediction, st } from "./synthetic.fixtures.ts";

describe("parseThresholds / checkThresholds", () => {
  it("should read metric=value as an F1 threshold and metric.field=value for precision or recall", () => {
    expect(parseThresholds(["problems=0.9", "addressed-by.recall=0.6,figures.precision=.8"])).toEqual([
      { metric: "problems", field: "f1", min: 0.9 },
      { metric: "addressed-by", field: "recall", min: 0.6 },
      { metric: "figures", field: "precision", min: 0.8 },
    ]);
  });

  it.each(["problems", "problems=1.5", "=0.5", "seeds/"])("should reject %j as a usage error", (spec) => {
    expect(() => parseThresholds([spec])).toThrow(UsageError);
  });

  it("should list the thresholds a result misses", () => {
    const gold = goldFile(goldReport("R1", 1, { problems: [{ id: "R1.P1", quote: "党员发展缓慢", line: 2, theme: "a" }, { id: "R1.P2", quote: "经费缺乏", line: 3, theme: "b" }] }));
    const result = scoreExtraction(prediction(predReport(1, { statements: [st("a", "problem", "党员发展缓慢")] })), gold);
    // problems: precision 1, recall 1/2, F1 2/3.
    const unmet = checkThresholds(result, parseThresholds(["problems.precision=1", "problems=0.7", "reports=1"]));
    expect(unmet).toHaveLength(1);
    expect(unmet[0]).toMatchObject({ metric: "problems", field: "f1", min: 0.7 });
    expect(unmet[0]?.actual).toBeCloseTo(2 / 3, 12);
    expect(() => checkThresholds(result, parseThresholds(["problem=0.5"]))).toThrow(UsageError);
  });
});

describe("parseExtractionJson / parseGoldFile", () => {
  it("should accept well-formed inputs with extra fields", () => {
    const pred = prediction(predReport(1, { statements: [{ ...st("a", "problem", "x"), normText: "x" }] }));
    expect(parseExtractionJson({ ...pred, generator: "test" })).toBeTruthy();
    expect(parseGoldFile({ ...goldFile(goldReport("R1", 1)), schema_notes: {} })).toBeTruthy();
  });

  it.each([
    ["a wrong schema version", { schemaVersion: 2, documents: [] }],
    ["no documents", { schemaVersion: 1 }],
    ["a report without startLine", { schemaVersion: 1, documents: [{ path: "a", reports: [{ id: "r" }] }] }],
    ["a statement without text", { schemaVersion: 1, documents: [{ path: "a", reports: [{ startLine: 1, statements: [{ id: "s", kind: "problem" }] }] }] }],
  ])("should reject a prediction with %s", (_what, value) => {
    expect(() => parseExtractionJson(value)).toThrow(UsageError);
  });

  it.each([
    ["no source", { reports: [] }],
    ["a report without start_line", { source: "a", reports: [{ id: "R1" }] }],
    ["a problem without quote", { source: "a", reports: [{ id: "R1", start_line: 1, problems: [{ id: "P", theme: "t" }] }] }],
  ])("should reject a gold file with %s", (_what, value) => {
    expect(() => parseGoldFile(value)).toThrow(UsageError);
  });
});
