/*
 * kg import writes rows the database does not hold with CREATE (no lookup). When the driver retries
 * a batch after a transient error, the first attempt may have committed without the driver hearing
 * so (a lost connection, a cluster's leader changing): the retry must then not duplicate anything.
 * Here every managed write transaction against the real server commits, its answer is "lost", and
 * the same work runs again, as the driver's retry would run it; the database must still hold the
 * graph exactly once.
 */
import type { Driver, Session } from "neo4j-driver";
import { describe, expect, it } from "vitest";

import { buildStoreGraph } from "../../../src/graph/records.ts";
import { importDocumentsIntoNeo4j } from "../../../src/store/neo4j/sync-graph.ts";
import { loadCodebook } from "../../../src/themes/codebook.ts";
import { dbConfig, graphCounts, seedGraph, useEmptyDatabase } from "./neo4j.fixtures.ts";

const database = useEmptyDatabase();

const bound = (target: object, prop: string | symbol) => {
  const value: unknown = Reflect.get(target, prop, target);
  return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
};

/** The real driver, except that each managed write transaction commits, loses its answer and runs again. */
function answersLost(real: Driver): { driver: Driver; replays: () => number } {
  let replays = 0;
  const wrapSession = (session: Session) =>
    new Proxy(session, {
      get(s, prop) {
        if (prop !== "executeWrite") return bound(s, prop);
        return async (...args: Parameters<Session["executeWrite"]>) => {
          await s.executeWrite(...args); // committed on the server; the answer never arrives
          replays += 1;
          return s.executeWrite(...args); // the driver's retry
        };
      },
    });
  const driver = new Proxy(real, {
    get(d, prop) {
      if (prop !== "session") return bound(d, prop);
      return (...args: Parameters<Driver["session"]>) => wrapSession(d.session(...args));
    },
  });
  return { driver, replays: () => replays };
}

async function counts() {
  const config = dbConfig();
  const one = async (q: string) => Number((await database().executeQuery(q, {}, config)).records[0]?.get(0));
  return {
    nodes: await one("MATCH (n) WHERE NOT n:KgLock RETURN count(n)"),
    relationships: await one("MATCH ()-[r]->() RETURN count(r)"),
    distinctKeys: await one("MATCH (n) WHERE NOT n:KgLock RETURN count(DISTINCT n.key)"),
  };
}

describe("kg's Neo4j writes when the driver retries a committed batch", () => {
  it("should hold every node and relationship of the seed once (kg import's path, lock included), and a second import should write nothing", async () => {
    const codebook = loadCodebook();
    const { extraction } = await seedGraph();
    const expected = graphCounts(buildStoreGraph(extraction.documents, codebook, undefined, []).graph);
    const flaky = answersLost(database());
    const options = { ...dbConfig(), codebook, batchSize: 200 };
    await importDocumentsIntoNeo4j(flaky.driver, extraction.documents, options, []);
    expect(flaky.replays()).toBeGreaterThan(5);
    const after = await counts();
    expect(after).toEqual({ nodes: expected.nodes, relationships: expected.relationships, distinctKeys: expected.nodes });
    const again = await importDocumentsIntoNeo4j(database(), extraction.documents, options, []);
    expect(again.nodesWritten + again.relationshipsWritten + again.nodesDeleted).toBe(0);
    expect(await counts()).toEqual(after);
  });
});
