import { describe, expect, it } from "vitest";

import { lineAt, normaliseDocument, splitLines } from "../../src/normalise/index.ts";
import type { SourceDocument } from "../../src/types.ts";

function source(text: string): SourceDocument {
  return { path: "r.txt", sha256: "", encoding: "utf-8", text };
}

describe("splitLines", () => {
  it("should number lines from 1 and give spans without the line break", () => {
    expect(splitLines("一、\n\n二、甲")).toEqual([
      { number: 1, start: 0, end: 2 },
      { number: 2, start: 3, end: 3 },
      { number: 3, start: 4, end: 7 },
    ]);
  });

  it("should count a last line without a trailing break, and an empty last line after one", () => {
    expect(splitLines("甲\n乙")).toHaveLength(2);
    expect(splitLines("甲\n")).toHaveLength(2);
  });

  it("should find the line of an offset", () => {
    const lines = splitLines("ab\ncd\nef");
    expect([0, 2, 3, 5, 6, 8].map((o) => lineAt(lines, o))).toEqual([1, 1, 2, 2, 3, 3]);
  });
});

describe("normaliseDocument", () => {
  it("should keep the source untouched and give folded text of the same length", () => {
    const text = "一、存在的問題\n（一）黨員發展緩慢，年齡老化。";
    const { document } = normaliseDocument(source(text));
    expect(document.source.text).toBe(text);
    expect(document.text).toBe("一、存在的问题\n(一)党员发展缓慢,年龄老化。");
    expect(document.lines.map((l) => document.text.slice(l.start, l.end))).toEqual(["一、存在的问题", "(一)党员发展缓慢,年龄老化。"]);
  });

  it("should find no noise and say nothing about a clean report", () => {
    const { document, diagnostics } = normaliseDocument(source("一、基本情况\n学校有党员32人。\n二、存在的问题\n1、组织生活不规范。"));
    expect(document.noise).toEqual([]);
    expect(diagnostics).toEqual([]);
  });

  it("should skip boilerplate marking when asked, and skip conversion when asked", () => {
    const text = "推荐度:\n黨員";
    expect(normaliseDocument(source(text), { findNoise: false }).document.noise).toEqual([]);
    expect(normaliseDocument(source(text), { simplify: false }).document.text).toBe(text);
  });
});
