/*
 * A problem named inside a measure heading (「完善考核机制，着力解决激励不足的问题」): the heading stays a measure,
 * the X of 解决X的问题 / 破解X难题 is a problem with its own verbatim quote, and the two are linked because they
 * share the heading. Fixture test/fixtures/shapes/heading-problem.txt is written for this test.
 */
import { describe, expect, it } from "vitest";

import { runPipeline } from "../../src/pipeline.ts";

describe("a problem named inside a measure heading", async () => {
  const extraction = await runPipeline(["test/fixtures/shapes/heading-problem.txt"]);
  const report = extraction.documents[0]!.reports[0]!;
  const byId = new Map(report.statements.map((s) => [s.id, s]));
  const texts = (kind: string) => report.statements.filter((s) => s.kind === kind).map((s) => s.text);

  it("should keep each heading a measure, whole", () => {
    expect(texts("measure")).toEqual(["优化党员队伍结构，着力解决后备力量不足的问题", "完善考核激励机制，破解书记干事动力不强难题", "加强阵地建设，切实解决好群众反映的实际问题"]);
  });

  it("should read the X of 解决X的问题 and 破解X难题 as problems, but not a problem that names none (实际问题)", () => {
    expect(texts("problem")).toEqual(["党员年龄结构老化", "支部书记履职动力不足", "后备力量不足", "书记干事动力不强"]);
  });

  it("should link each such problem to its own measure, saying why", () => {
    for (const [problem, measure] of [
      ["后备力量不足", "优化党员队伍结构，着力解决后备力量不足的问题"],
      ["书记干事动力不强", "完善考核激励机制，破解书记干事动力不强难题"],
    ]) {
      const link = report.links.find((l) => l.type === "ADDRESSED_BY" && byId.get(l.from)?.text === problem && byId.get(l.to)?.text === measure);
      expect(link).toMatchObject({ score: 1, reason: "problem named in the measure's own heading" });
    }
  });

  it("should quote the problem verbatim at its place in the heading", () => {
    const p = report.statements.find((s) => s.text === "后备力量不足")!;
    const m = report.statements.find((s) => s.text.startsWith("优化党员队伍结构"))!;
    expect(p.textSpan.start).toBeGreaterThan(m.textSpan.start);
    expect(p.textSpan.end).toBeLessThan(m.textSpan.end);
  });
});
