/*
 * kg import writes rows the database does not hold with CREATE (no lookup). When the driver retries a
 * batch after a transient error, the first attempt may have committed without the driver seeing it
 * (a lost connection, a cluster's leader changing): the retry must then MERGE, so that nothing is
 * duplicated. A stand-in server whose every first commit "loses" its answer shows what each attempt ran.
 * (Against the real server, test/integration/neo4j/* check the imports themselves.)
 */
import type { Driver } from "neo4j-driver";
import { describe, expect, it } from "vitest";

import { syncGraph } from "../../../src/store/neo4j/sync-graph.ts";
import { makeGraph } from "../graph.fixtures.ts";

function flakyServer() {
  const attempts: { query: string; attempt: number }[] = [];
  const record = (rows: { key: string }[]) => ({
    has: (k: string) => k === "ids" || k === "merged",
    get: (k: string) => (k === "merged" ? rows.length : rows.map((r) => [r.key, `id:${r.key}`])),
  });
  const driver = {
    // Nothing stored yet: every row is new.
    executeQuery: async () => ({ records: [] }),
    session: () => ({
      // Like the driver's managed transactions: the work runs, its answer is lost once (a transient
      // error after the commit), and the driver runs the work again.
      executeWrite: async (work: (tx: unknown) => Promise<unknown>) => {
        let attempt = 0;
        for (;;) {
          attempt += 1;
          const tx = {
            run: async (query: string, params: { rows?: { key: string }[] }) => {
              attempts.push({ query, attempt });
              return { records: [record(params.rows ?? [])] };
            },
          };
          const result = await work(tx);
          if (attempt === 1) continue; // the commit's answer was lost: the driver runs the work again
          return result;
        }
      },
      close: async () => {},
    }),
  } as unknown as Driver;
  return { driver, attempts };
}

describe("syncGraph's retries", () => {
  it("creates on a batch's first attempt and merges when the driver runs it again", async () => {
    const { driver, attempts } = flakyServer();
    const graph = makeGraph();
    const summary = await syncGraph(driver, graph, { batchSize: 1000, storedRecords: new Map() });
    expect(summary.nodesWritten).toBe(graph.order);
    expect(summary.relationshipsWritten).toBe(graph.size);
    const first = attempts.filter((a) => a.attempt === 1 && /UNWIND \$rows/.test(a.query));
    const retried = attempts.filter((a) => a.attempt === 2 && /UNWIND \$rows/.test(a.query));
    expect(first.length).toBeGreaterThan(3);
    expect(retried).toHaveLength(first.length);
    for (const a of first) expect(a.query).toMatch(/^CREATE \(/m);
    for (const a of retried) {
      expect(a.query).toMatch(/^MERGE \(/m);
      expect(a.query).not.toMatch(/^CREATE \(/m);
    }
  });
});
