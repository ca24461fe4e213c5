/*
 * `npm run bench`: how fast kg is, in figures (it asserts nothing; speed is never a timed test).
 * Builds its own corpora from the project's fixture reports with names, numbers and wording varied
 * (scripts/bench/corpus.ts), then runs `kg import`'s work on each in fresh processes
 * (scripts/bench/run-once.ts: the stages of the in-memory path, timed one by one) and prints, per size and number of
 * jobs, the first run and the median of the runs: MB/s and characters/s per stage and end to end, peak RSS, the ratio to anchors
 * measured in the same run (an OpenCC-only pass, a bare regex scan, JSON.stringify of the graph),
 * the growth exponent of time with input size, and the size of the graph file `kg import` writes (records
 * included) in characters per input character, plain and gzipped; and the command `kg import` itself as a user runs it
 * (scripts/bench/run-cli.ts: documents in a temporary file, the graph spilled), its wall and CPU time by phase and its
 * peak RSS. Then the growth exponent of clustering on
 * distinct topics (scripts/bench-themes.ts; --no-clustering to skip). When a Neo4j is reachable (NEO4J_URI
 * or .env, --neo4j), kg's load rate is compared with a best-practice UNWIND load and a naive per-row load.
 *
 *   npm run bench                      1 and 10 MB, 3 runs, jobs 1 and the core count, Neo4j if reachable
 *   npm run bench -- --full            also 100 MB
 *   npm run bench -- --sizes 1,5 --runs 1 --jobs 1,2 --root /path/to/older/checkout
 *   npm run bench -- --smoke           1 MB, one run, no Neo4j (what .ci/run runs)
 *   npm run bench -- --compiled        run lib/ (npm run build:cli first), as bin/kg.js does, instead of src/ through tsx
 *   npm run bench -- --no-neo4j | --neo4j bolt://127.0.0.1:7687 [--neo4j-size 1]
 */
import { spawnSync } from "node:child_process";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import { resolve } from "node:path";
import { getHeapStatistics } from "node:v8";

import { planHeap } from "../bin/heap.js";

import { ensureCorpus } from "./bench/corpus.ts";

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
const list = (s: string) => s.split(",").map(Number).filter((n) => n > 0);

const smoke = flag("smoke");
const cores = availableParallelism();
const sizes = option("sizes") ? list(option("sizes")!) : smoke ? [1] : flag("full") ? [1, 10, 100] : [1, 10];
const runs = Number(option("runs") ?? (smoke ? 1 : 3));
const jobsList = option("jobs") ? list(option("jobs")!) : smoke ? [cores] : [...new Set([1, cores])];
const root = option("root");
const compiled = flag("compiled");

interface Run {
  jobs: number;
  chars: number;
  documents: number;
  reports: number;
  nodes: number;
  relationships: number;
  graphFileChars: number;
  graphFileBytes?: number;
  graphFileGzipBytes?: number;
  ms: Record<string, number>;
  cpuMs: Record<string, number>;
  stageMs?: Record<string, number>;
  anchors: Record<string, number>;
  peakRssMB: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const fmt = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : "–");
const pad = (s: string, n: number) => s.padStart(n);

console.log(`kg bench — ${new Date().toISOString()}, ${cpus()[0]?.model ?? "cpu"} × ${cores} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}, Node ${process.version}`);
console.log(`sizes ${sizes.join(", ")} MB; jobs ${jobsList.join(", ")}; ${runs} run(s) each${root ? `; code from ${root}` : ""}${compiled ? "; compiled lib/" : "; src/ through tsx"}`);

/** What scripts/bench/run-cli.ts prints: one `kg import` as the command runs it. */
interface CliRun {
  jobs: number;
  ms: number;
  cpuMs: number;
  /** Wall and CPU time of each phase the command announces (extraction; themes, links and the graph; graph file). */
  phases: Record<string, { ms: number; cpuMs: number }>;
  peakRssMB: number;
  graphFileBytes: number;
}

/** One run of a bench script in a fresh process, with the heap kg import gets from bin/kg.js (bin/heap.js), so that 100 MB runs as it would for a user. */
function spawnRun<T>(script: string, dir: string, jobs: number): T | string {
  const heap = planHeap({ args: ["import"], env: process.env, execArgv: process.execArgv, totalMemory: totalmem(), constrainedMemory: process.constrainedMemory?.(), currentLimit: getHeapStatistics().heap_size_limit });
  const args = [...(heap.respawn ? [`--max-old-space-size=${heap.megabytes}`] : []), "--import", "tsx", script, "--dir", dir, "--jobs", String(jobs)];
  if (root) args.push("--root", resolve(root));
  if (compiled) args.push("--compiled");
  const child = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 26 });
  if (child.status !== 0) return (child.stderr || `exit ${child.status}`).trim().split("\n").slice(-3).join(" | ");
  return JSON.parse(child.stdout.trim().split("\n").pop()!) as T;
}
const runOnce = (dir: string, jobs: number) => spawnRun<Run>("scripts/bench/run-once.ts", dir, jobs);
const runCli = (dir: string, jobs: number) => spawnRun<CliRun>("scripts/bench/run-cli.ts", dir, jobs);

/** Medians of every timing over runs. */
function summarise(rs: Run[]): Run {
  const med = (pick: (r: Run) => Record<string, number> | undefined) => {
    const keys = Object.keys(pick(rs[0]!) ?? {});
    return Object.fromEntries(keys.map((k) => [k, median(rs.map((r) => pick(r)?.[k] ?? NaN))]));
  };
  return { ...rs[0]!, ms: med((r) => r.ms), cpuMs: med((r) => r.cpuMs), stageMs: rs[0]!.stageMs ? med((r) => r.stageMs) : undefined, anchors: med((r) => r.anchors), peakRssMB: median(rs.map((r) => r.peakRssMB)) };
}

const endToEnd = (r: Run) => r.ms.pipeline! + r.ms.graph! + r.ms["graph file"]!;
const results: { size: number; bytes: number; jobs: number; first: Run; median: Run }[] = [];
const cliResults: { size: number; jobs: number; ms: number; cpuMs: number }[] = [];

for (const size of sizes) {
  const corpus = ensureCorpus(size);
  const mb = corpus.bytes / 2 ** 20;
  console.log(`\n== ${size} MB: ${corpus.files} files, ${(corpus.bytes / 1e6).toFixed(1)} M bytes, ${(corpus.chars / 1e6).toFixed(2)} M characters (${corpus.dir})`);
  for (const jobs of jobsList) {
    const rs: Run[] = [];
    for (let i = 0; i < runs; i++) {
      const r = runOnce(corpus.dir, jobs);
      if (typeof r === "string") {
        console.log(`  jobs ${jobs}, run ${i + 1}: FAILED: ${r}`);
        process.exitCode = 1;
        break;
      }
      rs.push(r);
    }
    if (!rs.length) continue;
    const first = rs[0]!;
    const med = summarise(rs);
    results.push({ size, bytes: corpus.bytes, jobs, first, median: med });
    console.log(`  -- jobs ${jobs}: ${first.documents} documents, ${first.reports} reports → ${first.nodes} nodes, ${first.relationships} relationships; graph file ${(first.graphFileChars / 1e6).toFixed(1)} M characters = ${fmt(first.graphFileChars / corpus.chars, 1)}× the input characters (${fmt((first.graphFileBytes ?? first.graphFileChars) / 1e6, 1)} MB; gzip ${first.graphFileGzipBytes ? `${fmt(first.graphFileGzipBytes / 1e6, 1)} MB = ${fmt(first.graphFileGzipBytes / corpus.chars, 1)}× the input characters` : "–"})`);
    console.log(`     ${"stage".padEnd(36)}${pad("first ms", 10)}${pad("median ms", 11)}${pad("MB/s", 8)}${pad("k chars/s", 11)}`);
    const row = (name: string, a: number, b: number) => console.log(`     ${name.padEnd(36)}${pad(fmt(a, 0), 10)}${pad(fmt(b, 0), 11)}${pad(fmt(mb / (b / 1000)), 8)}${pad(fmt(corpus.chars / b, 0), 11)}`);
    const stageNote = (k: string) => (k === "prepare" ? " (workers, wall)" : jobs > 1 && !["themes", "links"].includes(k) ? " (thread time)" : "");
    for (const k of Object.keys(med.stageMs ?? {})) row(`  ${k}${stageNote(k)}`, first.stageMs![k]!, med.stageMs![k]!);
    for (const k of Object.keys(med.ms)) row(k, first.ms[k]!, med.ms[k]!);
    row("END TO END (kg import)", endToEnd(first), endToEnd(med));
    row("  kg extract --json", first.ms.pipeline! + first.ms["extraction JSON"]!, med.ms.pipeline! + med.ms["extraction JSON"]!);
    const cpu = (r: Run) => r.cpuMs.pipeline! + r.cpuMs.graph! + r.cpuMs["graph file"]!;
    console.log(`     CPU time (all threads), end to end: first ${fmt(cpu(first) / 1000, 1)} s, median ${fmt(cpu(med) / 1000, 1)} s = ${fmt(mb / (cpu(med) / 1000))} MB per CPU-second`);
    console.log(`       median CPU s: ${["pipeline", "graph", "graph file"].map((k) => `${k} ${fmt(med.cpuMs[k]! / 1000, 1)}`).join(", ")}`);
    // CPU-s per wall-s: with one job the worker, V8's compiler threads and the main thread already share the cores (README, Speed).
    console.log(`       cores busy during the pipeline (CPU-s per wall-s; low when the machine is loaded): ${fmt(med.cpuMs.pipeline! / med.ms.pipeline!, 2)} of ${cores}`);
    console.log(`     peak RSS: first ${fmt(first.peakRssMB, 0)} MB, median ${fmt(med.peakRssMB, 0)} MB`);
    console.log(
      `     anchors (median ms): ${Object.entries(med.anchors).map(([k, v]) => `${k} ${fmt(v, 0)}`).join(", ")}; end to end is ` +
        `${fmt(endToEnd(med) / med.anchors["OpenCC pass"]!, 1)}× the OpenCC pass, ${fmt(endToEnd(med) / med.anchors["regex scan"]!, 0)}× the regex scan; ` +
        `graph file ${fmt(med.ms["graph file"]! / med.anchors["JSON.stringify"]!, 1)}× JSON.stringify`,
    );
    // The command itself (documents in a temporary file, the compact graph spilled): what a user waits for.
    const cli: CliRun[] = [];
    for (let i = 0; i < runs; i++) {
      const r = runCli(corpus.dir, jobs);
      if (typeof r === "string") {
        console.log(`     kg import (the command), run ${i + 1}: FAILED: ${r}`);
        process.exitCode = 1;
        break;
      }
      cli.push(r);
    }
    if (!cli.length) continue;
    const cliMs = median(cli.map((r) => r.ms));
    const cliCpu = median(cli.map((r) => r.cpuMs));
    cliResults.push({ size, jobs, ms: cliMs, cpuMs: cliCpu });
    const phases = Object.keys(cli[0]!.phases).map((k) => `${k} ${fmt(median(cli.map((r) => r.phases[k]?.ms ?? NaN)) / 1000, 1)} s (${fmt(median(cli.map((r) => r.phases[k]?.cpuMs ?? NaN)) / 1000, 1)} CPU-s)`);
    console.log(`     kg import, the command (documents in a temporary file): first ${fmt(cli[0]!.ms, 0)} ms, median ${fmt(cliMs, 0)} ms = ${fmt(mb / (cliMs / 1000))} MB/s; CPU (all threads) median ${fmt(cliCpu / 1000, 1)} s = ${fmt(mb / (cliCpu / 1000))} MB per CPU-second; peak RSS median ${fmt(median(cli.map((r) => r.peakRssMB)), 0)} MB`);
    console.log(`       phases (median wall, CPU): ${phases.join("; ")}`);
  }
}

// Speed-up of jobs, and growth exponents (slope of log time over log size, medians, per jobs).
if (jobsList.length > 1) {
  console.log("\n== jobs: end-to-end speed-up over jobs 1 (medians)");
  for (const size of sizes) {
    const one = results.find((r) => r.size === size && r.jobs === 1);
    const cliOne = cliResults.find((r) => r.size === size && r.jobs === 1);
    for (const r of results.filter((x) => x.size === size && x.jobs !== 1)) {
      const cli = cliResults.find((c) => c.size === size && c.jobs === r.jobs);
      const command = cli && cliOne ? `; kg import, the command, ${fmt(cliOne.ms / cli.ms)}×` : "";
      if (one) console.log(`  ${size} MB: jobs ${r.jobs} ${fmt(endToEnd(one.median) / endToEnd(r.median))}× (pipeline ${fmt(one.median.ms.pipeline! / r.median.ms.pipeline!)}×)${command}`);
    }
    // The most more jobs can give the pipeline here, if they added no work: the cores over those jobs 1 keeps busy.
    // Only on a machine nearly idle: other people's work stretches the wall time and the figure means nothing.
    const busy = one ? one.median.cpuMs.pipeline! / one.median.ms.pipeline! : 0;
    if (one && loadavg()[0]! < cores) console.log(`  ${size} MB: the pipeline with jobs 1 keeps ${fmt(busy, 2)} of ${cores} cores busy: more jobs can make it at most ${fmt(cores / busy)}× faster`);
    else if (one) console.log(`  ${size} MB: the most more jobs could give is not judged: load average ${loadavg()[0]!.toFixed(1)} on ${cores} cores`);
  }
}
const slope = (pts: [number, number][]) => {
  const xs = pts.map(([x]) => Math.log(x));
  const ys = pts.map(([, y]) => Math.log(y));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const num = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0);
  const den = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  return num / den;
};
if (sizes.length > 1) {
  console.log("\n== growth exponent of time with input size (1.0 = linear), from the medians");
  for (const jobs of jobsList) {
    const rs = results.filter((r) => r.jobs === jobs);
    if (rs.length < 2) continue;
    const parts: string[] = [];
    const keys = [...Object.keys(rs[0]!.median.stageMs ?? {}), ...Object.keys(rs[0]!.median.ms)];
    for (const k of keys) parts.push(`${k} ${fmt(slope(rs.map((r) => [r.bytes, r.median.stageMs?.[k] ?? r.median.ms[k]!])))}`);
    parts.push(`END TO END ${fmt(slope(rs.map((r) => [r.bytes, endToEnd(r.median)])))}`);
    parts.push(`END TO END in CPU time ${fmt(slope(rs.map((r) => [r.bytes, r.median.cpuMs.pipeline! + r.median.cpuMs.graph! + r.median.cpuMs["graph file"]!])))}`);
    parts.push(`peak RSS ${fmt(slope(rs.map((r) => [r.bytes, r.median.peakRssMB])))}`);
    console.log(`  jobs ${jobs}: ${parts.join("; ")}`);
  }
}

// Clustering on distinct topics (every statement uncovered by the codebook): the growth exponent of assignThemes.
if (!flag("no-clustering")) {
  const args = ["--import", "tsx", "scripts/bench-themes.ts", smoke ? "1600" : "6400"];
  console.log("\n== clustering, distinct topics (scripts/bench-themes.ts, CPU time, best of 3 per size)");
  const child = spawnSync(process.execPath, args, { encoding: "utf8", cwd: root ? resolve(root) : undefined });
  process.stdout.write((child.stdout || "").replace(/^/gm, "  "));
  if (child.status !== 0) console.log(`  failed: ${(child.stderr || "").trim().split("\n").pop()}`);
}

// Neo4j: kg's load against the baselines, when a server is reachable.
if (!smoke && !flag("no-neo4j")) {
  const neoSize = Number(option("neo4j-size") ?? 1);
  const args = ["--import", "tsx", "scripts/bench/neo4j-load.ts", "--dir", ensureCorpus(neoSize).dir];
  if (option("neo4j")) args.push("--neo4j", option("neo4j")!);
  console.log(`\n== Neo4j load (${neoSize} MB corpus)`);
  const child = spawnSync(process.execPath, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  process.stdout.write(child.stdout || "");
  if (child.status !== 0) console.log(`  skipped: ${(child.stderr || "").trim().split("\n").pop()}`);
}
