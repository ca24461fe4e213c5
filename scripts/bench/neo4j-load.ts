/*
 * Neo4j part of `npm run bench`: loads the graph of a corpus into an emptied database and prints rows
 * (nodes + relationships) per second:
 *   kg            — the Neo4j work of `kg import --neo4j` (importDocumentsIntoNeo4j without the
 *                   recomputation in JavaScript): schema check, import lock, reading what is stored,
 *                   comparing, writing (default batch size), the Document records included;
 *   best practice — the same rows as parameterised UNWIND … MERGE per label and type in batches of
 *                   10,000, one managed transaction each, constraints in place (schema time not counted);
 *   naive         — one auto-commit MERGE per row, on a sample of rows (the rate is extrapolated).
 * The server is warmed up first by a load of the same graph; best practice and kg then run
 * alternately on the same warm server, each into an emptied database, `--repeat` times (median). Also prints where kg's time goes, the time
 * of a re-import that changes nothing, and of the wipe.
 * Connects through NEO4J_URI / .env, else bolt://127.0.0.1:$NEO4J_BOLT_PORT; exits 1 (the bench
 * says "skipped") when no server answers. **It wipes that database.**
 * Usage: node --import tsx scripts/bench/neo4j-load.ts --dir <corpus> [--neo4j uri] [--sample 1000] [--batch-size n] [--parallel n] [--repeat 3]
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

import { parse } from "dotenv";

import { resolveConfig } from "../../src/config.ts";
import { buildStoreGraph } from "../../src/graph/records.ts";
import { extractDocuments } from "../../src/pipeline.ts";
import { connectNeo4j } from "../../src/store/neo4j/client.ts";
import { fillTemplate, readCypher } from "../../src/store/neo4j/cypher.ts";
import { applySchema, chunk, planNodeRows, planRelRows } from "../../src/store/neo4j/load-graph.ts";
import { DEFAULT_PARALLEL, readStoredDocuments, type SyncSummary, syncGraph, withImportLock } from "../../src/store/neo4j/sync-graph.ts";
import { wipeDatabase } from "../../src/store/neo4j/wipe.ts";
import { loadCodebook } from "../../src/themes/codebook.ts";

const arg = (name: string) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : undefined);
const dotenv = (() => {
  try {
    return parse(readFileSync(".env", "utf8"));
  } catch {
    return {} as Record<string, string>;
  }
})();
const port = process.env.NEO4J_BOLT_PORT ?? dotenv.NEO4J_BOLT_PORT ?? "7687";
const config = resolveConfig({ neo4j: arg("neo4j"), batchSize: arg("batch-size") });
const uri = config.uri ?? `bolt://127.0.0.1:${port}`;
const sample = Number(arg("sample") ?? 1000);
const repeat = Math.max(1, Number(arg("repeat") ?? 3));
const parallel = arg("parallel") ? Number(arg("parallel")) : undefined;

let neo;
try {
  neo = await connectNeo4j({ ...config, uri });
} catch (err) {
  process.stderr.write(`no Neo4j at ${uri} (${err instanceof Error ? err.message : String(err)})\n`);
  process.exit(1);
}
const { driver } = neo;
const database = config.database;
const { documents } = await extractDocuments([arg("dir")!]);
const graph = buildStoreGraph(documents, loadCodebook(), undefined, []).graph;
const rows = graph.order + graph.size;
console.log(`  ${neo.uri}: ${graph.order} nodes + ${graph.size} relationships = ${rows} rows (Document records included)`);
const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString("en")} rows/s`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const t = async (f: () => Promise<unknown>) => {
  const start = performance.now();
  await f();
  return performance.now() - start;
};

/** What `kg import --neo4j` does against the server, given the recomputed graph. */
const kgImport = async (): Promise<SyncSummary> => {
  const opts = { database, uri, batchSize: config.batchSize, parallel };
  await applySchema(driver, { database });
  return withImportLock(driver, opts, async () => {
    const stored = await readStoredDocuments(driver, database);
    return syncGraph(driver, graph, { ...opts, storedDigests: stored.digests });
  });
};
const phases = (s: SyncSummary) =>
  Object.entries(s.phases ?? {})
    .map(([k, ms]) => `${k} ${secs(ms)}`)
    .join(", ");

const wipeMs = await t(() => wipeDatabase(driver, { database, uri }));
console.log(`  wipe of what was there: ${secs(wipeMs)}`);
let summary: SyncSummary | undefined;
const coldMs = await t(async () => (summary = await kgImport()));
console.log(`  warm-up (kg, first load on a cold server): ${secs(coldMs)}, ${rate(rows, coldMs)}`);
const rewipeMs = await t(() => wipeDatabase(driver, { database, uri }));
console.log(`  wipe of the loaded graph: ${secs(rewipeMs)}, ${rate(rows, rewipeMs)}`);

await applySchema(driver, { database });
const session = () => driver.session(database ? { database } : {});
const bestPractice = async () => {
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
};
// Alternate the two loads, each into an emptied database, and compare medians: on a shared machine
// single runs vary two- to threefold.
const bestRuns: number[] = [];
const kgRuns: number[] = [];
for (let i = 0; i < repeat; i++) {
  await wipeDatabase(driver, { database, uri });
  bestRuns.push(await t(bestPractice));
  await wipeDatabase(driver, { database, uri });
  kgRuns.push(await t(async () => (summary = await kgImport())));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const runs = (xs: number[]) => (xs.length > 1 ? ` (runs: ${xs.map((x) => (x / 1000).toFixed(1)).join(", ")} s)` : "");
const bestMs = median(bestRuns);
const kgMs = median(kgRuns);
console.log(`  best practice (UNWIND … MERGE, 10,000 per transaction), median of ${repeat}: ${secs(bestMs)}, ${rate(rows, bestMs)}${runs(bestRuns)}`);
console.log(
  `  kg (first import into an empty database, batch ${config.batchSize}, ${parallel ?? DEFAULT_PARALLEL} transactions at once), median of ${repeat}: ${secs(kgMs)}, ${rate(rows, kgMs)}${runs(kgRuns)}`,
);
if (summary) console.log(`    where kg's time goes (last run): ${phases(summary)}`);
const againMs = await t(async () => (summary = await kgImport()));
console.log(`  kg re-import of the same graph (nothing to write): ${secs(againMs)}, ${rate(rows, againMs)}; ${summary?.nodesWritten ?? "?"} nodes and ${summary?.relationshipsWritten ?? "?"} relationships written`);
if (summary) console.log(`    where the re-import's time goes: ${phases(summary)}`);

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
