/*
 * A folder of many reports that all lack the same thing should not bury the terminal in one warning
 * per report: each kind of warning is printed for the first 20, then counted; --verbose prints all.
 * Errors are never cut.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { printDiagnostics, WARNINGS_PER_ORIGIN } from "../../src/cli/report.ts";
import type { Diagnostic } from "../../src/types.ts";
import { spawnKg } from "../helpers/cli.fixtures.ts";

const FILES = 27;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kg-diag-summary-"));
  // Short village reports in our own words: a situation section only, so each has no problem and no measure.
  for (let i = 1; i <= FILES; i++) {
    await writeFile(join(dir, `village-${String(i).padStart(2, "0")}.txt`), `关于第${i}村党建工作的调研报告\n一、基本情况\n全村共有党员${i + 20}名，设党支部一个。\n`);
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const warningsOf = (stderr: string, origin: string) => stderr.split("\n").filter((l) => l.includes("  warning  ") && l.endsWith(origin));

describe("warnings of one kind across many reports", () => {
  it("prints the first 20 of each kind, then one line with how many more there are", async () => {
    const run = await spawnKg(["extract", "--jobs", "1", dir], { ...process.env, NEO4J_URI: "" });
    expect(run.code).toBe(0);
    expect(warningsOf(run.stderr, "classify:no-measure")).toHaveLength(WARNINGS_PER_ORIGIN);
    expect(warningsOf(run.stderr, "classify:no-problem")).toHaveLength(WARNINGS_PER_ORIGIN);
    expect(run.stderr).toContain(`… and ${FILES - WARNINGS_PER_ORIGIN} more warnings like these (${FILES} in all)  classify:no-measure  (--verbose prints every one)`);
  });

  it("prints every one with --verbose", async () => {
    const verbose = await spawnKg(["extract", "--jobs", "1", "--verbose", dir], { ...process.env, NEO4J_URI: "" });
    expect(warningsOf(verbose.stderr, "classify:no-measure")).toHaveLength(FILES);
    expect(verbose.stderr).not.toContain("more warnings like these");
  });

  it("never cuts errors", () => {
    const errors: Diagnostic[] = Array.from({ length: 30 }, (_, i) => ({ severity: "error", origin: "ingest:read", path: `r${i}.txt`, message: "cannot read" }));
    let printed = "";
    printDiagnostics(errors, false, (t) => (printed += t));
    expect(printed.trimEnd().split("\n")).toHaveLength(30);
  });
});
