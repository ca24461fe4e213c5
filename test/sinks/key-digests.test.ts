/*
 * The keys of an old graph file as digests (sinks/key-digests.ts), which kg import's summary line counts against.
 */
import { describe, expect, it } from "vitest";

import { KeyDigestsBuilder } from "../../src/sinks/key-digests.ts";

describe("key digests", () => {
  it("should know every key added, once each, and no other key among many alike", () => {
    const builder = new KeyDigestsBuilder();
    // Keys shaped like kg's (a type and 16 hex digits; a prefix and a name), some given twice, past the first growth.
    const keys = Array.from({ length: 5000 }, (_, i) => (i % 2 ? `MENTIONS:${i.toString(16).padStart(16, "0")}` : `org:某单位${i}`));
    for (const k of keys) builder.add(k);
    for (const k of keys.slice(0, 100)) builder.add(k);
    let repeats = 0;
    const digests = builder.seal((n) => (repeats = n));
    expect(repeats).toBe(100);
    expect(digests.size).toBe(5000);
    expect(keys.every((k) => digests.has(k))).toBe(true);
    const others = Array.from({ length: 5000 }, (_, i) => (i % 2 ? `MENTIONS:${(i + 5000).toString(16).padStart(16, "0")}` : `org:某单位${i}x`));
    expect(others.filter((k) => digests.has(k))).toEqual([]);
    expect(new KeyDigestsBuilder().seal().has("org:某单位0")).toBe(false);
  });
});
