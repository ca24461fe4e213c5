import { describe, expect, it } from "vitest";

import type { Numbering } from "../../../src/graph/held.ts";
import { ElementIds } from "../../../src/store/neo4j/element-ids.ts";

function numbering(keys: string[]): Numbering {
  return { size: keys.length, keyAt: (n) => keys[n]!, numberOf: (key) => (keys.includes(key) ? keys.indexOf(key) : undefined) };
}

describe("ElementIds", () => {
  const keys = ["a", "b", "c", "d", "e", "f"];

  it("should give back every id exactly as the server gave it, whatever its form", () => {
    const ids = new ElementIds(numbering(keys));
    const given = {
      a: "4:0f3c7d8e-1111-2222-3333-444455556666:0",
      b: "4:0f3c7d8e-1111-2222-3333-444455556666:734512",
      c: "4:0f3c7d8e-1111-2222-3333-444455556666:007", // leading zeros are not a number's digits
      d: "4:another-database:12", // another prefix
      e: "4:0f3c7d8e-1111-2222-3333-444455556666:123456789012345678901", // beyond what a double holds exactly
      f: "17", // no prefix at all
    };
    for (const [key, id] of Object.entries(given)) ids.set(key, id);
    for (const [key, id] of Object.entries(given)) expect(ids.get(key)).toBe(id);
  });

  it("should let a later id replace an earlier one, in either form", () => {
    const ids = new ElementIds(numbering(keys));
    ids.set("a", "4:db:1");
    ids.set("b", "4:db:2");
    ids.set("b", "odd-id");
    ids.set("a", "4:db:99");
    expect([ids.get("a"), ids.get("b")]).toEqual(["4:db:99", "odd-id"]);
    ids.set("b", "4:db:3");
    expect(ids.get("b")).toBe("4:db:3");
  });

  it("should know none for a node without an id, a key the graph does not have, or after clear()", () => {
    const ids = new ElementIds(numbering(keys));
    ids.set("a", "4:db:1");
    ids.set("zz", "4:db:2");
    expect([ids.has("a"), ids.has("b"), ids.has("zz")]).toEqual([true, false, false]);
    ids.clear();
    expect(ids.has("a")).toBe(false);
    ids.set("b", "5:other:8");
    expect(ids.get("b")).toBe("5:other:8");
  });
});
