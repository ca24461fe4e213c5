/*
 * The worker pool (src/isolate/file-runner.ts): the per-document stages on several threads give
 * exactly the extraction of one thread — documents, reports, diagnostics and their order, themes,
 * links — and a file that overruns its time budget in the pool costs that file only.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { IN_THREAD_BUDGET } from "../../src/budget.ts";
import { collectFiles } from "../../src/ingest/index.ts";
import { runFiles } from "../../src/isolate/file-runner.ts";
import { runPipeline } from "../../src/pipeline.ts";
import { toExtractionJson } from "../../src/sinks/extraction-json.ts";

const FOLDERS = ["test/fixtures/reports", "test/fixtures/unseen", "test/fixtures/heldout"];
const TIMED = { maxBytes: 0, timeLimitMs: 120_000, workerMemoryMb: 2048 };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kg-pool-"));
  // The same report in several files (counted once, with a diagnostic), an empty file and a
  // missing path: what depends on the order of documents must come out as in one thread.
  const report = await readFile("test/fixtures/reports/village-single.txt", "utf8");
  for (let i = 0; i < 9; i++) await writeFile(join(dir, `copy-${i}.txt`), i % 3 === 0 ? report : `${report}\n附：第${i}份`);
  await writeFile(join(dir, "empty.txt"), "  \n");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("worker pool", () => {
  it("uses the threads it is given and delivers every file, in input order", { timeout: 120_000 }, async () => {
    const { files } = await collectFiles(FOLDERS);
    const seen: string[] = [];
    const { workers } = await runFiles(files, {
      budget: IN_THREAD_BUDGET,
      jobs: 2,
      onFile: (i, outcome) => seen.push(`${i}:${outcome.extraction?.document.source.path ?? "-"}`),
    });
    expect(workers).toBe(2);
    expect(seen.map((s) => s.split(":")[0])).toEqual(files.map((_, i) => String(i)));
    for (const [i, s] of seen.entries()) if (!s.endsWith(":-")) expect(s).toBe(`${i}:${files[i]!.path}`);
  });

  it("gives the same extraction with 2 and 3 jobs, with and without a time limit, as with 1", { timeout: 240_000 }, async () => {
    const paths = [...FOLDERS, dir, join(dir, "missing.txt")];
    const one = JSON.stringify(await runPipeline(paths, { jobs: 1 }));
    expect(JSON.stringify(await runPipeline(paths, { jobs: 2 }))).toBe(one);
    expect(JSON.stringify(await runPipeline(paths, { jobs: 3 }))).toBe(one);
    expect(JSON.stringify(await runPipeline(paths, { jobs: 2, budget: TIMED }))).toBe(one);
  });

  it("keeps the first of repeated content and says so, as one thread does", { timeout: 120_000 }, async () => {
    const extraction = await runPipeline([dir], { jobs: 2 });
    const json = toExtractionJson(extraction);
    // copy-3 and copy-6 have the bytes of copy-0: counted once, in path order.
    const repeated = extraction.diagnostics.filter((d) => d.origin.startsWith("pipeline:duplicate-"));
    expect(repeated.map((d) => d.path)).toEqual([join(dir, "copy-3.txt"), join(dir, "copy-6.txt")]);
    expect(json.documents.find((d) => d.path.endsWith("copy-0.txt"))!.reports).toHaveLength(1);
    expect(json.documents.find((d) => d.path.endsWith("copy-3.txt"))?.reports ?? []).toHaveLength(0);
    expect(extraction.diagnostics.some((d) => d.origin === "ingest:empty")).toBe(true);
  });

  it("skips a file that overruns its time budget with one diagnostic, replaces its worker, and keeps every other file", { timeout: 240_000 }, async () => {
    const slowDir = await mkdtemp(join(tmpdir(), "kg-pool-slow-"));
    try {
      const item = (i: number) => `${i}、部分党支部“三会一课”制度落实不到位，组织生活会流于形式，党员教育管理不够严格。\n`;
      // Sorted between the copies: the pool holds it while the other worker goes on.
      const slow = join(slowDir, "b-slow.txt");
      // About 15 MB of ordinary report text: 60,000 lines took 4.8 s in one thread, so this is far over
      // a 4 s budget; the small files take well under it (workers build their tables before the first).
      await writeFile(slow, `一、存在的问题\n${Array.from({ length: 150_000 }, (_, i) => item(i + 1)).join("")}`);
      const report = await readFile("test/fixtures/reports/village-single.txt", "utf8");
      for (const name of ["a1", "a2", "a3", "c1", "c2", "c3", "c4", "c5"]) await writeFile(join(slowDir, `${name}.txt`), `${report}\n附：${name}`);
      const budget = { maxBytes: 0, timeLimitMs: 4000, workerMemoryMb: 2048 };
      const extraction = await runPipeline([slowDir], { jobs: 2, budget });
      const paths = extraction.documents.map((d) => d.document.source.path);
      expect(extraction.diagnostics.filter((d) => d.severity === "error" && d.path !== slow)).toEqual([]);
      expect(paths).toHaveLength(8);
      expect(paths).not.toContain(slow);
      const errors = extraction.diagnostics.filter((d) => d.path === slow);
      expect(errors).toHaveLength(1);
      expect(errors[0]!.message).toMatch(/per-file time budget of 4 s/);
    } finally {
      await rm(slowDir, { recursive: true, force: true });
    }
  });
});
