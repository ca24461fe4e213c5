import neo4j from "neo4j-driver";
import { describe, expect, it } from "vitest";

import { toNeo4jProps, toNeo4jValue } from "../../../src/store/neo4j/props.ts";

describe("toNeo4jProps", () => {
  it("should drop null and undefined and the excluded names", () => {
    expect(toNeo4jProps({ label: "Problem", name: "党员发展", title: null, extra: undefined }, ["label"])).toEqual({ name: "党员发展" });
  });

  it("should store whole numbers as Neo4j integers and keep fractions as floats", () => {
    const props = toNeo4jProps({ reportCount: 3, score: 0.75 });
    expect(neo4j.isInt(props.reportCount)).toBe(true);
    expect(String(props.reportCount)).toBe("3");
    expect(props.score).toBe(0.75);
  });

  it("should keep homogeneous arrays and JSON-encode objects and mixed arrays", () => {
    expect(toNeo4jValue(["practice", "problem"])).toEqual(["practice", "problem"]);
    expect(toNeo4jValue([true, false])).toEqual([true, false]);
    const lines = toNeo4jValue([4, 8]) as unknown[];
    expect(lines.every((n) => neo4j.isInt(n))).toBe(true);
    expect(toNeo4jValue([0.5, 1])).toEqual([0.5, 1]);
    expect(toNeo4jValue({ a: 1 })).toBe('{"a":1}');
    expect(toNeo4jValue([1, "x"])).toBe('[1,"x"]');
    expect(toNeo4jValue([{ a: 1 }])).toBe('[{"a":1}]');
  });

  it("should sort property names so the same node always sends the same map", () => {
    expect(Object.keys(toNeo4jProps({ b: 1, a: 2, c: 3 }))).toEqual(["a", "b", "c"]);
  });
});
