import { describe, expect, it } from "vitest";

import { runPipeline } from "../../src/pipeline.ts";
import { toExtractionJson } from "../../src/sinks/extraction-json.ts";
import { StringInterner } from "../../src/util/intern.ts";

const INPUT = ["seeds/000_d566339e5b9149bf.txt", "test/fixtures/reports"];

describe("lean documents (kg import, kg extract: peak memory)", () => {
  it("drop the outline and the line table, and give the same extraction JSON", async () => {
    const full = await runPipeline(INPUT, { jobs: 1 });
    const lean = await runPipeline(INPUT, { jobs: 1, lean: true });
    expect(full.documents.some((d) => d.document.lines.length > 0 && d.reports.some((r) => r.outline.length > 0))).toBe(true);
    expect(lean.documents.every((d) => d.document.lines.length === 0 && d.reports.every((r) => r.outline.length === 0))).toBe(true);
    expect(JSON.stringify(toExtractionJson(lean), null, 2)).toBe(JSON.stringify(toExtractionJson(full), null, 2));
    // On the worker pool, the documents are made lean in the worker, before they are copied to the main thread.
    const pooled = await runPipeline(INPUT, { jobs: 2, lean: true });
    expect(pooled.documents.every((d) => d.document.lines.length === 0 && d.reports.every((r) => r.outline.length === 0))).toBe(true);
    expect(JSON.stringify(toExtractionJson(pooled), null, 2)).toBe(JSON.stringify(toExtractionJson(full), null, 2));
  });
});

describe("StringInterner", () => {
  it("leaves every value equal (nested objects and arrays), frozen values included", () => {
    const shared = Object.freeze({ id: "section-cue", detail: "a rule" });
    const value = {
      kind: "problem",
      text: "x".repeat(10),
      rules: [shared, { id: "section-cue", detail: "b" }],
      list: ["situation", "situation", 3, null, ["measure"]],
      long: "长".repeat(200),
    };
    const before = structuredClone(value);
    const interner = new StringInterner();
    expect(interner.internAll(value)).toBe(value);
    expect(value).toEqual(before);
    expect(Object.isFrozen(value.rules[0])).toBe(true);
  });

  it("gives back the first copy of a string it has seen", () => {
    const interner = new StringInterner();
    expect(interner.intern("situation")).toBe("situation");
    expect(interner.intern(["situ", "ation"].join(""))).toBe("situation");
  });
});
