/*
 * Order independence on real Neo4j: any order, batching or repetition of imports of the same
 * documents leaves the database equal to the graph of one clean import (property test, few runs so
 * that it stays well under a minute), and themes that an earlier partial view made are deleted.
 */
import fc from "fast-check";
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { buildStoreGraph } from "../../../src/graph/records.ts";
import { wipeDatabase } from "../../../src/store/neo4j/load-graph.ts";
import { readGraph } from "../../../src/store/neo4j/read-graph.ts";
import { importDocumentsIntoNeo4j } from "../../../src/store/neo4j/sync-graph.ts";
import { loadCodebook } from "../../../src/themes/codebook.ts";
import type { DocumentExtraction } from "../../../src/types.ts";
import { atPath, corpusPaths, extractCorpus, graphDiff, importSequence, themeKeys } from "../../graph/order.fixtures.ts";
import { openDriver, testNeo4j } from "./neo4j.fixtures.ts";

const codebook = loadCodebook();
/** Runs of the property (KG_PROPERTY_RUNS raises it, with a fresh seed, for a longer search). */
const RUNS = Number(process.env.KG_PROPERTY_RUNS ?? 4);
// A third of the fixture corpus keeps each run short; it still holds several settings and the two
// copies (UTF-8 and Big5) of the traditional-character village report.
const paths = corpusPaths().filter((p, i) => i % 3 === 0 || p.includes("village-traditional"));
let docs: Map<string, DocumentExtraction>;
let expected: ReturnType<ReturnType<typeof buildStoreGraph>["graph"]["export"]>;
let driver: Driver;
const database = testNeo4j().database;

beforeAll(async () => {
  driver = openDriver();
  docs = await extractCorpus(paths);
  expected = buildStoreGraph([...docs.values()], codebook, undefined, []).graph.export();
});
afterAll(async () => {
  // Other suites share the server and expect only what they import: leave it empty.
  await wipeDatabase(driver, { database });
  await driver.close();
});

async function importInBatches(batches: string[][]) {
  await wipeDatabase(driver, { database });
  for (const batch of batches) {
    await importDocumentsIntoNeo4j(driver, batch.map((p) => docs.get(p)!), { database, codebook, batchSize: 50 }, []);
  }
  return readGraph(driver, { database, records: true });
}

describe("Neo4j: any order, batching or repetition of imports equals one clean import (real Neo4j)", () => {
  it("should hold exactly the clean graph after importing one document at a time in reverse order", async () => {
    const graph = await importInBatches([...paths].reverse().map((p) => [p]));
    expect(graphDiff(expected, graph)).toEqual([]);
  });

  it("should hold exactly the clean graph for random orders, partitions and overlaps (property)", async () => {
    await fc.assert(
      fc.asyncProperty(importSequence(paths, 2), async (batches) => {
        expect(graphDiff(expected, await importInBatches(batches))).toEqual([]);
      }),
      { numRuns: RUNS, seed: process.env.KG_PROPERTY_RUNS ? Date.now() : 20261129 },
    );
  }, Math.max(120_000, RUNS * 10_000));

  it("should delete the reports, statements and themes of a document that changed at the same path, and change nothing on a repeat", async () => {
    const changed = "test/fixtures/changed-report.txt";
    const before = docs.get(paths.find((p) => p.includes("community-runon"))!)!;
    const after = docs.get(paths.find((p) => p.includes("private-enterprise"))!)!;
    const rest = paths.filter((p) => !p.includes("community-runon") && !p.includes("private-enterprise")).map((p) => docs.get(p)!);
    await importInBatches([]);
    await importDocumentsIntoNeo4j(driver, [...rest, atPath(before, changed)], { database, codebook }, []);
    const first = await readGraph(driver, { database, records: true });
    const summary = await importDocumentsIntoNeo4j(driver, [atPath(after, changed)], { database, codebook }, []);
    const clean = buildStoreGraph([...rest, atPath(after, changed)], codebook, undefined, []).graph.export();
    expect(graphDiff(clean, await readGraph(driver, { database, records: true }))).toEqual([]);
    // Themes only the old text supported (e.g. 社区治理) existed and are gone.
    const gone = [...themeKeys(first)].filter((k) => !themeKeys(clean).has(k));
    expect(gone.length).toBeGreaterThan(0);
    expect(summary.nodesDeleted).toBeGreaterThan(gone.length);
    const again = await importDocumentsIntoNeo4j(driver, [atPath(after, changed)], { database, codebook }, []);
    expect(again).toMatchObject({ nodesWritten: 0, relationshipsWritten: 0, nodesDeleted: 0, relationshipsDeleted: 0 });
  });
});

describe("Neo4j: concurrent imports (real Neo4j)", () => {
  it("should keep every document when imports of different documents run at the same time", async () => {
    await wipeDatabase(driver, { database });
    const halves = [paths.filter((_, i) => i % 2 === 0), paths.filter((_, i) => i % 2 === 1), paths.slice(0, 3)];
    // Separate drivers, as separate processes would have.
    const drivers = halves.map(() => openDriver());
    try {
      await Promise.all(halves.map((half, i) => importDocumentsIntoNeo4j(drivers[i]!, half.map((p) => docs.get(p)!), { database, codebook }, [])));
    } finally {
      await Promise.all(drivers.map((d) => d.close()));
    }
    expect(graphDiff(expected, await readGraph(driver, { database, records: true }))).toEqual([]);
    expect((await driver.executeQuery("MATCH (l:KgLock) RETURN count(l) AS n", {}, database ? { database } : {})).records[0]?.get("n")).toBe(0);
  });

  it("should tell, in one line, who holds the lock when waiting for it runs out", async () => {
    const { withImportLock } = await import("../../../src/store/neo4j/sync-graph.ts");
    let inner: unknown;
    await withImportLock(driver, { database }, async () => {
      inner = await withImportLock(driver, { database, lockWaitMs: 300 }, async () => "should not run").catch((e: unknown) => e);
    });
    expect(inner).toMatchObject({ exitCode: 1, message: expect.stringMatching(/^another kg import \(.+ pid \d+\) is writing to this database since .+; try again when it has finished\.$/) });
  });
});
