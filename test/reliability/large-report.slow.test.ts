// Issue 10, fault 1, at the size the issue names: a 5 MB single report (one problem section of
// '三会一课，' repeated) next to a good report. Before the fix the run died with RangeError and wrote
// nothing. The 5 MB file must either be extracted or be skipped with one error diagnostic, and the
// good file must be extracted whole. (The timeout only guards against a hang; speed is in `npm run bench`.)
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { runPipeline } from "../../src/pipeline.ts";

const GOOD = "test/fixtures/reports/village-single.txt";
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kg-5mb-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("a 5 MB single report", () => {
  it("should not stop the run, and the good file next to it is extracted", { timeout: 600_000 }, async () => {
    const big = join(dir, "m5.txt");
    await writeFile(big, `一、存在的问题\n${"三会一课，".repeat(340_000)}`);
    const alone = await runPipeline([GOOD]);
    const extraction = await runPipeline([big, GOOD]);
    const good = extraction.documents.find((d) => d.document.source.path === GOOD);
    expect(good?.reports.map((r) => r.statements.map((s) => s.text))).toEqual(alone.documents[0]!.reports.map((r) => r.statements.map((s) => s.text)));
    const read = extraction.documents.some((d) => d.document.source.path === big);
    const errors = extraction.diagnostics.filter((d) => d.path === big && d.severity === "error");
    expect(read ? errors : errors.length).toEqual(read ? [] : 1);
  });
});
