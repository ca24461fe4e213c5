/*
 * One benchmark run in a fresh process (spawned by scripts/bench.ts, which reads the JSON it prints):
 * `kg import`'s work on a corpus folder — the pipeline (per stage), the graph, the graph file — and
 * `kg extract --json`'s serialisation (the graph file as `kg import` writes it: Document nodes with their records), then the anchors on the same input in the same process:
 * an OpenCC-only pass, a bare regex scan, a plain JSON.stringify of the graph. Peak RSS is the
 * process's (worker threads included), taken before the anchors.
 * Usage: node --import tsx scripts/bench/run-once.ts --dir <corpus> [--jobs n] [--root <checkout>] [--compiled]
 * --root runs another checkout's src/ (e.g. the code before a change); stages it does not time are left out.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";

import * as OpenCC from "opencc-js";

import { dir, jobs, load } from "./run-args.ts";

const { runPipeline } = await load("src/pipeline.ts");
const { toExtractionJson, extractionJsonChunks } = await load("src/sinks/extraction-json.ts");
const { buildGraph } = await load("src/graph/build-graph.ts");
const { writeGraphFile } = await load("src/sinks/graph-file.ts");
const { documentRecord } = await load("src/graph/records.ts");
const { nodeKey } = await load("src/graph/keys.ts");

const ms: Record<string, number> = {};
/** CPU time of the whole process (all threads), user + system: steadier than wall time on a shared machine. */
const cpuMs: Record<string, number> = {};
const timed = async <T>(name: string, f: () => T | Promise<T>): Promise<T> => {
  // Where a run that fails (out of memory) got to: bench.ts shows the last lines of stderr.
  process.stderr.write(`run-once: ${name} (RSS ${(process.memoryUsage.rss() / 2 ** 20).toFixed(0)} MB)\n`);
  const t = performance.now();
  const c = process.cpuUsage();
  const out = await f();
  ms[name] = performance.now() - t;
  const d = process.cpuUsage(c);
  cpuMs[name] = (d.user + d.system) / 1000;
  return out;
};

const stages: Record<string, number> = {};
// lean: as kg import and kg extract run it (older code ignores the option).
let extraction = await timed("pipeline", () => runPipeline([dir], { jobs, timings: stages, lean: true }));
// As kg extract --json writes it: document by document when the code has extractionJsonChunks, else in one piece.
await timed("extraction JSON", () => {
  if (!extractionJsonChunks) return JSON.stringify(toExtractionJson(extraction), null, 2).length;
  let n = 0;
  for (const piece of extractionJsonChunks(extraction)) n += (piece as string).length;
  return n;
});
const documentCount = extraction.documents.length;
const reportCount = extraction.documents.reduce((n: number, d: { reports: unknown[] }) => n + d.reports.length, 0);
const graph = await timed("graph", () => buildGraph(extraction));
const out = mkdtempSync(join(tmpdir(), "kg-bench-out-"));
const graphFile = join(out, "graph.json");
// As `kg import` writes it (graph/records.ts buildStoreGraph): each Document node with its extraction record.
await timed("graph file", async () => {
  for (const doc of extraction.documents as { document: { source: { sha256: string } } }[]) {
    const key = nodeKey("Document", doc.document.source.sha256.slice(0, 16));
    if (graph.hasNode(key)) graph.mergeNodeAttributes(key, { record: documentRecord(doc) });
  }
  // As kg import: the documents are let go (and collected) before the file is written, and collected
  // again once the writer has counted its strings (older code: no src/util/gc.ts, the option is ignored).
  extraction = null;
  await load("src/util/gc.ts").then((m: { collectGarbage: () => void }) => m.collectGarbage(), () => undefined);
  await writeGraphFile(graph, graphFile, { collect: true });
});
const peakRssMB = process.resourceUsage().maxRSS / 1024;
const graphFileText = readFileSync(graphFile, "utf8");
const graphFileBytes = statSync(graphFile).size;
const graphFileChars = graphFileText.length;
const graphFileGzipBytes = gzipSync(graphFileText).length;
rmSync(out, { recursive: true, force: true });

// Anchors: the same input, read again as plain text.
const texts: string[] = [];
const walk = (d: string) => {
  for (const name of readdirSync(d).sort()) {
    if (name.startsWith(".")) continue;
    const p = join(d, name);
    if (statSync(p).isDirectory()) walk(p);
    else texts.push(readFileSync(p, "utf8"));
  }
};
walk(dir);
const chars = texts.reduce((n, t) => n + t.length, 0);
const anchors: Record<string, number> = {};
const anchor = (name: string, f: () => unknown) => {
  const t = performance.now();
  f();
  anchors[name] = performance.now() - t;
};
const convert = OpenCC.Converter({ from: "tw", to: "cn" });
anchor("OpenCC pass", () => texts.reduce((n, t) => n + convert(t).length, 0));
anchor("regex scan", () => texts.reduce((n, t) => n + (t.match(/[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[、.．]|问题|建议|党支部/g)?.length ?? 0), 0));
anchor("JSON.stringify", () => JSON.stringify(graph.export()).length);

const stageMs = Object.keys(stages).length ? stages : undefined;
process.stdout.write(
  `${JSON.stringify({
    jobs,
    chars,
    documents: documentCount,
    reports: reportCount,
    nodes: graph.order,
    relationships: graph.size,
    graphFileChars,
    graphFileBytes,
    graphFileGzipBytes,
    ms,
    cpuMs,
    stageMs,
    anchors,
    peakRssMB,
  })}\n`,
);
process.exit(0);
