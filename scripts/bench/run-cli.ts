/*
 * One run of `kg import <corpus> --out <new file>` as the command runs it (documents in a temporary file, the graph
 * in the compact store, its attributes spilled: sinks/graph-file-spooled.ts), in a fresh process spawned by
 * scripts/bench.ts, which reads the JSON it prints. run-once.ts times the stages of the in-memory path (the one
 * `kg import --dry-run` and `--from-extraction` and the library's buildGraph take); this one times what a user waits for: the command's
 * own program, in this process, so that its CPU time (all threads) and peak RSS are the command's.
 * Phases are told apart by the lines the command writes as each begins ("themes, links and the graph", "writing").
 * Usage: node --import tsx scripts/bench/run-cli.ts --dir <corpus> [--jobs n] [--root <checkout>] [--compiled]
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

import { dir, jobs, load } from "./run-args.ts";

const { createProgram } = await load("src/cli/program.ts");
const out = mkdtempSync(join(tmpdir(), "kg-bench-cli-"));
const file = join(out, "graph.json");

// Where each phase begins (wall ms, CPU ms of the process), from the command's own lines; the rest of what it
// writes (progress, warnings about the generated reports) is dropped, but for its last lines, shown on failure.
const marks: { phase: string; ms: number; cpuMs: number }[] = [];
const started = performance.now();
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const cpuStarted = cpu();
const mark = (phase: string) => marks.push({ phase, ms: performance.now() - started, cpuMs: cpu() - cpuStarted });
mark("extraction");
const tail: string[] = [];
const write = process.stderr.write.bind(process.stderr);
process.stderr.write = ((chunk: string | Uint8Array) => {
  const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
  for (const line of text.split("\n")) {
    if (/^kg import: themes, links and the graph/.test(line)) mark("themes, links and the graph");
    else if (/^kg import: writing /.test(line)) mark("graph file");
    if (line.trim()) tail.push(line);
  }
  tail.splice(0, Math.max(0, tail.length - 5));
  return true;
}) as typeof process.stderr.write;
const stdoutWrite = process.stdout.write.bind(process.stdout);
process.stdout.write = (() => true) as typeof process.stdout.write;

let failed: unknown;
try {
  await createProgram().parseAsync(["node", "kg", "import", dir, "--out", file, "--jobs", String(jobs)]);
} catch (error) {
  failed = error;
}
const ms = performance.now() - started;
const cpuMs = cpu() - cpuStarted;
const peakRssMB = process.resourceUsage().maxRSS / 1024;
process.stderr.write = write;
process.stdout.write = stdoutWrite;
if (failed !== undefined || (typeof process.exitCode === "number" && process.exitCode !== 0)) {
  process.stderr.write(`${tail.join("\n")}\n${failed instanceof Error ? failed.message : ""}\n`);
  process.exit(1);
}
const graphFileBytes = statSync(file).size;
rmSync(out, { recursive: true, force: true });

// Each phase's wall and CPU time: from its mark to the next one's (the last to the end).
const phases: Record<string, { ms: number; cpuMs: number }> = {};
marks.forEach((m, i) => {
  const next = marks[i + 1] ?? { ms, cpuMs };
  phases[m.phase] = { ms: next.ms - m.ms, cpuMs: next.cpuMs - m.cpuMs };
});
process.stdout.write(`${JSON.stringify({ jobs, ms, cpuMs, phases, peakRssMB, graphFileBytes })}\n`);
process.exit(0);
