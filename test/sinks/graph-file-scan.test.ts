/*
 * A graph file's lists read from its bytes a chunk at a time (sinks/graph-file-scan.ts): the same items as
 * JSON.parse gives, and nothing made out of text that is not a whole JSON object.
 */
import { describe, expect, it } from "vitest";

import { ArrayItems, type Items, scanGraphObject } from "../../src/sinks/graph-file-scan.ts";

const all = (items: Items) => {
  const out: unknown[] = [];
  while (items.more()) out.push(items.next());
  return out;
};

const value = {
  attributes: { name: "图" },
  edges: [1, 0, 2, -3, 4.5e-7, 0, 7, 1, "[{\"x\"}]", null, true, false],
  format: "kg-graph",
  nodes: ["org:某单位", 0, [3, "第一条]}", "a\\\"b", "\uE000z", [[], {}], { k: [1, { "}": "{" }] }], null, 1, "  ", [-2, 4, "问题", "原因"], 12],
  options: { type: "directed" },
  strings: ["[", "]", "\n\t"],
  version: 4,
};

describe("scanning a graph file's JSON", () => {
  it("should give the lists' items as JSON.parse does, whatever the size of a chunk", () => {
    for (const text of [JSON.stringify(value), JSON.stringify(value, null, 2)]) {
      for (const chunk of [1, 7, 1 << 20]) {
        const data = scanGraphObject(Buffer.from(text), ["nodes", "edges"], chunk)!;
        expect(all(data.nodes as Items)).toEqual(value.nodes);
        expect(all(data.edges as Items)).toEqual(value.edges);
        expect({ ...data, nodes: 0, edges: 0 }).toEqual({ ...value, nodes: 0, edges: 0 });
      }
    }
    const empty = scanGraphObject(Buffer.from('{"nodes":[ ],"edges":[]}'), ["nodes", "edges"])!;
    expect(all(empty.nodes as Items)).toEqual([]);
    expect(all(empty.edges as Items)).toEqual([]);
  });

  it("should tell when a row reads past the end of its list", () => {
    const items = scanGraphObject(Buffer.from('{"nodes":[1,2]}'), ["nodes"])!.nodes as Items;
    expect([items.next(), items.next(), items.overrun, items.next(), items.overrun]).toEqual([1, 2, false, undefined, true]);
    const array = new ArrayItems([1, 2]);
    expect([array.next(), array.next(), array.overrun, array.next(), array.overrun]).toEqual([1, 2, false, undefined, true]);
  });

  it("should make nothing out of text that is not one whole JSON object (JSON.parse then says what is wrong)", () => {
    const text = JSON.stringify(value);
    for (const bad of [text.slice(0, -1), text.slice(0, text.length / 2), `${text}x`, `[${text}]`, "", "nonsense", text.replace('"format"', '"nodes"')]) {
      expect(scanGraphObject(Buffer.from(bad), ["nodes", "edges"])).toBeNull();
    }
  });
});
