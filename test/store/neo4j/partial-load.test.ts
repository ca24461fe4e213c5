import { Neo4jError, type Driver } from "neo4j-driver";
import { describe, expect, it } from "vitest";

import { loadGraph } from "../../../src/store/neo4j/load-graph.ts";
import { makeGraph } from "../graph.fixtures.ts";

/** A driver whose connection is lost after `okWrites` write transactions (issue 10, fault 7: partial write). */
function fakeDriver(okWrites: number): Driver {
  let writes = 0;
  const updates = { nodesCreated: 0, relationshipsCreated: 0, propertiesSet: 0, constraintsAdded: 0, indexesAdded: 0 };
  const tx = {
    run: async (_query: string, params?: { rows?: unknown[] }) => ({
      records: [{ get: () => params?.rows?.length ?? 0 }],
      summary: { counters: { updates: () => updates } },
    }),
  };
  const session = {
    executeWrite: async (work: (t: typeof tx) => Promise<unknown>) => {
      if (++writes > okWrites) throw new Neo4jError("Connection was closed by server", "ServiceUnavailable", "", "");
      return work(tx);
    },
    // The schema check (SHOW INDEXES) finds nothing, so the schema is applied.
    executeRead: async (work: (t: { run: () => Promise<unknown> }) => Promise<unknown>) => work({ run: async () => ({ records: [] }) }),
    run: async () => ({ records: [], summary: { counters: { updates: () => updates } } }),
    close: async () => {
      throw new Error("the connection is gone");
    },
  };
  return { session: () => session } as unknown as Driver;
}

describe("loadGraph when Neo4j goes away mid-load", () => {
  it("should say that the write was partial and that re-running completes it", async () => {
    // Count the write transactions of a whole load (schema, one per row, recount), then lose the connection 10 before the end.
    let schemaWrites = 0;
    const counting = fakeDriver(Number.MAX_SAFE_INTEGER);
    const original = counting.session;
    (counting as unknown as { session: () => unknown }).session = () => {
      const s = original.call(counting) as { executeWrite: (w: unknown) => Promise<unknown> };
      const exec = s.executeWrite.bind(s);
      return { ...s, executeWrite: (w: unknown) => (schemaWrites++, exec(w)) };
    };
    await loadGraph(counting, makeGraph(), { batchSize: 1 });
    const total = schemaWrites;
    const error = await loadGraph(fakeDriver(total - 10), makeGraph(), { batchSize: 1, uri: "bolt://neo4j:pw@127.0.0.1:7687" }).then(
      () => null,
      (e: Error & { exitCode?: number }) => e,
    );
    expect(error).not.toBeNull();
    expect(error!.exitCode).toBe(3);
    expect(error!.message).toMatch(/partial import/);
    expect(error!.message).toMatch(/Run the same `kg import` again/);
    expect(error!.message).not.toContain("\n");
    expect(error!.message).not.toContain("pw@");
  });

  it("should not call a failure before any batch partial", async () => {
    const error = await loadGraph(fakeDriver(0), makeGraph(), { batchSize: 1 }).then(() => null, (e: Error) => e);
    expect(error!.message).toMatch(/cannot reach Neo4j/);
    expect(error!.message).not.toMatch(/partial/);
  });
});
