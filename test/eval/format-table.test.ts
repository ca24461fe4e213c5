import { describe, expect, it } from "vitest";

import { formatEvalDetails, formatEvalTable } from "../../src/eval/format-table.ts";
import { scoreExtraction } from "../../src/eval/score-extraction.ts";
import { goldFile, goldReport, predReport, prediction, st } from "./synthetic.fixtures.ts";

const gold = goldFile(goldReport("R1", 1, {
  problems: [{ id: "R1.P1", quote: "党员发展缓慢", line: 2, theme: "a" }, { id: "R1.P2", quote: "经费缺乏保障", line: 3, theme: "b" }],
}));

describe("formatEvalTable", () => {
  it("should show predicted/gold TPs when two predictions match one gold item", () => {
    const pred = prediction(predReport(1, { statements: [st("a", "problem", "党员发展缓慢"), st("b", "problem", "一是党员发展缓慢")] }));
    const table = formatEvalTable(scoreExtraction(pred, gold));
    // precision 2/2, recall 1/2, F1 2/3; tp 2 predictions / 1 gold item.
    expect(table).toMatch(/^problems\s+1\.00\s+0\.50\s+0\.67\s+2\/1\s+0\s+1\s+0$/m);
    expect(table).toMatch(/^metric\s+precision\s+recall\s+F1\s+tp\s+fp\s+fn\s+ignored$/m);
  });
});

describe("formatEvalDetails", () => {
  it("should list misses and false positives with report and line, and nothing for perfect rows", () => {
    const pred = prediction(predReport(1, { statements: [{ ...st("a", "problem", "天气很好"), line: 9 }] }));
    const details = formatEvalDetails(scoreExtraction(pred, gold));
    expect(details).toContain("== problems\n  miss  R1:2  R1.P1 党员发展缓慢\n  miss  R1:3  R1.P2 经费缺乏保障\n  fp    R1:9  天气很好\n");
    expect(details).not.toContain("== reports");
  });
});
