/*
 * The analyst's decisions end to end on real Neo4j, through the CLI: import → kg themes merge/rename
 * → re-import → Neo4j (and the graph file written beside it) show the merged theme with the right
 * recurrence, nothing duplicated, no stale Problem/Measure nodes.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { ThemeListing } from "../../../src/cli/commands/themes.ts";
import { readGraphFile } from "../../../src/sinks/graph-file.ts";
import { wipeDatabase } from "../../../src/store/neo4j/load-graph.ts";
import { readGraph } from "../../../src/store/neo4j/read-graph.ts";
import { graphDiff } from "../../graph/order.fixtures.ts";
import { dbConfig, neo4jArgs, openDriver, runKg, testNeo4j } from "./neo4j.fixtures.ts";

const CORPUS = ["seeds/", "test/fixtures/reports/"];
let driver: Driver;
let dir: string;

beforeAll(async () => {
  driver = openDriver();
  dir = await mkdtemp(join(tmpdir(), "kg-neo4j-themes-"));
});
afterAll(async () => {
  // Other suites share the server and expect only what they import: leave it empty.
  await wipeDatabase(driver, { database: testNeo4j().database });
  await driver.close();
  await rm(dir, { recursive: true, force: true });
});

async function rows(query: string, params: Record<string, unknown> = {}) {
  return (await driver.executeQuery(query, params, dbConfig())).records.map((r) => r.toObject());
}

async function kg(args: string[]) {
  const run = await runKg(args);
  if (run.code !== 0) throw new Error(`kg ${args.join(" ")} exited ${run.code}: ${run.stderr}`);
  return run;
}

/** What an analyst checks: no statement in two themes, no theme without statements, counts as the edges say. */
async function expectConsistent() {
  expect(await rows("MATCH (s:Statement)-[:INSTANCE_OF]->(t) WITH s, count(t) AS n WHERE n > 1 RETURN s.key AS key")).toEqual([]);
  expect(await rows("MATCH (t) WHERE (t:Problem OR t:Measure) AND NOT (t)<-[:INSTANCE_OF]-() RETURN t.key AS key")).toEqual([]);
  expect(
    await rows(
      "MATCH (t) WHERE t:Problem OR t:Measure OPTIONAL MATCH (r:Report)-[:CONTAINS]->(:Statement)-[:INSTANCE_OF]->(t) WITH t, count(DISTINCT r) AS reports WHERE reports <> t.reportCount RETURN t.key AS key",
    ),
  ).toEqual([]);
}

describe("kg themes and decisions on real Neo4j", () => {
  it("should show a merged and renamed theme with the right recurrence after a re-import, nothing duplicated", async () => {
    await wipeDatabase(driver, { database: testNeo4j().database });
    const out = join(dir, "graph.json");
    const decisions = join(dir, "decisions.json");
    await kg(["import", ...CORPUS, ...neo4jArgs(), "--out", out]);
    const listed = JSON.parse((await kg(["themes", "--json", ...neo4jArgs()])).stdout) as ThemeListing[];
    const [into, from] = listed.filter((t) => t.kind === "problem" && t.reportCount >= 2);
    const reportsBefore = await rows(
      "MATCH (r:Report)-[:CONTAINS]->(:Statement)-[:INSTANCE_OF]->(t:Problem) WHERE t.themeId IN $ids RETURN count(DISTINCT r) AS n",
      { ids: [from!.id, into!.id] },
    );

    const merged = await kg(["themes", "merge", from!.id, into!.id, ...neo4jArgs(), "--decisions", decisions]);
    expect(merged.stderr).toContain(`decision 1 in ${decisions}`);
    await kg(["themes", "rename", into!.id, "分析员合并的主题", ...neo4jArgs(), "--decisions", decisions]);
    const check = async () => {
      expect(await rows("MATCH (t:Problem { themeId: $id }) RETURN t.key AS key", { id: from!.id })).toEqual([]);
      const [theme] = await rows("MATCH (t:Problem { themeId: $id }) RETURN t.name AS name, t.reportCount AS reports, t.statementCount AS statements", { id: into!.id });
      expect(theme).toEqual({ name: "分析员合并的主题", reports: reportsBefore[0]!.n, statements: from!.statementCount + into!.statementCount });
      expect(await rows("MATCH (t:Problem { name: '分析员合并的主题' }) RETURN t.key AS key")).toHaveLength(1);
      await expectConsistent();
    };
    await check();

    // Re-import: the decisions file applies again, Neo4j changes nothing, the graph file beside it agrees.
    const again = await kg(["import", ...CORPUS, ...neo4jArgs(), "--out", out, "--decisions", decisions]);
    expect(again.stderr).toMatch(/nodes: 0 written, 0 deleted/);
    await check();
    expect(graphDiff((await readGraphFile(out)).export(), await readGraph(driver, { database: testNeo4j().database, records: true }))).toEqual([]);
  });

  it("should apply a decision at the next import, changing only what it must and leaving no stale theme", async () => {
    await wipeDatabase(driver, { database: testNeo4j().database });
    const decisions = join(dir, "later.json");
    await kg(["import", ...CORPUS, ...neo4jArgs(), "--decisions", decisions]);
    const listed = JSON.parse((await kg(["themes", "--json", ...neo4jArgs()])).stdout) as ThemeListing[];
    const [a, b] = listed.filter((t) => t.kind === "measure");
    const nodesBefore = (await rows("MATCH (n) RETURN count(n) AS n"))[0]!.n as number;
    await writeFile(decisions, JSON.stringify({ version: 1, decisions: [{ op: "merge", from: a!.id, into: b!.id }] }));
    const run = await kg(["import", ...CORPUS, ...neo4jArgs(), "--decisions", decisions]);
    // One theme node deleted; the rest written are the target theme, its statements and their edges.
    expect(run.stderr).toMatch(/nodes: \d+ written, 1 deleted/);
    const written = Number(/nodes: (\d+) written/.exec(run.stderr)![1]);
    expect(written).toBeLessThanOrEqual(1 + a!.statementCount + 1);
    expect((await rows("MATCH (n) RETURN count(n) AS n"))[0]!.n).toBe(nodesBefore - 1);
    expect(await rows("MATCH (t:Measure { themeId: $id }) RETURN t.key AS key", { id: a!.id })).toEqual([]);
    await expectConsistent();
  });
});
