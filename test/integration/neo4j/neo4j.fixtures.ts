/*
 * Helpers for tests against the real Neo4j provided by test/setup/neo4j.ts: a driver, the kg CLI as
 * a child process, the seed's graph, and snapshots of what the database holds.
 * These tests own the database they run against: they wipe it.
 */
import { fileURLToPath } from "node:url";

import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, inject } from "vitest";

import { buildGraph, type KgGraph } from "../../../src/graph/build-graph.ts";
import { runPipeline } from "../../../src/pipeline.ts";
import { createDriver } from "../../../src/store/neo4j/client.ts";
import { wipeDatabase } from "../../../src/store/neo4j/load-graph.ts";
import type { Extraction } from "../../../src/types.ts";
import { type CliRun, spawnKg } from "../../helpers/cli.fixtures.ts";

export type { CliRun };

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const SEED = "seeds/000_d566339e5b9149bf.txt";

/** Connection of the test server. */
export function testNeo4j() {
  return inject("neo4j");
}

/** A driver for the test server (close it in afterAll). */
export function openDriver(): Driver {
  return createDriver(testNeo4j());
}

/**
 * For a suite that needs the database empty and leaves it so: a driver opened and the database wiped before
 * the suite, wiped again and the driver closed after it. Returns the driver's getter.
 */
export function useEmptyDatabase(): () => Driver {
  let driver: Driver | undefined;
  beforeAll(async () => {
    driver = openDriver();
    await wipeDatabase(driver, { database: testNeo4j().database });
  });
  afterAll(async () => {
    if (!driver) return;
    await wipeDatabase(driver, { database: testNeo4j().database });
    await driver.close();
  });
  return () => driver!;
}


/** Run `node bin/kg.js ...args` from the repository root with the test server's credentials. */
export function runKg(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const conn = testNeo4j();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NEO4J_USER: conn.user, NEO4J_PASSWORD: conn.password, ...env };
  delete childEnv.NEO4J_URI;
  return spawnKg(args, childEnv);
}

/** Arguments that point the CLI at the test server. */
export function neo4jArgs(): string[] {
  const conn = testNeo4j();
  return ["--neo4j", conn.uri, ...(conn.database ? ["--database", conn.database] : [])];
}

let seed: Promise<{ extraction: Extraction; graph: KgGraph }> | undefined;
/** The seed's extraction and graph, as the CLI builds them. */
export function seedGraph() {
  seed ??= runPipeline([SEED]).then((extraction) => ({ extraction, graph: buildGraph(extraction) }));
  return seed;
}

/** Nodes per label and relationships per type of a graphology graph. */
export function graphCounts(graph: KgGraph) {
  const labels: Record<string, number> = {};
  const types: Record<string, number> = {};
  graph.forEachNode((_k, a) => (labels[a.label] = (labels[a.label] ?? 0) + 1));
  graph.forEachEdge((_k, a) => (types[a.type] = (types[a.type] ?? 0) + 1));
  return { nodes: graph.order, relationships: graph.size, labels, types };
}

/** Everything a repeated import must not change: counts, recurrence properties, property totals. */
export async function snapshot(driver: Driver) {
  const config = dbConfig();
  const rows = async (query: string) => (await driver.executeQuery(query, {}, config)).records.map((r) => r.toObject());
  return {
    labels: await rows("MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label"),
    types: await rows("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type"),
    recurrence: await rows(
      "MATCH (n) WHERE n.reportCount IS NOT NULL RETURN n.key AS key, n.reportCount AS reports, n.statementCount AS statements, n.mentionCount AS mentions ORDER BY key",
    ),
    addressed: await rows("MATCH (:Problem)-[r:ADDRESSED_BY]->(:Measure) RETURN r.key AS key, r.reportCount AS reports, r.score AS score ORDER BY key"),
    properties: await rows("MATCH (n) RETURN sum(size(keys(n))) AS n UNION ALL MATCH ()-[r]->() RETURN sum(size(keys(r))) AS n"),
  };
}

/** Query config for the test database. */
export function dbConfig(): { database?: string } {
  const db = testNeo4j().database;
  return db ? { database: db } : {};
}
