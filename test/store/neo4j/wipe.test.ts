/*
 * The wipe at any size (src/store/neo4j/wipe.ts), against a stand-in for a server whose transaction
 * memory holds only so many deletions per transaction: it deletes relationships before nodes, and
 * goes on with smaller inner transactions when the server refuses a batch for lack of memory.
 * (The integration tests run the same wipe against a real Neo4j.)
 */
import type { Driver } from "neo4j-driver";
import { Neo4jError } from "neo4j-driver";
import { describe, expect, it } from "vitest";

import { StoreError } from "../../../src/errors.ts";
import { isOutOfMemory, parseBytes, wipeBatchFor, wipeDatabase } from "../../../src/store/neo4j/wipe.ts";

/** A driver whose server fails any inner transaction larger than `limit` rows with a memory error. */
function fakeServer(limit: number, other?: Error) {
  const calls: { query: string; batch: number }[] = [];
  let nodes = 40_000;
  const driver = {
    session: () => ({
      run: async (query: string, params: { batch: { toNumber(): number } }) => {
        const batch = params.batch.toNumber();
        calls.push({ query, batch });
        if (other) throw other;
        if (batch > limit) {
          throw new Neo4jError(
            "The allocation of an extra 2.0 MiB would use more than the limit 716.8 MiB. Currently using 715.0 MiB. dbms.memory.transaction.total.max threshold reached",
            "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
            "",
            "",
          );
        }
        const deleted = /DELETE n\b/.test(query) ? nodes : 0;
        if (deleted) nodes = 0;
        return { summary: { counters: { updates: () => ({ nodesDeleted: deleted }) } } };
      },
      close: async () => {},
    }),
  } as unknown as Driver;
  return { driver, calls };
}

describe("wipeDatabase", () => {
  it("deletes relationships, then nodes, in inner transactions, and makes them smaller when memory runs out", async () => {
    const { driver, calls } = fakeServer(1_000);
    expect(await wipeDatabase(driver)).toBe(40_000);
    const relationshipCalls = calls.filter((c) => /DELETE r\b/.test(c.query));
    const nodeCalls = calls.filter((c) => /DELETE n\b/.test(c.query));
    expect(calls.every((c) => /IN TRANSACTIONS OF \$batch ROWS/.test(c.query))).toBe(true);
    expect(relationshipCalls.map((c) => c.batch)).toEqual([10_000, 2_500, 625]);
    // The node step starts from the size that worked.
    expect(nodeCalls.map((c) => c.batch)).toEqual([625]);
    expect(calls.indexOf(nodeCalls[0]!)).toBeGreaterThan(calls.indexOf(relationshipCalls.at(-1)!));
  });

  it("reports other failures at once, as a store error", async () => {
    const refused = new Neo4jError("Database 'x' not found", "Neo.ClientError.Database.DatabaseNotFound", "", "");
    const { driver, calls } = fakeServer(1_000, refused);
    await expect(wipeDatabase(driver, { database: "x" })).rejects.toBeInstanceOf(StoreError);
    expect(calls).toHaveLength(1);
  });

  it("recognises the server's memory errors", () => {
    expect(isOutOfMemory({ code: "Neo.TransientError.General.MemoryPoolOutOfMemoryError", message: "" })).toBe(true);
    expect(isOutOfMemory({ code: "Neo.TransientError.General.TransactionMemoryLimit", message: "" })).toBe(true);
    expect(isOutOfMemory({ code: "Neo.ClientError.Security.Unauthorized", message: "bad password" })).toBe(false);
  });

  it("sizes the inner transactions to the server's transaction memory", () => {
    // What SHOW SETTINGS says on the README's 1 GB-heap server, and other ways of writing sizes.
    expect(parseBytes("716.8MiB")).toBeCloseTo(716.8 * 2 ** 20);
    expect(parseBytes("1g")).toBe(2 ** 30);
    expect(parseBytes("734003200")).toBe(734003200);
    expect(parseBytes("unlimited")).toBeUndefined();
    expect(wipeBatchFor(parseBytes("716.8MiB"))).toBe(7168);
    expect(wipeBatchFor(parseBytes("64m"))).toBe(640);
    expect(wipeBatchFor(parseBytes("1k"))).toBe(50);
    // No limit (0B), or the setting could not be read: the largest batch, made smaller on refusal.
    expect(wipeBatchFor(0)).toBe(10_000);
    expect(wipeBatchFor(undefined)).toBe(10_000);
  });

  it("tells when it goes on with smaller inner transactions", async () => {
    const { driver } = fakeServer(1_000);
    const told: [number, number][] = [];
    await wipeDatabase(driver, { onSmaller: (refused, next) => told.push([refused, next]) });
    expect(told).toEqual([
      [10_000, 2_500],
      [2_500, 625],
    ]);
  });
});
