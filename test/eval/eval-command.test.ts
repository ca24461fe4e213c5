/*
 * `kg eval` as a user runs it: runEval() in-process for output, and the real binary for exit codes.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { beforeAll, describe, expect, it } from "vitest";

import { runEval } from "../../src/cli/commands/eval.ts";
import { UsageError } from "../../src/errors.ts";
import { SEED_GOLD_PATH, goldToPrediction, readGold } from "./gold-prediction.fixtures.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const MINI_GOLD = join(ROOT, "test/fixtures/eval/mini.gold.json");
const MINI_PRED = join(ROOT, "test/fixtures/eval/mini.pred.json");

function kg(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, "bin/kg.js"), ...args], { cwd: ROOT, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let goldPred = "";
let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "kg-eval-"));
  goldPred = join(dir, "gold-pred.json");
  writeFileSync(goldPred, JSON.stringify(goldToPrediction(readGold())));
});

describe("kg eval (binary)", () => {
  it("should score one run quoting two gold problems as both found by default and as one with --match one-to-one", () => {
    const run = join(dir, "run.pred.json");
    const statements = [{ id: "s1", kind: "problem", text: "党员发展工作进展缓慢，党建活动经费缺乏保障", line: 3 }];
    writeFileSync(run, JSON.stringify({ schemaVersion: 1, documents: [{ path: "mini.txt", reports: [{ id: "r1", startLine: 1, statements, links: [], organisations: [], mechanisms: [], figures: [] }] }], themes: [] }));
    const problems = (out: string) => /^problems\s+(\S+)\s+(\S+)/m.exec(out)?.slice(1, 3);
    const many = kg("eval", "--gold", MINI_GOLD, "--pred", run);
    expect(problems(many.stdout)).toEqual(["1.00", "1.00"]);
    const one = kg("eval", "--gold", MINI_GOLD, "--pred", run, "--match", "one-to-one");
    expect(one.status).toBe(0);
    expect(problems(one.stdout)).toEqual(["1.00", "0.50"]);
    expect(one.stdout).toContain("matched one to one");
    expect(kg("eval", "--gold", MINI_GOLD, "--pred", run, "--match", "some").status).toBe(2);
  });

  it("should exit 2 with a one-line message when --gold is missing", () => {
    const r = kg("eval", "--pred", MINI_PRED);
    expect(r.stderr).toContain("--gold");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("should print 1.00 on every row for the gold-derived prediction and exit 0", () => {
    const r = kg("eval", "--gold", SEED_GOLD_PATH, "--pred", goldPred);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const rows = r.stdout.split("\n").filter((l) => /^[a-z/-]+\s+\d\.\d\d\s/.test(l));
    expect(rows.length).toBeGreaterThanOrEqual(12);
    for (const row of rows) expect(row).toMatch(/^\S+\s+1\.00\s+1\.00\s+1\.00\s/);
    expect(r.stdout).toMatch(/^addressed-by\s+1\.00\s+1\.00\s+1\.00\s+39\s+0\s+0/m);
  });

  it("should exit 1 when a --min threshold is not met", () => {
    const r = kg("eval", "--gold", MINI_GOLD, "--pred", MINI_PRED, "--min", "reports=1", "problems=0.6");
    expect(r.stderr).toMatch(/problems\.f1 = 0\.500 is below --min 0\.6/);
    expect(r.status).toBe(1);
  });
});

describe("runEval", () => {
  it("should report unmet thresholds and pass met ones", async () => {
    // mini: problems precision 1/2, recall 1/2, F1 0.5.
    const out = await runEval({ gold: MINI_GOLD, pred: MINI_PRED, paths: [], min: ["reports=1", "problems=0.6"] });
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toMatch(/^problems\s+0\.50\s+0\.50\s+0\.50\s+1\s+1\s+1/m);
    expect(out.unmet.map((u) => `${u.metric}.${u.field}`)).toEqual(["problems.f1"]);
    expect((await runEval({ gold: MINI_GOLD, pred: MINI_PRED, paths: [], min: ["problems=0.5"] })).exitCode).toBe(0);
  });

  it("should print the result as JSON with --json", async () => {
    const out = await runEval({ gold: MINI_GOLD, pred: MINI_PRED, paths: [], json: true });
    const parsed = JSON.parse(out.stdout) as { metrics: Record<string, { precision: number; recall: number; falsePositives: { text: string }[] }> };
    expect(parsed.metrics.problems).toMatchObject({ precision: 0.5, recall: 0.5 });
    expect(parsed.metrics.problems?.falsePositives.map((f) => f.text)).toEqual(["今天天气很好"]);
  });

  it("should list misses and false positives with --verbose", async () => {
    const out = await runEval({ gold: MINI_GOLD, pred: MINI_PRED, paths: [], verbose: true });
    expect(out.stdout).toMatch(/miss\s+R1:4\s+R1\.P2 党建活动经费缺乏保障/);
    expect(out.stdout).toMatch(/fp\s+R1:5\s+今天天气很好/);
    expect((await runEval({ gold: MINI_GOLD, pred: MINI_PRED, paths: [] })).stdout).not.toMatch(/今天天气很好/);
  });

  it.each([
    ["no --gold", { pred: MINI_PRED, paths: [] }],
    ["neither --pred nor paths", { gold: MINI_GOLD, paths: [] }],
    ["both --pred and paths", { gold: MINI_GOLD, pred: MINI_PRED, paths: ["seeds/"] }],
    ["an unreadable prediction", { gold: MINI_GOLD, pred: "/nonexistent/pred.json", paths: [] }],
    ["a gold file given as prediction", { gold: MINI_GOLD, pred: MINI_GOLD, paths: [] }],
    ["a malformed --min", { gold: MINI_GOLD, pred: MINI_PRED, paths: [], min: ["problems"] }],
  ])("should throw a usage error (exit 2) for %s", async (_what, opts) => {
    await expect(runEval(opts)).rejects.toBeInstanceOf(UsageError);
  });

  it("should throw a usage error for a gold file that is not JSON", async () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{ not json");
    await expect(runEval({ gold: bad, pred: MINI_PRED, paths: [] })).rejects.toThrow(/not valid JSON/);
  });
});
