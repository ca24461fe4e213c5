import { describe, expect, it } from "vitest";

import { NODE_LABELS } from "../../../src/graph/schema.ts";
import { fillTemplate, readCypher, splitStatements } from "../../../src/store/neo4j/cypher.ts";

describe("cypher files", () => {
  it("should give a uniqueness constraint on key for every node label, all idempotent", () => {
    const statements = splitStatements(readCypher("schema"));
    for (const label of NODE_LABELS) {
      expect(statements.some((s) => s.includes(`(n:${label}) REQUIRE n.key IS UNIQUE`))).toBe(true);
    }
    expect(statements.every((s) => s.includes("IF NOT EXISTS"))).toBe(true);
    expect(statements.find((s) => s.startsWith("CREATE FULLTEXT INDEX"))).toMatch(/'cjk'/);
  });

  it("should refuse names that leave the cypher folder", () => {
    expect(() => readCypher("../package")).toThrow(/not a Cypher file name/);
  });

  it("should back-quote identifiers and refuse anything else in a template", () => {
    expect(fillTemplate("MERGE (n:{{label}})", { label: "Problem" })).toBe("MERGE (n:`Problem`)");
    expect(() => fillTemplate("MERGE (n:{{label}})", { label: "Problem`) DELETE n //" })).toThrow(/not an identifier/);
    expect(() => fillTemplate("MERGE (n:{{label}})", {})).toThrow(/no value/);
  });
});
