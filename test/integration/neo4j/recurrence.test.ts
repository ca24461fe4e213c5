import { describe, expect, it } from "vitest";

import { buildGraph } from "../../../src/graph/build-graph.ts";
import { loadGraph } from "../../../src/store/neo4j/load-graph.ts";
import type { Extraction } from "../../../src/types.ts";
import { dbConfig, seedGraph, testNeo4j, useEmptyDatabase } from "./neo4j.fixtures.ts";

// loadGraph writes no extraction records, which kg import needs of what it finds: leave nothing behind.
const db = useEmptyDatabase();

/** The extraction restricted to the reports whose index (in reading order) passes `keep`. */
function subset(extraction: Extraction, keep: (i: number) => boolean): Extraction {
  let i = 0;
  return {
    ...extraction,
    documents: extraction.documents.map((d) => ({ ...d, reports: d.reports.filter(() => keep(i++)) })),
  };
}

async function themeCounts(): Promise<Record<string, number>> {
  const { records } = await db().executeQuery("MATCH (t) WHERE t:Problem OR t:Measure RETURN t.key AS key, t.reportCount AS n", {}, dbConfig());
  return Object.fromEntries(records.map((r) => [r.get("key"), r.get("n")]));
}

describe("loading reports in two batches (real Neo4j)", () => {
  it("should count recurrence over both batches, as if they had been loaded at once", async () => {
    const { extraction, graph: whole } = await seedGraph();
    const expected: Record<string, number> = {};
    whole.forEachNode((key, a) => {
      if (a.label === "Problem" || a.label === "Measure") expected[key] = Number(a.reportCount);
    });
    const database = testNeo4j().database;

    await loadGraph(db(), buildGraph(subset(extraction, (i) => i < 4)), { database, batchSize: 50 });
    const afterFirst = await themeCounts();
    // The first batch alone sees fewer reports for some theme, so the test can tell the difference.
    expect(Object.keys(expected).some((k) => (afterFirst[k] ?? 0) < (expected[k] ?? 0))).toBe(true);

    await loadGraph(db(), buildGraph(subset(extraction, (i) => i >= 4)), { database, batchSize: 50 });
    expect(await themeCounts()).toEqual(expected);
  });
});
