import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { NODE_LABELS } from "../../../src/graph/schema.ts";
import { countGraph, wipeDatabase } from "../../../src/store/neo4j/load-graph.ts";
import { SEED, dbConfig, graphCounts, neo4jArgs, openDriver, runKg, seedGraph, snapshot, testNeo4j } from "./neo4j.fixtures.ts";

let driver: Driver;
beforeAll(async () => {
  driver = openDriver();
  await wipeDatabase(driver, { database: testNeo4j().database });
});
afterAll(async () => {
  await driver.close();
});

describe("kg import --neo4j (seed, real Neo4j)", () => {
  it("should load as many nodes of each label and relationships of each type as the graph built from the same extraction", async () => {
    const run = await runKg(["import", SEED, ...neo4jArgs()]);
    expect(run.stderr).toMatch(/1 document, 9 reports/);
    expect(run.code).toBe(0);
    const { graph } = await seedGraph();
    const expected = graphCounts(graph);
    const actual = await countGraph(driver, { database: testNeo4j().database });
    expect(actual.labels).toEqual(expected.labels);
    expect(actual.types).toEqual(expected.types);
    expect(actual.nodes).toBe(expected.nodes);
    expect(actual.relationships).toBe(expected.relationships);
    expect(expected.labels.Report).toBe(9);
  });

  it("should hold the graph's recurrence counts (themes, mechanisms, organisations, aggregated links)", async () => {
    const { graph } = await seedGraph();
    const expected: Record<string, number> = {};
    graph.forEachNode((key, a) => {
      if (typeof a.reportCount === "number") expected[key] = a.reportCount;
    });
    const { records } = await driver.executeQuery("MATCH (n) WHERE n.reportCount IS NOT NULL RETURN n.key AS key, n.reportCount AS n", {}, dbConfig());
    expect(Object.fromEntries(records.map((r) => [r.get("key"), r.get("n")]))).toEqual(expected);
    const problemCounts = Object.entries(expected).filter(([k]) => k.startsWith("problem:"));
    expect(problemCounts.some(([, n]) => n > 1)).toBe(true);

    const links: Record<string, number> = {};
    graph.forEachEdge((key, a, _s, _t, sa) => {
      if (a.type === "ADDRESSED_BY" && sa.label === "Problem") links[key] = Number(a.reportCount);
    });
    const rel = await driver.executeQuery("MATCH (:Problem)-[r:ADDRESSED_BY]->(:Measure) RETURN r.key AS key, r.reportCount AS n", {}, dbConfig());
    expect(Object.fromEntries(rel.records.map((r) => [r.get("key"), r.get("n")]))).toEqual(links);
  });

  it("should change no count and no property on a second import", async () => {
    const before = await snapshot(driver);
    const run = await runKg(["import", SEED, ...neo4jArgs(), "--batch-size", "37"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/nodes: 0 written, 0 deleted, \d+ unchanged; relationships: 0 written, 0 deleted, \d+ unchanged/);
    expect(await snapshot(driver)).toEqual(before);
  });

  it("should apply the schema: a key constraint per label and a full-text index with the cjk analyzer", async () => {
    const constraints = await driver.executeQuery("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type RETURN labelsOrTypes[0] AS label, properties, type", {}, dbConfig());
    const unique = constraints.records.filter((r) => r.get("type") === "UNIQUENESS" && r.get("properties")[0] === "key").map((r) => r.get("label"));
    expect(unique.sort()).toEqual([...NODE_LABELS, "KgLock"].sort()); // KgLock: the import lock
    const fulltext = await driver.executeQuery("SHOW FULLTEXT INDEXES YIELD name, options WHERE name = 'kg_text' RETURN options", {}, dbConfig());
    expect(fulltext.records[0]?.get("options").indexConfig["fulltext.analyzer"]).toBe("cjk");
  });

  it("should find a statement by a Chinese phrase from its quote through the full-text index", async () => {
    const { graph } = await seedGraph();
    const key = graph.findNode((_k, a) => a.label === "Statement" && typeof a.quote === "string" && /^[\u4e00-\u9fff]{4}/.test(a.quote));
    expect(key).toBeDefined();
    const phrase = String(graph.getNodeAttribute(key as string, "quote")).slice(0, 4);
    const { records } = await driver.executeQuery(
      "CALL db.index.fulltext.queryNodes('kg_text', $q) YIELD node RETURN node.key AS key LIMIT 200",
      { q: `"${phrase}"` },
      dbConfig(),
    );
    expect(records.map((r) => r.get("key"))).toContain(key);
  });
});
