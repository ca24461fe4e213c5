// The hand-written fast paths of the per-document stages against the plain definitions they replace, on
// random inputs (fast-check): the same answer for every input, only found with less work.
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { lastSentence } from "../../src/classify/shapes/paragraph-heads.ts";
import { isHan, wordsByLast } from "../../src/extract/entities/text-view.ts";
import { lastSentence as lineLastSentence } from "../../src/normalise/line-rules.ts";
import { memoByString } from "../../src/shared/memo.ts";

// Few distinct characters (sentence marks, colons, Han, ASCII, space, an astral character) so that cases collide.
const char = fc.constantFrom("。", ":", "：", "党", "委", "a", " ", "\n", "，", "𠀀");
const text = (max: number) => fc.array(char, { maxLength: max }).map((cs) => cs.join(""));

describe("lastSentence (paragraph-heads)", () => {
  it("is what /[^。]*[。:：]?$/ matches first in the line without its final mark", () => {
    fc.assert(
      fc.property(text(24), (t) => {
        const byRegex = /[^。]*[。:：]?$/.exec(t.replace(/[。:：]\s*$/, ""))?.[0] ?? "";
        expect(lastSentence(t)).toBe(byRegex);
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps only the text after the last full stop", () => {
    expect(lastSentence("一年来成效明显。需要采取以下措施。")).toBe("需要采取以下措施");
    expect(lastSentence("提出以下建议：")).toBe("提出以下建议");
  });
});

describe("wordsByLast (entity name boundaries)", () => {
  it("offers every word that startsWith finds ending at an offset", () => {
    fc.assert(
      fc.property(fc.array(text(4), { maxLength: 8 }), text(20), (words, t) => {
        const index = wordsByLast(words);
        for (let at = 0; at <= t.length + 1; at++) {
          const all = words.filter((w) => t.startsWith(w, at - w.length));
          const indexed = index.endingAt(t, at).filter((w) => t.startsWith(w, at - w.length));
          expect(indexed).toEqual(all);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe("isHan", () => {
  it("agrees with \\p{Script=Han} on single code units, astral characters and nothing", () => {
    for (const ch of ["党", "a", "。", "𠀀", "\uD840", "", "〇", "々"]) expect(isHan(ch)).toBe(ch !== "" && /\p{Script=Han}/u.test(ch));
    expect(isHan(undefined)).toBe(false);
  });
});

describe("memoByString", () => {
  it("gives the function's results, also once its cache has been emptied", () => {
    let calls = 0;
    const f = memoByString((s: string) => (calls++, s.length % 3 === 0 ? undefined : s.length), 4);
    const inputs = ["a", "bb", "ccc", "a", "dddd", "eeeee", "ffffff", "bb", "ccc", "a"];
    expect(inputs.map(f)).toEqual(inputs.map((s) => (s.length % 3 === 0 ? undefined : s.length)));
    // "a" and "ccc" (undefined, cached as such) were answered from the cache at least once.
    expect(calls).toBeLessThan(inputs.length);
  });
});

describe("lastSentence (normalise line rules)", () => {
  it("is the text after the last 。!? of the line once its final run of them is cut, as the regex version read it", () => {
    const endChar = fc.constantFrom("。", "!", "?", "党", "a", " ");
    fc.assert(
      fc.property(fc.array(endChar, { maxLength: 16 }).map((cs) => cs.join("")), (t) => {
        const body = t.replace(/[。!?]+$/, "");
        const cut = Math.max(body.lastIndexOf("。"), body.lastIndexOf("!"), body.lastIndexOf("?"));
        expect(lineLastSentence(t)).toBe(t.slice(cut + 1));
      }),
      { numRuns: 2000 },
    );
  });
});
