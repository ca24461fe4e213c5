/*
 * Many extraction workers, one Neo4j: `kg extract --json` shards imported with
 * `kg import --from-extraction`, one after the other in either order, through a `neo4j://` routing
 * URI (the routing driver, as against a cluster or Aura; here the single local server routes to
 * itself), give the database that one import of all the reports gives through bolt://.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { wipeDatabase } from "../../../src/store/neo4j/load-graph.ts";
import { readGraph } from "../../../src/store/neo4j/read-graph.ts";
import { graphDiff } from "../../graph/order.fixtures.ts";
import { extractJsonTo } from "../../helpers/cli.fixtures.ts";
import { openDriver, runKg, testNeo4j } from "./neo4j.fixtures.ts";

const A = ["test/fixtures/reports/community-traditional.txt", "test/fixtures/reports/enterprise-runon.txt"];
const B = ["test/fixtures/reports/mixed-section.txt", "test/fixtures/reports/organ-two-reports.txt", "test/fixtures/reports/village-single.txt"];
const database = testNeo4j().database;
let driver: Driver;
let dir: string;

/** The test server's URI with the neo4j:// (routing) scheme. */
function routingUri(): string {
  const uri = new URL(testNeo4j().uri);
  return `neo4j://${uri.host}`;
}
const target = (uri: string) => ["--neo4j", uri, ...(database ? ["--database", database] : [])];

beforeAll(async () => {
  driver = openDriver();
  dir = await mkdtemp(join(tmpdir(), "kg-shards-neo4j-"));
}, 60_000);
afterAll(async () => {
  await wipeDatabase(driver, { database });
  await driver.close();
  await rm(dir, { recursive: true, force: true });
});

describe("kg import --from-extraction into Neo4j through neo4j://", () => {
  it("should give, shard after shard in either order, the database of one import of all the reports", async () => {
    const [a, b] = await Promise.all([extractJsonTo(A, join(dir, "a.json")), extractJsonTo(B, join(dir, "b.json"))]);
    const whole = await runKg(["import", ...A, ...B, ...target(testNeo4j().uri), "--wipe", "--yes", "--jobs", "1"]);
    expect(whole.code, whole.stderr).toBe(0);
    const expected = await readGraph(driver, { database, records: true });
    expect(expected.nodes.length).toBeGreaterThan(50);

    for (const order of [[b, a], [a, b]]) {
      const first = await runKg(["import", "--from-extraction", order[0]!, ...target(routingUri()), "--wipe", "--yes"]);
      expect(first.code, first.stderr).toBe(0);
      const second = await runKg(["import", "--from-extraction", order[1]!, ...target(routingUri())]);
      expect(second.code, second.stderr).toBe(0);
      expect(second.stderr).toMatch(/from 1 extraction file/);
      expect(graphDiff(expected, await readGraph(driver, { database, records: true }))).toEqual([]);
      // Both shards again, in one import: nothing to write.
      const again = await runKg(["import", "--from-extraction", order[1]!, order[0]!, ...target(routingUri())]);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toMatch(/nodes: 0 written, 0 deleted, \d+ unchanged; relationships: 0 written, 0 deleted/);
    }
  }, 240_000);

  it("should refuse a file that is not an extraction JSON before wiping or writing anything", async () => {
    const before = await readGraph(driver, { database, records: true });
    const bad = join(dir, "report.json");
    await writeFile(bad, JSON.stringify({ title: "党支部工作报告" }));
    const run = await runKg(["import", "--from-extraction", bad, ...target(routingUri()), "--wipe", "--yes"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/report\.json is not the output of `kg extract --json`.*Nothing was imported/);
    expect(graphDiff(before, await readGraph(driver, { database, records: true }))).toEqual([]);
  }, 60_000);
});
