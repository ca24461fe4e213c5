import { Neo4jError } from "neo4j-driver";
import { describe, expect, it } from "vitest";

import { StoreError } from "../../../src/errors.ts";
import { toStoreError } from "../../../src/store/neo4j/errors.ts";

const ctx = { uri: "bolt://127.0.0.1:7687", user: "neo4j", database: "neo4j" };

describe("toStoreError", () => {
  it.each([
    ["ServiceUnavailable", 3, /cannot reach Neo4j at bolt:\/\/127\.0\.0\.1:7687: start it with `npm run neo4j:start`/],
    ["Neo.ClientError.Security.Unauthorized", 3, /refused the credentials of user "neo4j"/],
    ["Neo.ClientError.Security.AuthenticationRateLimit", 3, /locked user/],
    ["Neo.ClientError.Security.Forbidden", 3, /denied access/],
    ["Neo.ClientError.Database.DatabaseNotFound", 1, /no database "neo4j"/],
    ["Neo.ClientError.Statement.SyntaxError", 1, /failed \(Neo\.ClientError\.Statement\.SyntaxError\)/],
  ])("should map %s to exit code %i with a one-line message", (code, exitCode, message) => {
    const err = toStoreError(new Neo4jError("boom\nsecond line", code, "", ""), ctx);
    expect(err).toBeInstanceOf(StoreError);
    expect(err.exitCode).toBe(exitCode);
    expect(err.neo4jCode).toBe(code);
    expect(err.message).toMatch(message);
    expect(err.message).not.toContain("\n");
  });

  it("should treat a refused socket as unreachable", () => {
    const err = toStoreError(new Error("connect ECONNREFUSED 127.0.0.1:7687"), ctx);
    expect(err.code).toBe("KG_STORE_UNAVAILABLE");
  });

  it("should pass a StoreError through unchanged", () => {
    const original = new StoreError("x", { unavailable: false });
    expect(toStoreError(original, ctx)).toBe(original);
  });
});
