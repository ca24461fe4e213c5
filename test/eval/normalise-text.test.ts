import { describe, expect, it } from "vitest";

import { normaliseForMatch } from "../../src/eval/normalise-text.ts";
import { coverage, longestCommonSubstring } from "../../src/eval/text-match.ts";

describe("normaliseForMatch", () => {
  it("should convert traditional to simplified characters", () => {
    expect(normaliseForMatch("組織生活沒有正常開展")).toBe("组织生活没有正常开展");
  });

  it("should drop Chinese and ASCII punctuation, symbols and white space", () => {
    expect(normaliseForMatch("“三会一课”、民主 评议；（一）> × ...\t!")).toBe("三会一课民主评议一");
  });

  it("should fold full-width letters and digits and lower-case Latin", () => {
    expect(normaliseForMatch("ＡＢＣ１２３ xx镇 XX党委")).toBe("abc123xx镇xx党委");
  });
});

describe("longestCommonSubstring / coverage", () => {
  it("should find the longest common run of characters", () => {
    expect(longestCommonSubstring("abcdxyz", "xyzabcd")).toBe(4);
    expect(longestCommonSubstring("党员发展工作", "发展党员")).toBe(2);
    expect(longestCommonSubstring("", "abc")).toBe(0);
  });

  it("should give full coverage to a prediction containing the gold text", () => {
    expect(coverage("一是党员发展工作进展缓慢的问题", "党员发展工作进展缓慢")).toBe(1);
  });

  it("should measure partial coverage as common run over gold length", () => {
    expect(coverage("关于党员发展工作的意见", "党员发展工作进展缓慢")).toBeCloseTo(0.6, 10);
    expect(coverage("这是党员发展工会的事", "党员发展工作进展缓慢")).toBeCloseTo(0.5, 10);
  });
});
