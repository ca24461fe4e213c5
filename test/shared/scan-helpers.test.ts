// The scanning helpers of the hot loops: the Aho–Corasick automaton against a plain search for every
// pattern, and matchesOf against String.prototype.matchAll, on random texts and patterns (fast-check).
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { buildAhoCorasick } from "../../src/shared/aho-corasick.ts";
import { matchesOf, requiredStarts } from "../../src/shared/regex.ts";

/** Every occurrence of every pattern, as "pattern@end", by a search per pattern and per offset. */
function naiveOccurrences(patterns: string[], text: string): string[] {
  const out: string[] = [];
  patterns.forEach((p, id) => {
    if (p === "") return;
    for (let at = text.indexOf(p); at !== -1; at = text.indexOf(p, at + 1)) out.push(`${id}@${at + p.length}`);
  });
  return out.sort();
}

// Few distinct characters (Han, ASCII, an astral character) so that patterns overlap, nest and share prefixes.
const char = fc.constantFrom("党", "委", "支", "部", "a", "b", "𠀀");
const word = (max: number) => fc.array(char, { maxLength: max }).map((cs) => cs.join(""));

describe("buildAhoCorasick", () => {
  it("finds every occurrence of every pattern, overlapping and nested ones included", () => {
    fc.assert(
      fc.property(fc.array(word(4), { minLength: 1, maxLength: 8 }), word(30), (patterns, text) => {
        const ac = buildAhoCorasick(patterns);
        const found: string[] = [];
        ac.forEach(text, (id, end) => void found.push(`${id}@${end}`));
        expect(found.sort()).toEqual(naiveOccurrences(patterns, text));
        expect(ac.test(text)).toBe(found.length > 0);
      }),
      { numRuns: 500 },
    );
  });

  it("reports occurrences by end offset, the longer first for one end, and stops when asked", () => {
    const ac = buildAhoCorasick(["支部", "党支部", "党委", "委"]);
    const found: string[] = [];
    ac.forEach("党支部党委", (id, end) => void found.push(`${ac.patterns[id]}@${end}`));
    expect(found).toEqual(["党支部@3", "支部@3", "党委@5", "委@5"]);
    const first: string[] = [];
    ac.forEach("党支部党委", (id) => (first.push(ac.patterns[id]!), true));
    expect(first).toEqual(["党支部"]);
  });

  it("never matches an empty pattern, nor anything in an empty text", () => {
    const ac = buildAhoCorasick(["", "党"]);
    expect(ac.test("")).toBe(false);
    expect(ac.test("支部")).toBe(false);
    expect(ac.test("党")).toBe(true);
  });
});

describe("matchesOf", () => {
  const summary = (ms: Iterable<RegExpMatchArray>) => [...ms].map((m) => `${m.index}:${m[0]}:${m.slice(1).join(",")}`);

  it("gives what matchAll gives, empty matches and astral characters included, and leaves the regex as it was", () => {
    const sources = ["党.?", "(支)?部", "a*", "(?:党|𠀀)+", "\\b|委", "(?<=党)支"];
    fc.assert(
      fc.property(fc.constantFrom(...sources), fc.constantFrom("g", "gu"), word(20), fc.nat(5), (source, flags, text, start) => {
        const re = new RegExp(source, flags);
        re.lastIndex = start;
        const expected = summary(text.matchAll(re));
        expect(summary(matchesOf(re, text))).toEqual(expected);
        expect(re.lastIndex).toBe(start);
      }),
      { numRuns: 500 },
    );
  });

  it("is not disturbed by the same regex used inside the loop, and restores it when the loop stops early", () => {
    const re = /党./g;
    const seen: string[] = [];
    for (const m of matchesOf(re, "党委党支党组")) {
      seen.push(m[0]);
      re.lastIndex = 0;
      re.exec("党员");
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(["党委", "党支"]);
    expect(re.lastIndex).toBe(0);
  });

  it("refuses a regex without the g flag, as matchAll does", () => {
    expect(() => [...matchesOf(/党/, "党")]).toThrow(TypeError);
  });
});

describe("requiredStarts (the prefilter of the codebook's and the entity lexicons' patterns)", () => {
  it("reads the plain start of each top-level alternative (the lexicon entries' patterns)", () => {
    expect(requiredStarts("两手抓[、,]?两不误|抓铁有痕")).toEqual(["两手抓", "抓铁有痕"]);
    expect(requiredStarts("真学[、,]真(?:悟|信)")).toEqual(["真学"]);
    expect(requiredStarts("党委?书记")).toEqual(["党"]);
    expect(requiredStarts("(?<!不)党委")).toBeNull();
    expect(requiredStarts("\\d+个支部")).toBeNull();
  });

  // As above, with capturing, named and nested groups, lookarounds and optional groups among the atoms.
  const group = fc.constantFrom("(支|部)", "(?:党|委)", "(?<g>支部|党)", "(党.?委|支)", "(a|)", "(?<!党)支", "(?=党)党");
  const atom = fc.oneof(char, char, fc.constant("[党委]"), group, fc.constant("\\d"), fc.constant("."));
  const piece = fc.tuple(atom, fc.constantFrom("", "", "?", "*", "+", "{0,2}", "{1,2}")).map(([a, q]) => a + q);
  const alternative = fc.array(piece, { minLength: 1, maxLength: 4 }).map((ps) => ps.join(""));
  // Each named group named once.
  const source = fc.array(alternative, { minLength: 1, maxLength: 3 }).map((as) => {
    let n = 0;
    return as.join("|").replace(/\(\?<g>/g, () => `(?<g${n++}>`);
  });

  it("names literals one of which starts every match, empty matches included, or nothing when it cannot", () => {
    fc.assert(
      fc.property(source, word(30), (src, text) => {
        const starts = requiredStarts(src);
        if (starts === null) return;
        expect(starts.every((s) => s.length > 0)).toBe(true);
        for (const m of text.matchAll(new RegExp(src, "gu"))) expect(starts.some((s) => m[0].startsWith(s))).toBe(true);
        // So a text holding none of them has no match at all.
        if (!starts.some((s) => text.includes(s))) expect(new RegExp(src, "u").test(text)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it("reads the alternatives of an opening group, capturing or not, unless the group is optional", () => {
    expect(requiredStarts("(党员.{0,6}发展|发展.{0,4}党员).{0,8}(缓慢|滞后)")).toEqual(["党员", "发展"]);
    expect(requiredStarts("(?<who>退休|老)党员")).toEqual(["退休", "老"]);
    expect(requiredStarts("重数量.{0,2}轻质量|工作与学习")).toEqual(["重数量", "工作与学习"]);
    expect(requiredStarts("(没有|未|没)(吸收|发展)")).toEqual(["没有", "未", "没"]);
    expect(requiredStarts("(党员)?发展")).toBeNull();
    expect(requiredStarts("(经费|(?<!精力)投入)不足")).toBeNull();
    expect(requiredStarts("(a|)b")).toBeNull();
    expect(requiredStarts("[党委]员")).toBeNull();
  });
});
