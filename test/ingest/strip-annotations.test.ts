import { describe, expect, it } from "vitest";

import { sourceSlice, stripPinyinAnnotations } from "../../src/ingest/strip-annotations.ts";

describe("stripPinyinAnnotations", () => {
  it("should remove the pinyin a conversion site inserted after characters, keeping every line break", () => {
    const page = "二、存在的問(wèn)題\n1.黨(dǎng)員隊(duì)伍老化\n2.經(jīng)費(fèi)不足";
    const { text, removed } = stripPinyinAnnotations(page);
    expect(text).toBe("二、存在的問題\n1.黨員隊伍老化\n2.經費不足");
    expect(removed).toBe(5);
    expect(text.split("\n")).toHaveLength(page.split("\n").length);
  });

  it("should leave ordinary brackets alone: no tone mark, not after a Han character, or Latin words", () => {
    const page = "党支部(A)与党支部(B)；三会一课(sanhui)；问卷(n=120)；Party (dǎng) building；问(wèn)";
    expect(stripPinyinAnnotations(page)).toEqual({ text: page, removed: 0, at: [] });
  });

  it("should leave a document with only one or two annotations as it is", () => {
    const page = "存在的問(wèn)題：經費不足，陣(zhèn)地缺乏";
    expect(stripPinyinAnnotations(page)).toEqual({ text: page, removed: 0, at: [] });
  });
});

describe("the evaluator's text normalisation", () => {
  it("should match a gold quote copied with annotations against the text kg reads without them", async () => {
    const { normaliseForMatch } = await import("../../src/eval/normalise-text.ts");
    expect(normaliseForMatch("黨(dǎng)員隊(duì)伍老化")).toBe(normaliseForMatch("党员队伍老化"));
  });
});

describe("reading a page with pinyin annotations", () => {
  it("should hand the later stages the text without them, keep the lines, and say so", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { readDocument } = await import("../../src/ingest/read-documents.ts");
    const path = join(mkdtempSync(join(tmpdir(), "kg-pinyin-")), "page.txt");
    writeFileSync(path, "二、存在的問(wèn)題\n1.黨(dǎng)員隊(duì)伍老化\n");
    const diagnostics: import("../../src/types.ts").Diagnostic[] = [];
    const doc = await readDocument({ path, explicit: true }, diagnostics);
    expect(doc?.text).toBe("二、存在的問題\n1.黨員隊伍老化\n");
    expect(diagnostics.map((d) => d.origin)).toContain("ingest:pinyin-annotations");
  });

  it("should put the annotations back into any slice, so a quote is the line as written", () => {
    const page = "二、存在的問(wèn)題\n1.黨(dǎng)員隊(duì)伍老化\n";
    const stripped = stripPinyinAnnotations(page);
    const doc = { text: stripped.text, removedAnnotations: stripped.at };
    const line2 = stripped.text.indexOf("黨");
    expect(sourceSlice(doc, line2, line2 + "黨員隊伍老化".length)).toBe("黨(dǎng)員隊(duì)伍老化");
    expect(sourceSlice(doc, 0, stripped.text.length)).toBe(page);
    expect(sourceSlice(doc, 2, 4)).toBe("存在");
  });

  it("should quote statements of such a page as written while reading them without the annotations", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { runPipeline } = await import("../../src/pipeline.ts");
    const path = join(mkdtempSync(join(tmpdir(), "kg-pinyin-")), "page.txt");
    writeFileSync(path, "二、存在的問(wèn)題\n1.黨(dǎng)員隊(duì)伍老化，後繼乏人\n2.經(jīng)費(fèi)保障不足\n三、對策建議\n1.加強黨員發展工作\n");
    const extraction = await runPipeline([path]);
    const problems = extraction.documents[0]!.reports[0]!.statements.filter((s) => s.kind === "problem");
    expect(problems.map((s) => s.text)).toEqual(["黨(dǎng)員隊(duì)伍老化，後繼乏人", "經(jīng)費(fèi)保障不足"]);
  });
});
