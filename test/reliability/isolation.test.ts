// Issue 10, fault 1: one large report crashed the whole run (RangeError from Math.max(...items) in
// lexicon-matcher.ts) and nothing was written, not even the good files. Now each file is isolated and
// budgeted; the spreads whose argument count grows with the input are gone.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { resolveOverlaps } from "../../src/extract/entities/lexicon-matcher.ts";
import { runPipeline } from "../../src/pipeline.ts";

const GOOD = "test/fixtures/reports/village-single.txt";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "kg-isolation-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("one large report does not stop the run", () => {
  it("should resolve 300,000 overlapping matches without exhausting the call stack", () => {
    const items = Array.from({ length: 300_000 }, (_, i) => ({ start: i * 2, end: i * 2 + 3, priority: 0 }));
    expect(resolveOverlaps(items).length).toBe(150_000);
  });

  it("should read the good file next to the issue's repro (130,000 × '三会一课，' in one report)", { timeout: 120_000 }, async () => {
    const big = join(dir, "m.txt");
    await writeFile(big, `一、存在的问题\n${"三会一课，".repeat(130_000)}`);
    const extraction = await runPipeline([big, GOOD]);
    const good = extraction.documents.find((d) => d.document.source.path === GOOD);
    expect(good?.reports.length).toBe(1);
    expect(good!.reports[0]!.statements.length).toBeGreaterThan(0);
    // The large file is either extracted or skipped with exactly one error diagnostic naming it.
    const read = extraction.documents.some((d) => d.document.source.path === big);
    const errors = extraction.diagnostics.filter((d) => d.path === big && d.severity === "error");
    expect(read ? errors.length === 0 : errors.length === 1).toBe(true);
  });
});

describe("per-file time budget (worker thread)", () => {
  it("should stop a file that overruns its time budget with one diagnostic, and process the next one", { timeout: 180_000 }, async () => {
    const slow = join(dir, "slow.txt");
    // About 15 MB of ordinary report text: far more work than a 2 s budget; the good
    // file comes first so that a loaded machine cannot push it over the budget while a worker starts.
    const item = (i: number) => `${i}、部分党支部“三会一课”制度落实不到位，组织生活会流于形式，党员教育管理不够严格。\n`;
    await writeFile(slow, `一、存在的问题\n${Array.from({ length: 150_000 }, (_, i) => item(i + 1)).join("")}`);
    const started = Date.now();
    const extraction = await runPipeline([GOOD, slow], { budget: { maxBytes: 0, timeLimitMs: 2000, workerMemoryMb: 2048 } });
    expect(Date.now() - started).toBeLessThan(60_000); // the slow file was cut short, not run to its end
    expect(extraction.documents.map((d) => d.document.source.path)).toEqual([GOOD]);
    const errors = extraction.diagnostics.filter((d) => d.path === slow);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/per-file time budget of 2 s/);
  });

  it("should give the same extraction in the worker as in this thread", { timeout: 120_000 }, async () => {
    const paths = ["seeds/", "test/fixtures/unseen/fanwen-three.txt", "test/fixtures/unseen/organ.docx"];
    const here = await runPipeline(paths, { jobs: 1 });
    const worker = await runPipeline(paths, { budget: { maxBytes: 0, timeLimitMs: 120_000, workerMemoryMb: 2048 } });
    expect(JSON.stringify(worker)).toBe(JSON.stringify(here));
  });
});
