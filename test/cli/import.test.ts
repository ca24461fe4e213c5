import { copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { type ImportIo, runImport } from "../../src/cli/commands/import.ts";
import { createProgram } from "../../src/cli/program.ts";
import { readGraphFile } from "../../src/sinks/graph-file.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "kg-import-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function fakeIo(answer = false): ImportIo & { err: () => string; out: () => string; asked: string[] } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: "", err: "" };
  stdout.on("data", (c) => (chunks.out += String(c)));
  stderr.on("data", (c) => (chunks.err += String(c)));
  const asked: string[] = [];
  return {
    stdout,
    stderr,
    interactive: false,
    confirm: async (q) => {
      asked.push(q);
      return answer;
    },
    env: {},
    cwd: dir,
    err: () => chunks.err,
    out: () => chunks.out,
    asked,
  };
}

describe("kg import (graph file)", () => {
  it("should write the seed's graph to the --out file and say what it wrote", async () => {
    const out = join(dir, "graph.json");
    const io = fakeIo();
    const result = await runImport(["seeds/"], { out }, io);
    const graph = await readGraphFile(out);
    expect(result.documents).toBe(1);
    expect(result.reports).toBe(9);
    expect(graph.order).toBe(result.nodes);
    expect(graph.filterNodes((_k, a) => a.label === "Report")).toHaveLength(9);
    expect(io.err()).toMatch(/1 document, 9 reports/);
    expect(io.err()).toMatch(/new file/);
    // Not a terminal: plain progress lines instead of a bar.
    expect(io.err()).toMatch(/^kg import: extracting 1\/1$/m);
    expect(io.err()).not.toContain("\u001b[");
    // Each long step after the extraction says when it begins, in order (nothing to read: a new file).
    const steps = io.err().split("\n").filter((l) => l.endsWith(" s in)"));
    expect(steps).toHaveLength(2);
    expect(steps[0]).toMatch(/^kg import: themes, links and the graph over 1 document… \(\d+\.\d s in\)$/);
    expect(steps[1]).toMatch(new RegExp(`^kg import: writing ${out.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(${graph.order} nodes, ${graph.size} relationships\\)… \\(\\d+\\.\\d s in\\)$`));
  });

  it("should say when the workers begin preparing theme scores and links (dry run), and not prepare them for the graph file", async () => {
    // Two workers need at least 8 files (MIN_FILES_PER_WORKER): the fixture reports, each copied twice under another name.
    const input = join(dir, "in");
    await mkdir(input);
    const names = ["community-traditional.txt", "enterprise-runon.txt", "mixed-section.txt", "organ-two-reports.txt", "village-single.txt"];
    for (const name of names) {
      await copyFile(join("test/fixtures/reports", name), join(input, name));
      await writeFile(join(input, `copy-${name}`), `${await readFile(join("test/fixtures/reports", name), "utf8")}\n附：复印件\n`);
    }
    const preparingLine = (l: string) => /^kg import: preparing each report's theme scores and links \(in [12] workers?\)… \(\d+\.\d s in\)$/.test(l);
    const dry = fakeIo();
    await runImport([input], { out: join(dir, "graph.json"), jobs: 2, dryRun: true }, dry);
    const dryLines = dry.err().split("\n");
    // Both workers prepare when both have started before the last file is delivered; on a loaded machine one may have done every file.
    expect(dryLines.indexOf("kg import: extracting 10/10")).toBeGreaterThanOrEqual(0);
    expect(dryLines.findIndex(preparingLine)).toBeGreaterThan(dryLines.indexOf("kg import: extracting 10/10"));
    // Into the graph file the documents wait in a temporary file and the cross-report stages compute what the workers would have prepared.
    const io = fakeIo();
    await runImport([input], { out: join(dir, "graph.json"), jobs: 2 }, io);
    const lines = io.err().split("\n");
    const extracted = lines.indexOf("kg import: extracting 10/10");
    const themes = lines.findIndex((l) => l.startsWith("kg import: themes, links and the graph over 10 documents…"));
    expect(extracted).toBeGreaterThanOrEqual(0);
    expect(themes).toBeGreaterThan(extracted);
    expect(lines.findIndex(preparingLine)).toBe(-1);
  });

  it("should leave the file byte-identical when the same input is imported again", async () => {
    const out = join(dir, "graph.json");
    await runImport(["seeds/"], { out }, fakeIo());
    const first = await readFile(out);
    const io = fakeIo();
    const again = await runImport(["seeds/"], { out }, io);
    expect(io.err()).toContain(`kg import: reading ${out}…`);
    expect(io.err()).toContain("kg import: themes, links and the graph over 1 document (1 in the file, 1 read now)…");
    expect((await readFile(out)).equals(first)).toBe(true);
    expect(again.file).toMatchObject({ nodesAdded: 0, edgesAdded: 0, merged: true });
  });

  it("should write nothing on --dry-run and print what it would write", async () => {
    const out = join(dir, "graph.json");
    const io = fakeIo();
    const result = await runImport(["seeds/"], { out, dryRun: true }, io);
    await expect(stat(out)).rejects.toMatchObject({ code: "ENOENT" });
    expect(io.out()).toMatch(new RegExp(`would write ${result.nodes} nodes and ${result.relationships} relationships`));
    expect(io.out()).toMatch(/\(:Report\) {2}9/);
  });

  it("should refuse --wipe without a terminal unless --yes, and leave the file alone", async () => {
    const out = join(dir, "graph.json");
    await runImport(["seeds/"], { out }, fakeIo());
    const before = await readFile(out);
    await expect(runImport(["seeds/"], { out, wipe: true }, fakeIo())).rejects.toMatchObject({ code: "KG_USAGE", exitCode: 2 });
    expect((await readFile(out)).equals(before)).toBe(true);
    await expect(runImport(["seeds/"], { out, wipe: true, yes: true }, fakeIo())).resolves.toMatchObject({ file: { merged: false } });
  });

  it("should ask on a terminal before --wipe and stop when the answer is no", async () => {
    const out = join(dir, "graph.json");
    const io = { ...fakeIo(false), interactive: true };
    await expect(runImport(["seeds/"], { out, wipe: true }, io)).rejects.toMatchObject({ code: "KG_USAGE" });
    await expect(stat(out)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("should say in its summary how many files it skipped, next to the ones it read", async () => {
    const input = join(dir, "in");
    await mkdir(input);
    await copyFile("seeds/000_d566339e5b9149bf.txt", join(input, "seed.txt"));
    await writeFile(join(input, "empty.txt"), "");
    await writeFile(join(input, "binary.txt"), Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 7, 8, 9, 0]));
    const io = fakeIo();
    const result = await runImport([input], { out: join(dir, "g.json") }, io);
    expect(result).toMatchObject({ documents: 1, skipped: 2, reports: 9 });
    expect(io.err()).toMatch(/1 document \(2 files skipped, named above\), 9 reports/);
  });

  it("should fail with an input error when no report can be read", async () => {
    await expect(runImport([join(dir, "nothing-here")], { out: join(dir, "g.json") }, fakeIo())).rejects.toMatchObject({ exitCode: 1 });
  });
});

describe("kg import (flags)", () => {
  it.each([["--batch-size", "0"], ["--batch-size", "many"]])("should reject %s %s as bad usage", async (flag, value) => {
    const program = createProgram();
    program.commands.forEach((c) => c.exitOverride().configureOutput({ writeErr: () => undefined }));
    await expect(program.parseAsync(["import", "seeds/", flag, value], { from: "user" })).rejects.toMatchObject({
      code: "commander.invalidArgument",
    });
  });

  it("should reject a --neo4j value that is not a Neo4j URI as bad usage", async () => {
    await expect(runImport(["seeds/"], { neo4j: "http://localhost:7474", out: join(dir, "g.json") }, fakeIo())).rejects.toMatchObject({ exitCode: 2 });
  });
});
