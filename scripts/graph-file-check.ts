/*
 * The graph file codec on a graph file already written: reads it (CPU-s), writes the same graph with the
 * current writer (CPU-s), reads that back (CPU-s) and checks the graph read back is the graph read first
 * (canonical exports equal). Prints the sizes, plain and gzipped, per input character when the folder of
 * the imported text files is given.
 *
 *   node --import tsx scripts/graph-file-check.ts <graph file> [--out <new file>] [--input <folder of the imported texts>] [--runs N]
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

import type { KgGraph } from "../src/graph/build-graph.ts";
import { serializeGraph } from "../src/sinks/graph-codec.ts";
import { encodePlain } from "../src/sinks/graph-codec-common.ts";
import { readGraphFile } from "../src/sinks/graph-file.ts";

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const file = args[0];
if (!file || file.startsWith("--")) throw new Error("usage: graph-file-check.ts <graph file> [--out <new file>] [--input <folder>] [--runs N]");
const out = opt("--out") ?? `${file}.new.json`;
const input = opt("--input");
const runs = Number(opt("--runs") ?? 1);

/** The export in canonical form (graph-codec-common.ts: nodes and edges by key, properties sorted): two graphs are the same when these are equal. */
const canonical = (graph: KgGraph): string => encodePlain(graph.export());
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const inputChars = (dir: string): number => {
  let n = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const p = join(e.parentPath ?? (e as { path: string }).path, e.name);
    if (e.isFile() && !e.name.startsWith(".")) n += readFileSync(p, "utf8").length;
  }
  return n;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Run `f` `runs` times: its last value and the median CPU seconds of a run. */
async function repeated<T>(f: () => T | Promise<T>): Promise<{ value: T; s: number }> {
  const times: number[] = [];
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const t = cpu();
    value = await f();
    times.push(cpu() - t);
  }
  return { value, s: median(times) };
}

const read = await repeated(() => readGraphFile(file));
const graph = read.value;
const write = await repeated(() => serializeGraph(graph));
const text = write.value;
writeFileSync(out, text);
const reread = await repeated(() => readGraphFile(out));
const back = reread.value;
const same = canonical(back) === canonical(graph);
const oldChars = readFileSync(file, "utf8").length;
const gz = gzipSync(Buffer.from(text)).length;
const chars = input ? inputChars(input) : undefined;
const per = (n: number) => (chars ? ` = ${(n / chars).toFixed(2)}× the input characters` : "");
console.log(`${file}: ${graph.order} nodes, ${graph.size} relationships${chars ? `, input ${(chars / 1e6).toFixed(2)} M characters` : ""}`);
console.log(`  given file  ${(oldChars / 1e6).toFixed(2)} M characters${per(oldChars)}; read ${read.s.toFixed(2)} CPU-s (median of ${runs})`);
console.log(`  written     ${(text.length / 1e6).toFixed(2)} M characters${per(text.length)}, gzip ${(gz / 1e6).toFixed(2)} MB${per(gz)}; write ${write.s.toFixed(2)} CPU-s, read back ${reread.s.toFixed(2)} CPU-s (version ${JSON.parse(text.slice(text.lastIndexOf('"version":') + 10, -2))})`);
console.log(`  read back ${same ? "is" : "is NOT"} the graph read first`);
if (!same) process.exitCode = 1;
