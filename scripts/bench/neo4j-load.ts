/*
 * Neo4j part of `npm run bench`: loads the graph of a corpus three ways into an emptied database and
 * prints rows (nodes + relationships) per second:
 *   kg           — loadGraph as `kg import --neo4j` runs it (default batch size, schema and recurrence counts included);
 *   best practice — the same parameterised UNWIND … MERGE per label and type in batches of 10,000,
 *                   one managed transaction each, constraints in place (schema time not counted);
 *   naive        — one auto-commit MERGE per row, on a sample of rows (the rate is extrapolated).
 * Connects through NEO4J_URI / .env, else bolt://127.0.0.1:$NEO4J_BOLT_PORT; exits 1 (the bench
 * says "skipped") when no server answers. **It wipes that database.**
 * Usage: node --import tsx scripts/bench/neo4j-load.ts --dir <corpus> [--neo4j uri] [--sample 1000]
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

import { parse } from "dotenv";

import { resolveConfig } from "../../src/config.ts";
import { buildGraph } from "../../src/graph/build-graph.ts";
import { runPipeline } from "../../src/pipeline.ts";
import { connectNeo4j } from "../../src/store/neo4j/client.ts";
import { fillTemplate, readCypher } from "../../src/store/neo4j/cypher.ts";
import { applySchema, chunk, loadGraph, planNodeRows, planRelRows } from "../../src/store/neo4j/load-graph.ts";
import { wipeDatabase } from "../../src/store/neo4j/wipe.ts";

const arg = (name: string) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : undefined);
const dotenv = (() => {
  try {
    return parse(readFileSync(".env", "utf8"));
  } catch {
    return {} as Record<string, string>;
  }
})();
const port = process.env.NEO4J_BOLT_PORT ?? dotenv.NEO4J_BOLT_PORT ?? "7687";
const config = resolveConfig({ neo4j: arg("neo4j") });
const uri = config.uri ?? `bolt://127.0.0.1:${port}`;
const sample = Number(arg("sample") ?? 1000);

let neo;
try {
  neo = await connectNeo4j({ ...config, uri });
} catch (err) {
  process.stderr.write(`no Neo4j at ${uri} (${err instanceof Error ? err.message : String(err)})\n`);
  process.exit(1);
}
const { driver } = neo;
const database = config.database;
const graph = buildGraph(await runPipeline([arg("dir")!]));
const rows = graph.order + graph.size;
console.log(`  ${uri}: ${graph.order} nodes + ${graph.size} relationships = ${rows} rows`);
const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString("en")} rows/s`;

const t = async (f: () => Promise<unknown>) => {
  const start = performance.now();
  await f();
  return performance.now() - start;
};

const wipeMs = await t(() => wipeDatabase(driver, { database, uri }));
console.log(`  wipe of what was there: ${(wipeMs / 1000).toFixed(1)} s`);
const kgMs = await t(() => loadGraph(driver, graph, { database, uri: uri }));
console.log(`  kg (loadGraph, default batch, schema + recurrence included): ${(kgMs / 1000).toFixed(1)} s, ${rate(rows, kgMs)}`);
const rewipeMs = await t(() => wipeDatabase(driver, { database, uri }));
console.log(`  wipe of the loaded graph: ${(rewipeMs / 1000).toFixed(1)} s, ${rate(rows, rewipeMs)}`);

await applySchema(driver, { database });
const session = () => driver.session(database ? { database } : {});
const bestMs = await t(async () => {
  const s = session();
  try {
    for (const [label, group] of planNodeRows(graph)) {
      const q = fillTemplate(readCypher("load/merge-nodes"), { label });
      for (const batch of chunk(group, 10_000)) await s.executeWrite((tx) => tx.run(q, { rows: batch }));
    }
    for (const g of planRelRows(graph)) {
      const q = fillTemplate(readCypher("load/merge-relationships"), { type: g.type, sourceLabel: g.sourceLabel, targetLabel: g.targetLabel });
      for (const batch of chunk(g.rows, 10_000)) await s.executeWrite((tx) => tx.run(q, { rows: batch }));
    }
  } finally {
    await s.close();
  }
});
console.log(`  best practice (UNWIND … MERGE, 10,000 per transaction): ${(bestMs / 1000).toFixed(1)} s, ${rate(rows, bestMs)}`);

await wipeDatabase(driver, { database, uri });
let naiveRows = 0;
const naiveMs = await t(async () => {
  const s = session();
  try {
    const nodeGroups = [...planNodeRows(graph)];
    const take = Math.ceil(sample / nodeGroups.length);
    for (const [label, group] of nodeGroups) {
      const q = fillTemplate(readCypher("load/merge-nodes"), { label });
      for (const row of group.slice(0, take)) (await s.run(q, { rows: [row] }), naiveRows++);
    }
  } finally {
    await s.close();
  }
});
console.log(`  naive (one auto-commit MERGE per row, ${naiveRows} node rows): ${rate(naiveRows, naiveMs)}`);
console.log(`  kg / best practice: ${(bestMs / kgMs).toFixed(2)}×; kg / naive: ${(naiveMs / naiveRows / (kgMs / rows)).toFixed(0)}×`);
await wipeDatabase(driver, { database, uri });
await driver.close();
