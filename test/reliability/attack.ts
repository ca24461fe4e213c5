/*
 * The attack suite of issue 10 (`npm run test:reliability`): kg attacked as a tester would attack it.
 *
 * 1. Bad inputs: every kind in bad-inputs.ts is imported by the real CLI (`kg import <bad> <good>
 *    --out …`) next to a good report, which must still be imported whole (its nodes all in the graph
 *    file). Handled cleanly = exit 0, the good file's nodes present, every stderr line one line without
 *    raw control characters, no "internal error".
 * 2. Fuzz: KG_FUZZ_RUNS (default 2,000) generated inputs through the pipeline and the graph; any
 *    exception is a crash, no progress for 60 s a hang (the fuzzer runs in a child process).
 * 3. Concurrency: several `kg import` processes into one graph file at once; nothing lost or duplicated
 *    against the same imports one after the other.
 * 4. Neo4j killed (-9) mid-load, restarted, the import re-run: equal to a clean import. Needs the local
 *    Neo4j of `npm run neo4j:start` (KG_RELIABILITY_NEO4J=0 skips it; the database is wiped).
 *
 * Prints a summary table and exits 1 on any crash, hang, or lost/duplicated element.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { BAD_INPUTS, type BadInput } from "./bad-inputs.ts";
import { parseGraphFile } from "../../src/sinks/graph-codec.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const GOOD = join(ROOT, "test/fixtures/reports/village-single.txt");
const HANG_MS = Number(process.env.KG_ATTACK_HANG_S ?? 120) * 1000;
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

interface Tally {
  part: string;
  tried: number;
  clean: number;
  crashes: number;
  hangs: number;
  lost: number;
  duplicated: number;
  notes: string[];
}

const tally = (part: string): Tally => ({ part, tried: 0, clean: 0, crashes: 0, hangs: 0, lost: 0, duplicated: 0, notes: [] });

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

/** Run `node bin/kg.js …args`; killed (and marked timed out) after `hangMs`. */
export function runKg(args: string[], options: { env?: NodeJS.ProcessEnv; hangMs?: number; onStderr?: (text: string) => void } = {}): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "bin/kg.js"), ...args], {
      cwd: ROOT,
      env: { ...process.env, NEO4J_URI: "", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.hangMs ?? HANG_MS);
    child.stdout.on("data", (c) => (stdout += String(c)));
    child.stderr.on("data", (c) => {
      stderr += String(c);
      options.onStderr?.(stderr);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut, ms: Date.now() - started });
    });
  });
}

interface GraphJson {
  nodes: { key: string; attributes: Record<string, unknown> }[];
  edges: { key: string; source: string; target: string; attributes: Record<string, unknown> }[];
}

async function readGraphJson(path: string): Promise<GraphJson | null> {
  try {
    return parseGraphFile(await readFile(path)) as unknown as GraphJson;
  } catch {
    return null;
  }
}

/** Node keys whose identity depends only on the report content (not on which reports a run saw together). */
function contentKeys(graph: GraphJson): Set<string> {
  const stable = new Set(["Document", "Report", "Statement", "Organisation", "Mechanism", "Figure"]);
  return new Set(graph.nodes.filter((n) => stable.has(String(n.attributes.label))).map((n) => n.key));
}

function duplicates(graph: GraphJson): number {
  const seen = new Set<string>();
  let dupes = 0;
  for (const key of [...graph.nodes.map((n) => `n:${n.key}`), ...graph.edges.map((e) => `e:${e.key}`)]) {
    if (seen.has(key)) dupes++;
    seen.add(key);
  }
  return dupes;
}

// ------------------------------------------------------------------------------------------------ 1

async function badInputs(work: string): Promise<Tally> {
  const t = tally("bad inputs (each next to a good file)");
  const reference = join(work, "reference.json");
  const ref = await runKg(["import", GOOD, "--out", reference]);
  const goodGraph = await readGraphJson(reference);
  if (ref.code !== 0 || !goodGraph) throw new Error(`attack: the good file alone does not import:\n${ref.stderr}`);
  const goodKeys = [...contentKeys(goodGraph)];
  const only = process.env.KG_ATTACK_ONLY;
  const kinds = BAD_INPUTS.filter((k) => !only || k.name.includes(only));
  const jobs = Math.max(1, Number(process.env.KG_ATTACK_JOBS ?? 2));
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < kinds.length; i = next++) {
      const kind = kinds[i]!;
      t.tried++;
      const dir = await mkdtemp(join(work, "kind-"));
      let verdict: string;
      const started = Date.now();
      try {
        verdict = await attackOnce(kind, dir, goodKeys, t);
      } catch (error) {
        verdict = `harness error: ${(error as Error).message}`;
        t.crashes++;
      }
      const secs = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
      process.stderr.write(`  ${verdict === "clean" ? "ok  " : "FAIL"}  ${secs} s  ${kind.name}${verdict === "clean" ? "" : `: ${verdict}`}\n`);
      if (verdict === "clean") t.clean++;
      else t.notes.push(`${kind.name}: ${verdict}`);
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  return t;
}

async function attackOnce(kind: BadInput, dir: string, goodKeys: string[], t: Tally): Promise<string> {
  const bad = await kind.make(dir);
  const out = join(dir, "out", "graph.json");
  const run = await runKg(["import", ...bad, GOOD, "--out", out, ...(kind.args ?? [])], { hangMs: kind.hangMs ?? HANG_MS });
  if (run.timedOut) {
    t.hangs++;
    return `hang (killed after ${Math.round(run.ms / 1000)} s)`;
  }
  if (/^kg: internal error/m.test(run.stderr) || /\n\s+at /.test(run.stderr) || (run.code !== 0 && run.code !== 1)) {
    t.crashes++;
    return `crash (exit ${run.code}): ${firstLines(run.stderr)}`;
  }
  const graph = await readGraphJson(out);
  const have = graph ? contentKeys(graph) : new Set<string>();
  const missing = goodKeys.filter((k) => !have.has(k)).length;
  if (missing > 0) {
    t.lost += missing;
    return `the good file lost ${missing} node(s) (exit ${run.code}): ${firstLines(run.stderr)}`;
  }
  const dupes = graph ? duplicates(graph) : 0;
  if (dupes > 0) {
    t.duplicated += dupes;
    return `${dupes} duplicated element(s)`;
  }
  if (run.code !== 0) return `exit ${run.code} although the good file was imported: ${firstLines(run.stderr)}`;
  if (RAW_CONTROL.test(run.stderr + run.stdout)) return "raw control characters reached the terminal";
  // A bug met inside one file and isolated to it (one diagnostic, the run went on) is handled, but named.
  const isolated = /internal error in the (\w+) stage \(([^)]*)\)/.exec(run.stderr);
  if (isolated) t.notes.push(`${kind.name}: handled, but the file was skipped by an internal error in the ${isolated[1]} stage (${isolated[2]})`);
  return kind.check ? ((await kind.check(run, graph)) ?? "clean") : "clean";
}

function firstLines(text: string): string {
  return text.trim().split("\n").slice(-3).join(" | ").slice(0, 300);
}

// ------------------------------------------------------------------------------------------------ 2

async function fuzz(): Promise<Tally> {
  const t = tally("fuzzed inputs");
  const runs = Number(process.env.KG_FUZZ_RUNS ?? 2000);
  const seed = Number(process.env.KG_FUZZ_SEED ?? 20261129);
  t.tried = runs;
  const result = await new Promise<{ done: number; failures: string[]; hang: boolean }>((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "test/reliability/fuzz-child.ts"), String(runs), String(seed)], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let done = 0;
    const failures: string[] = [];
    let buffer = "";
    let last = Date.now();
    const watchdog = setInterval(() => {
      if (Date.now() - last > 60_000) {
        clearInterval(watchdog);
        child.kill("SIGKILL");
        resolve({ done, failures, hang: true });
      }
    }, 1000);
    child.stdout.on("data", (chunk) => {
      last = Date.now();
      buffer += String(chunk);
      let nl;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.startsWith("done ")) done = Number(line.slice(5));
        else if (line.startsWith("crash ")) failures.push(line.slice(6));
      }
    });
    child.on("close", (code) => {
      clearInterval(watchdog);
      if (code !== 0 && failures.length === 0) failures.push(`the fuzzer exited with code ${code}`);
      resolve({ done, failures, hang: false });
    });
  });
  t.crashes = result.failures.length;
  t.hangs = result.hang ? 1 : 0;
  t.clean = Math.max(0, result.done - t.crashes);
  t.notes.push(...result.failures.slice(0, 5), ...(result.hang ? [`hang after ${result.done} inputs (seed ${seed})`] : []));
  return t;
}

// ------------------------------------------------------------------------------------------------ 3

const CORPUS = [
  "test/fixtures/unseen/university-college.txt",
  "test/fixtures/unseen/fanwen-three.txt",
  "test/fixtures/unseen/private-enterprise.txt",
  "test/fixtures/unseen/soe-gbk.txt",
  "test/fixtures/reports/village-single.txt",
  "test/fixtures/reports/organ-two-reports.txt",
].map((p) => join(ROOT, p));

async function concurrency(work: string): Promise<Tally> {
  const t = tally("concurrent imports into one graph file");
  const rounds = Number(process.env.KG_CONCURRENCY_ROUNDS ?? 2);
  const sequentialPath = join(work, "sequential.json");
  for (const file of CORPUS) {
    const run = await runKg(["import", file, "--out", sequentialPath]);
    if (run.code !== 0) throw new Error(`attack: sequential import of ${file} failed:\n${run.stderr}`);
  }
  const sequential = (await readGraphJson(sequentialPath))!;
  const expected = contentKeys(sequential);
  for (let round = 0; round < rounds; round++) {
    t.tried++;
    const path = join(work, `concurrent-${round}.json`);
    const runs = await Promise.all(CORPUS.map((file) => runKg(["import", file, "--out", path, "--lock-wait", "300"])));
    const graph = await readGraphJson(path);
    const failed = runs.filter((r) => r.code !== 0 || r.timedOut);
    const have = graph ? contentKeys(graph) : new Set<string>();
    const lost = [...expected].filter((k) => !have.has(k)).length;
    const dupes = graph ? duplicates(graph) : 0;
    t.lost += lost;
    t.duplicated += dupes;
    t.hangs += runs.filter((r) => r.timedOut).length;
    t.crashes += runs.filter((r) => !r.timedOut && r.code !== 0).length;
    const waited = runs.filter((r) => r.stderr.includes("waiting up to")).length;
    if (failed.length === 0 && lost === 0 && dupes === 0) t.clean++;
    else t.notes.push(`round ${round + 1}: ${failed.length} failed run(s), ${lost} lost, ${dupes} duplicated`);
    t.notes.push(`round ${round + 1}: ${CORPUS.length} imports at once, ${waited} waited for the lock, ${have.size}/${expected.size} content nodes`);
  }
  const leftovers = spawnSync("sh", ["-c", `ls ${JSON.stringify(work)} | grep -E '\\.(lock|tmp)$' || true`], { encoding: "utf8" }).stdout.trim();
  if (leftovers) t.notes.push(`left behind: ${leftovers}`);
  return t;
}

// ------------------------------------------------------------------------------------------------ 4

async function neo4jKill(work: string): Promise<Tally | null> {
  if (process.env.KG_RELIABILITY_NEO4J === "0") return null;
  const { killNeo4jMidLoad } = await import("./neo4j-kill.ts");
  const t = tally("Neo4j killed (-9) mid-load, then re-run");
  t.tried = 1;
  const outcome = await killNeo4jMidLoad(work, CORPUS);
  t.notes.push(...outcome.notes);
  t.lost = outcome.lost;
  t.duplicated = outcome.duplicated;
  t.crashes = outcome.crashed ? 1 : 0;
  t.hangs = outcome.hung ? 1 : 0;
  if (outcome.ok) t.clean = 1;
  return t;
}

// ------------------------------------------------------------------------------------------------ main

function table(rows: Tally[]): string {
  const header = ["part", "kinds/inputs tried", "handled cleanly", "crashes", "hangs", "lost", "duplicated"];
  const cells = rows.map((r) => [r.part, r.tried, r.clean, r.crashes, r.hangs, r.lost, r.duplicated].map(String));
  const total = ["total", ...[1, 2, 3, 4, 5, 6].map((i) => String(cells.reduce((s, c) => s + Number(c[i]), 0)))];
  const all = [header, ...cells, total];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line), widths.map((w) => "-".repeat(w)).join("  "), line(total)].join("\n");
}

async function main(): Promise<number> {
  const work = await mkdtemp(join(tmpdir(), "kg-attack-"));
  const parts = (process.env.KG_ATTACK_PARTS ?? "bad,fuzz,concurrency,neo4j").split(",");
  const rows: Tally[] = [];
  try {
    if (parts.includes("bad")) {
      process.stderr.write("attack: bad inputs\n");
      rows.push(await badInputs(work));
    }
    if (parts.includes("fuzz")) {
      process.stderr.write("attack: fuzz\n");
      rows.push(await fuzz());
    }
    if (parts.includes("concurrency")) {
      process.stderr.write("attack: concurrent imports\n");
      rows.push(await concurrency(work));
    }
    if (parts.includes("neo4j")) {
      process.stderr.write("attack: Neo4j killed mid-load\n");
      const row = await neo4jKill(work);
      if (row) rows.push(row);
      else process.stderr.write("  skipped (KG_RELIABILITY_NEO4J=0)\n");
    }
  } finally {
    await rm(work, { recursive: true, force: true }).catch(() => undefined);
  }
  process.stdout.write(`\n${table(rows)}\n`);
  for (const r of rows) for (const n of r.notes) process.stdout.write(`  ${r.part}: ${n}\n`);
  const bad = rows.reduce((s, r) => s + r.crashes + r.hangs + r.lost + r.duplicated, 0);
  const unclean = rows.reduce((s, r) => s + (r.tried - r.clean), 0);
  process.stdout.write(bad === 0 && unclean === 0 ? "\nreliability: PASS\n" : `\nreliability: FAIL (${bad} crash/hang/loss, ${unclean} not handled cleanly)\n`);
  return bad === 0 && unclean === 0 ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`attack: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(2);
    },
  );
}

export { writeFile };
