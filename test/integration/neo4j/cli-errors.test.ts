import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { countGraph } from "../../../src/store/neo4j/load-graph.ts";
import { SEED, dbConfig, graphCounts, neo4jArgs, openDriver, runKg, seedGraph, testNeo4j } from "./neo4j.fixtures.ts";

let driver: Driver;
beforeAll(() => {
  driver = openDriver();
});
afterAll(async () => {
  await driver.close();
});

const STALE = "problem:h1-test-stale-marker";

async function hasStale(): Promise<boolean> {
  const { records } = await driver.executeQuery("MATCH (n:Problem {key: $key}) RETURN count(n) AS n", { key: STALE }, dbConfig());
  return Number(records[0]?.get("n")) > 0;
}

describe("kg import against the real Neo4j: wipe, dry run, failures", () => {
  it("should empty the database with --wipe --yes before loading, so only this input remains", async () => {
    await driver.executeQuery("MERGE (n:Problem {key: $key}) SET n.name = 'stale'", { key: STALE }, dbConfig());
    expect(await hasStale()).toBe(true);
    const run = await runKg(["import", SEED, ...neo4jArgs(), "--wipe", "--yes"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/wiped: \d+ nodes? deleted first/);
    expect(await hasStale()).toBe(false);
    const { graph } = await seedGraph();
    const counts = await countGraph(driver, { database: testNeo4j().database });
    expect(counts.labels).toEqual(graphCounts(graph).labels);
  });

  it("should refuse --wipe without --yes when no one can answer (exit 2) and change nothing", async () => {
    await driver.executeQuery("MERGE (n:Problem {key: $key})", { key: STALE }, dbConfig());
    const run = await runKg(["import", SEED, ...neo4jArgs(), "--wipe"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--yes/);
    expect(await hasStale()).toBe(true);
  });

  it("should touch nothing on --dry-run", async () => {
    const before = await countGraph(driver, { database: testNeo4j().database });
    const run = await runKg(["import", SEED, ...neo4jArgs(), "--dry-run", "--wipe"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/dry run: would write/);
    expect(await countGraph(driver, { database: testNeo4j().database })).toEqual(before);
    expect(await hasStale()).toBe(true);
    await driver.executeQuery("MATCH (n:Problem {key: $key}) DETACH DELETE n", { key: STALE }, dbConfig());
  });

  it("should exit 3 with one line and no stack trace when the password is wrong", async () => {
    const run = await runKg(["import", "seeds/", ...neo4jArgs()], { NEO4J_PASSWORD: "wrong" });
    expect(run.code).toBe(3);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^kg: .*refused the credentials.*NEO4J_PASSWORD/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).not.toContain("wrong");
  });

  it("should exit 1 naming the database when --database does not exist", async () => {
    const run = await runKg(["import", "seeds/", "--neo4j", testNeo4j().uri, "--database", "nosuchdb"]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/^kg: Neo4j at .* has no database "nosuchdb"/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("should exit 3 with a hint to start Neo4j when nothing listens", async () => {
    const run = await runKg(["import", "seeds/", "--neo4j", "bolt://127.0.0.1:1"]);
    expect(run.code).toBe(3);
    expect(run.stderr.trim()).toMatch(/^kg: cannot reach Neo4j at bolt:\/\/127\.0\.0\.1:1: start it with `npm run neo4j:start` or `docker compose up -d`\.$/);
  });
});
