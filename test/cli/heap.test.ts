/*
 * bin/kg.js gives the commands that hold a corpus a heap sized to the machine (bin/heap.js): Node's own
 * cap (about 4 GB) leaves a 100 MB import at its edge and ends a larger one with "JavaScript heap out of memory".
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { HEAP_SHARE, planHeap } from "../../bin/heap.js";
import { REPO_ROOT, spawnKg } from "../helpers/cli.fixtures.ts";

const GB = 1024 ** 3;
const run = (args: string[], over: Partial<Parameters<typeof planHeap>[0]> = {}) =>
  planHeap({ args, env: {}, execArgv: [], totalMemory: 24 * GB, currentLimit: 4.05 * GB, ...over });

describe("the heap kg gives itself", () => {
  it("sizes import, extract and the other corpus commands to a share of the machine's memory", () => {
    for (const command of ["import", "extract", "themes", "serve", "query", "eval"]) {
      expect(run([command, "reports/"])).toEqual({ respawn: true, megabytes: Math.floor(24 * 1024 * HEAP_SHARE) });
    }
    // A container's limit counts when it is lower than the machine's memory.
    expect(run(["import", "reports/"], { constrainedMemory: 10 * GB })).toEqual({ respawn: true, megabytes: Math.floor(10 * 1024 * HEAP_SHARE) });
  });

  it("leaves help, small machines and the user's own choice alone", () => {
    expect(run(["--help"]).respawn).toBe(false);
    expect(run(["import", "--help"]).respawn).toBe(false);
    expect(run(["--version"]).respawn).toBe(false);
    expect(run(["import", "reports/"], { totalMemory: 8 * GB, currentLimit: 4.05 * GB }).respawn).toBe(false);
    expect(run(["import", "reports/"], { env: { NODE_OPTIONS: "--max-old-space-size=2048" } }).respawn).toBe(false);
    expect(run(["import", "reports/"], { execArgv: ["--max-old-space-size=2048"] }).respawn).toBe(false);
    expect(run(["import", "reports/"], { env: { KG_MAX_HEAP_MB: "0" } }).respawn).toBe(false);
    expect(run(["import", "reports/"], { env: { KG_MAX_HEAP_MB: "9000" } })).toEqual({ respawn: true, megabytes: 9000 });
    expect(() => run(["import", "reports/"], { env: { KG_MAX_HEAP_MB: "lots" } })).toThrow(/KG_MAX_HEAP_MB must be a whole number/);
  });

  it("bounds the heap's growth only when asked (KG_HEAP_GROWING_PERCENT), unless node was given its own bound", () => {
    expect(run(["import", "reports/"])).not.toHaveProperty("growingPercent");
    expect(run(["import", "reports/"], { env: { KG_HEAP_GROWING_PERCENT: "30" } })).toMatchObject({ respawn: true, growingPercent: 30 });
    expect(run(["import", "reports/"], { env: { KG_HEAP_GROWING_PERCENT: "30" }, execArgv: ["--heap-growing-percent=50"] })).not.toHaveProperty("growingPercent");
    expect(() => run(["import", "reports/"], { env: { KG_HEAP_GROWING_PERCENT: "5" } })).toThrow(/KG_HEAP_GROWING_PERCENT must be/);
    expect(() => run(["import", "reports/"], { env: { KG_HEAP_GROWING_PERCENT: "some" } })).toThrow(/KG_HEAP_GROWING_PERCENT must be/);
  });

  it("says so, with what to do, when the heap is too small after all", async () => {
    // 8 MB is too small even for loading kg: the child dies of "heap out of memory" within a second or two.
    const small = await spawnKg(["extract", "--jobs", "1", "seeds/"], { ...process.env, NEO4J_URI: "", KG_MAX_HEAP_MB: "8" });
    expect(small.code).toBe(1);
    expect(small.stderr).toContain("kg: aborted, most likely out of memory with a heap of 8 MB. Give it more with KG_MAX_HEAP_MB=<megabytes>");
    const bad = await spawnKg(["extract", "seeds/"], { ...process.env, NEO4J_URI: "", KG_MAX_HEAP_MB: "lots" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("KG_MAX_HEAP_MB must be a whole number of megabytes");
  });

  it("does not leave the child running when kg itself is killed outright", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kg-heap-orphan-"));
    try {
      const graph = join(dir, "graph.json");
      execFileSync(process.execPath, ["bin/kg.js", "import", "test/fixtures/reports/village-single.txt", "--out", graph], { cwd: REPO_ROOT, env: { ...process.env, NEO4J_URI: "" }, stdio: "ignore" });
      const parent = spawn(process.execPath, ["bin/kg.js", "serve", "--graph", graph, "--port", "0"], { cwd: REPO_ROOT, env: { ...process.env, NEO4J_URI: "" }, stdio: ["ignore", "pipe", "pipe"] });
      await new Promise<void>((resolve, reject) => {
        parent.stdout.on("data", (c) => String(c).includes("viewer at") && resolve());
        parent.on("exit", () => reject(new Error("kg serve ended early")));
      });
      // The child running kg itself (when kg runs from its TypeScript sources, the loader may have children of its own).
      const children = readFileSync(`/proc/${parent.pid}/task/${parent.pid}/children`, "utf8")
        .trim()
        .split(/\s+/)
        .map(Number)
        .filter((pid) => readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("kg.js"));
      expect(children).toHaveLength(1);
      const alive = (pid: number) => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      expect(alive(children[0]!)).toBe(true);
      parent.kill("SIGKILL");
      for (let i = 0; i < 50 && alive(children[0]!); i++) await new Promise((r) => setTimeout(r, 100));
      expect(alive(children[0]!)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
