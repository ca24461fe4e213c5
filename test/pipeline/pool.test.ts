/*
 * The worker pool (src/pipeline/pool.ts): the per-document stages on several threads give exactly
 * the extraction of one thread — documents, reports, diagnostics and their order, themes, links.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { collectFiles } from "../../src/ingest/index.ts";
import { runPipeline } from "../../src/pipeline.ts";
import { processFiles } from "../../src/pipeline/pool.ts";
import { toExtractionJson } from "../../src/sinks/extraction-json.ts";

const FOLDERS = ["test/fixtures/reports", "test/fixtures/unseen", "test/fixtures/heldout"];

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
  it("uses the threads it is given and delivers every file, in input order", async () => {
    const { files } = await collectFiles(FOLDERS);
    const seen: string[] = [];
    const { workers } = await processFiles(files, { jobs: 2, onFile: (i, r) => seen.push(`${i}:${r.document?.source.path ?? "-"}`) });
    expect(workers).toBe(2);
    expect(seen).toEqual(files.map((f, i) => `${i}:${f.path}`));
  });

  it("gives the same extraction with 2 and 3 jobs as with 1", async () => {
    const paths = [...FOLDERS, dir, join(dir, "missing.txt")];
    const one = JSON.stringify(await runPipeline(paths, { jobs: 1 }));
    expect(JSON.stringify(await runPipeline(paths, { jobs: 2 }))).toBe(one);
    expect(JSON.stringify(await runPipeline(paths, { jobs: 3 }))).toBe(one);
  });

  it("keeps the first of repeated reports and says so, as one thread does", async () => {
    const extraction = await runPipeline([dir], { jobs: 2 });
    const json = toExtractionJson(extraction);
    const repeated = extraction.diagnostics.filter((d) => d.origin === "pipeline:duplicate-report");
    expect(repeated.map((d) => d.path)).toEqual([join(dir, "copy-3.txt"), join(dir, "copy-6.txt")]);
    expect(json.documents.find((d) => d.path.endsWith("copy-0.txt"))!.reports).toHaveLength(1);
    expect(json.documents.find((d) => d.path.endsWith("copy-3.txt"))!.reports).toHaveLength(0);
    expect(extraction.diagnostics.some((d) => d.origin === "ingest:empty")).toBe(true);
  });
});
