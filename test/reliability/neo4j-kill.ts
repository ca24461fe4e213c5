/*
 * Part 4 of the attack suite: kill -9 the local Neo4j (scripts/neo4j, the one `npm run neo4j:start`
 * runs for this checkout) in the middle of `kg import --neo4j`, restart it, run the same import again,
 * and compare everything in the database with a clean import of the same input. Wipes the database.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import type { Driver } from "neo4j-driver";

import { resolveConfig } from "../../src/config.ts";
import { createDriver } from "../../src/store/neo4j/client.ts";
import { wipeDatabase } from "../../src/store/neo4j/load-graph.ts";
import { runKg } from "./attack.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface KillOutcome {
  ok: boolean;
  lost: number;
  duplicated: number;
  crashed: boolean;
  hung: boolean;
  notes: string[];
}

function neo4j(command: "start" | "stop"): void {
  const run = spawnSync("bash", [join(ROOT, `scripts/neo4j/${command}.sh`)], { cwd: ROOT, encoding: "utf8", timeout: 300_000 });
  if (run.status !== 0) throw new Error(`neo4j ${command} failed: ${run.stderr.trim().split("\n").slice(-3).join(" | ")}`);
}

function serverPid(): number | null {
  try {
    const pid = Number(readFileSync(join(ROOT, ".neo4j/run/kg-neo4j.pid"), "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Every node (labels, key, properties) and relationship (type, key, ends, properties), sorted: the whole database as text. */
async function snapshot(driver: Driver, database: string | undefined): Promise<{ nodes: string[]; rels: string[] }> {
  const config = database ? { database } : {};
  const nodes = await driver.executeQuery("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props", {}, config);
  const rels = await driver.executeQuery("MATCH (a)-[r]->(b) RETURN type(r) AS type, a.key AS from, b.key AS to, properties(r) AS props", {}, config);
  const text = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v));
  return {
    nodes: nodes.records.map((r) => text({ labels: [...(r.get("labels") as string[])].sort(), props: r.get("props") })).sort(),
    rels: rels.records.map((r) => text({ type: r.get("type"), from: r.get("from"), to: r.get("to"), props: r.get("props") })).sort(),
  };
}

function diff(a: string[], b: string[]): { missing: number; extra: number } {
  const count = (list: string[]) => list.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
  const ca = count(a);
  const cb = count(b);
  let missing = 0;
  let extra = 0;
  for (const [k, n] of ca) missing += Math.max(0, n - (cb.get(k) ?? 0));
  for (const [k, n] of cb) extra += Math.max(0, n - (ca.get(k) ?? 0));
  return { missing, extra };
}

export async function killNeo4jMidLoad(_work: string, corpus: string[]): Promise<KillOutcome> {
  const notes: string[] = [];
  neo4j("start");
  const config = resolveConfig({}, { cwd: ROOT, env: { ...process.env, NEO4J_URI: "" } });
  const port = spawnSync("bash", ["-c", `source scripts/neo4j/env.sh && printf %s "$KG_BOLT_PORT"`], { cwd: ROOT, encoding: "utf8" }).stdout.trim();
  const uri = `bolt://127.0.0.1:${port}`;
  const args = ["import", ...corpus, "--neo4j", uri, "--batch-size", "10"];
  const env = { NEO4J_USER: config.user, NEO4J_PASSWORD: config.password };
  let driver = createDriver({ uri, user: config.user, password: config.password, database: config.database });
  try {
    // 1. The clean import.
    await wipeDatabase(driver, { database: config.database });
    const clean = await runKg(args, { env });
    if (clean.code !== 0) throw new Error(`clean import failed: ${clean.stderr.slice(-500)}`);
    const expected = await snapshot(driver, config.database);
    notes.push(`clean import: ${expected.nodes.length} nodes, ${expected.rels.length} relationships`);

    // 2. Start again from nothing, and kill the server once a quarter of the rows are written (batches of 10).
    await wipeDatabase(driver, { database: config.database });
    await driver.close();
    const pid = serverPid();
    if (!pid) throw new Error("no pid file for the local Neo4j");
    let killed = false;
    const interrupted = await runKg(args, {
      env,
      hangMs: 300_000,
      onStderr: (text) => {
        const m = /loading into Neo4j (\d+)\/(\d+)/.exec(text.split("\n").reverse().find((l) => l.includes("loading into Neo4j")) ?? "");
        // Progress lines come at each quarter: kill once a quarter or more of the rows are written.
        if (!killed && m && Number(m[1]) >= Number(m[2]) / 4) {
          killed = true;
          process.kill(pid, "SIGKILL");
        }
      },
    });
    if (!killed) notes.push("the import finished before the server could be killed (nothing was tested)");
    const said = interrupted.stderr.trim().split("\n").at(-1) ?? "";
    notes.push(`killed mid-load: exit ${interrupted.code}; "${said.slice(0, 200)}"`);
    const crashed = interrupted.stderr.includes("internal error") || (interrupted.code !== 1 && interrupted.code !== 3);
    const saysPartial = /partial/.test(interrupted.stderr) && /again/.test(interrupted.stderr);
    if (!saysPartial) notes.push("the interrupted import did not say that the write was partial");

    // 3. Restart, re-run the same import, compare.
    neo4j("start");
    driver = createDriver({ uri, user: config.user, password: config.password, database: config.database });
    const rerun = await runKg(args, { env });
    if (rerun.code !== 0) throw new Error(`re-run failed: ${rerun.stderr.slice(-500)}`);
    const after = await snapshot(driver, config.database);
    const n = diff(expected.nodes, after.nodes);
    const r = diff(expected.rels, after.rels);
    notes.push(`after re-run: ${after.nodes.length} nodes, ${after.rels.length} relationships; ${n.missing + r.missing} missing, ${n.extra + r.extra} extra or changed vs. the clean import`);
    const lost = n.missing + r.missing;
    const duplicated = n.extra + r.extra;
    return { ok: killed && !crashed && saysPartial && lost === 0 && duplicated === 0, lost, duplicated, crashed, hung: interrupted.timedOut, notes };
  } finally {
    await driver.close().catch(() => undefined);
  }
}
