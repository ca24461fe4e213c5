/*
 * kg extract --json keeps the documents in a temporary file while the themes and links are found
 * (src/extraction-spool.ts). What a user relies on: the JSON is the same as the in-memory pipeline's, and
 * the temporary file does not outlive the run, whether it succeeds, fails or is interrupted.
 */
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { spoolExtraction } from "../../src/extraction-spool.ts";
import { runPipeline } from "../../src/pipeline.ts";
import { toExtractionJson } from "../../src/sinks/extraction-json.ts";

const scratch = mkdtempSync(join(tmpdir(), "kg-spool-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A folder of several reports, one of them twice under another name (counted once), and a report repeated in a second file. */
function corpus(): string {
  const dir = join(scratch, "corpus");
  if (existsSync(dir)) return dir;
  mkdirSync(dir);
  for (const name of readdirSync("test/fixtures/reports")) copyFileSync(join("test/fixtures/reports", name), join(dir, name));
  for (const name of readdirSync("test/fixtures/unseen").filter((n) => n.endsWith(".txt")).slice(0, 8)) copyFileSync(join("test/fixtures/unseen", name), join(dir, `unseen-${name}`));
  copyFileSync("test/fixtures/reports/village-single.txt", join(dir, "zz-village-copy.txt"));
  return dir;
}

/** The spool folders kg left in `tmp` (tsx, when it runs the sources, keeps its own cache there). */
function spoolsIn(tmp: string): string[] {
  return readdirSync(tmp).filter((name) => name.startsWith("kg-extract-"));
}

/** A fresh, empty folder to serve as the CLI's TMPDIR. */
function freshTmp(name: string): string {
  const dir = join(scratch, name);
  mkdirSync(dir);
  return dir;
}

function kg(args: string[], tmp: string) {
  return spawnSync(process.execPath, ["bin/kg.js", ...args], { encoding: "utf8", maxBuffer: 256 << 20, env: { ...process.env, TMPDIR: tmp } });
}

describe("kg extract --json through its temporary file", () => {
  it("prints the same JSON as the in-memory pipeline, with one thread or two", { timeout: 240_000 }, async () => {
    const paths = [corpus()];
    for (const jobs of [1, 2]) {
      const expected = JSON.stringify(toExtractionJson(await runPipeline(paths, { jobs })), null, 2);
      const run = await spoolExtraction(paths, { jobs });
      expect(existsSync(run.spoolDir)).toBe(true);
      let text: string;
      try {
        text = [...run.jsonChunks()].join("");
      } finally {
        run.close();
      }
      expect(existsSync(run.spoolDir)).toBe(false);
      const json = JSON.parse(text) as { documents: { path: string; reports: { statements: { themeId: string | null }[]; links: unknown[] }[] }[] };
      // The case exercises what crosses documents: a copy counted once, themes, links.
      expect(json.documents.map((d) => d.path)).not.toContain(join(paths[0]!, "zz-village-copy.txt"));
      expect(json.documents.flatMap((d) => d.reports.flatMap((r) => r.statements)).some((s) => s.themeId !== null)).toBe(true);
      expect(json.documents.flatMap((d) => d.reports.flatMap((r) => r.links)).length).toBeGreaterThan(0);
      expect(text).toBe(expected);
    }
  });

  it("says in one line where it could not write its temporary file, and how to choose another folder", { timeout: 120_000 }, async () => {
    const notAFolder = join(scratch, "not-a-folder");
    writeFileSync(notAFolder, "");
    const before = process.env.TMPDIR;
    process.env.TMPDIR = notAFolder;
    try {
      await expect(spoolExtraction([corpus()], { jobs: 1 })).rejects.toThrow(/cannot write its temporary file in ".*not-a-folder" \(ENOTDIR\); set TMPDIR/);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
  });

  it("leaves no temporary file after a run that succeeds", { timeout: 120_000 }, () => {
    const tmp = freshTmp("ok");
    const result = kg(["extract", corpus(), "--json"], tmp);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).documents.length).toBeGreaterThan(5);
    expect(spoolsIn(tmp)).toEqual([]);
  });

  it("leaves no temporary file after a run that fails", { timeout: 120_000 }, () => {
    const tmp = freshTmp("failing");
    const empty = join(scratch, "no-reports");
    mkdirSync(empty);
    const result = kg(["extract", empty, "--json"], tmp);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("no readable report");
    expect(spoolsIn(tmp)).toEqual([]);
  });

  it("leaves no temporary file when the reader of its output goes away", { timeout: 120_000 }, () => {
    const tmp = freshTmp("closed-pipe");
    // kg ends quietly on a closed pipe (src/cli/index.ts), in the middle of writing the JSON.
    const result = spawnSync("bash", ["-c", `"${process.execPath}" bin/kg.js extract "${corpus()}" --json 2>/dev/null | head -c 100 | wc -c`], {
      encoding: "utf8",
      env: { ...process.env, TMPDIR: tmp },
    });
    expect(Number(result.stdout.trim())).toBe(100);
    expect(spoolsIn(tmp)).toEqual([]);
  });

  it("leaves no temporary file when interrupted (Ctrl-C) while it runs", { timeout: 120_000 }, async () => {
    const tmp = freshTmp("interrupted");
    const child = spawn(process.execPath, ["bin/kg.js", "extract", corpus(), "test/fixtures/heldout", "test/fixtures/unseen", "--json"], {
      stdio: ["ignore", "ignore", "ignore"],
      env: { ...process.env, TMPDIR: tmp },
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
    // Interrupted once its temporary file exists, i.e. while the documents are being extracted.
    let running = true;
    void exited.then(() => (running = false));
    while (running && spoolsIn(tmp).length === 0) await new Promise((r) => setTimeout(r, 10));
    child.kill("SIGINT");
    const { signal } = await exited;
    expect(signal).toBe("SIGINT");
    expect(spoolsIn(tmp)).toEqual([]);
  });
});
