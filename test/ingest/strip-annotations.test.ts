import { describe, expect, it } from "vitest";

import { stripPinyinAnnotations } from "../../src/ingest/strip-annotations.ts";

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
    expect(stripPinyinAnnotations(page)).toEqual({ text: page, removed: 0 });
  });

  it("should leave a document with only one or two annotations as it is", () => {
    const page = "存在的問(wèn)題：經費不足，陣(zhèn)地缺乏";
    expect(stripPinyinAnnotations(page)).toEqual({ text: page, removed: 0 });
  });
});

describe("the evaluator's text normalisation", () => {
  it("should match a gold quote copied with annotations against the text kg reads without them", async () => {
    const { normaliseForMatch } = await import("../../src/eval/normalise-text.ts");
    expect(normaliseForMatch("黨(dǎng)員隊(duì)伍老化")).toBe(normaliseForMatch("党员队伍老化"));
  });
});
