// Issue 10, faults 5 and 7: only regular files are read (a FIFO or /dev/zero hung the run forever and
// grew memory); symlink loops and broken links get a diagnostic; one file over the size budget is skipped.
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { collectFiles, readDocuments } from "../../src/ingest/index.ts";

let dir: string;
const GOOD = "一、基本情况\n全村党员32名。\n";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "kg-special-"));
  await writeFile(join(dir, "good.txt"), GOOD);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const errorsFor = (diagnostics: { path?: string; severity: string; message: string }[], path: string) =>
  diagnostics.filter((d) => d.path === path && d.severity !== "info").map((d) => d.message);

describe("reading only regular files", () => {
  it("should give a FIFO named on the command line one diagnostic and read the good file after it", { timeout: 20_000 }, async () => {
    const fifo = join(dir, "pipe.txt");
    execFileSync("mkfifo", [fifo]);
    const { documents, diagnostics } = await readDocuments([fifo, join(dir, "good.txt")]);
    expect(documents.map((d) => d.text)).toEqual([GOOD]);
    expect(errorsFor(diagnostics, fifo)).toEqual(["a named pipe (FIFO), not a regular file; skipped"]);
  });

  it("should not read /dev/zero (a character device), and go on", { timeout: 20_000 }, async () => {
    const { documents, diagnostics } = await readDocuments(["/dev/zero", join(dir, "good.txt")]);
    expect(documents).toHaveLength(1);
    expect(errorsFor(diagnostics, "/dev/zero")).toEqual(["a character device, not a regular file; skipped"]);
  });

  it("should report a FIFO and a device link found in a folder", { timeout: 20_000 }, async () => {
    execFileSync("mkfifo", [join(dir, "in-folder.txt")]);
    await symlink("/dev/zero", join(dir, "zero.txt"));
    const { documents, diagnostics } = await readDocuments([dir]);
    expect(documents.map((d) => d.path)).toEqual([join(dir, "good.txt")]);
    expect(errorsFor(diagnostics, join(dir, "in-folder.txt"))).toEqual(["a named pipe (FIFO), not a regular file; skipped"]);
    expect(errorsFor(diagnostics, join(dir, "zero.txt"))).toEqual(["a character device, not a regular file; skipped"]);
  });
});

describe("symbolic links", () => {
  it("should name a broken link and a self-loop instead of skipping them silently", async () => {
    await symlink(join(dir, "nowhere.txt"), join(dir, "broken.txt"));
    await symlink("loop.txt", join(dir, "loop.txt"));
    const { files, diagnostics } = await collectFiles([dir]);
    expect(files.map((f) => f.path)).toEqual([join(dir, "good.txt")]);
    expect(errorsFor(diagnostics, join(dir, "broken.txt"))[0]).toMatch(/^broken symbolic link/);
    expect(errorsFor(diagnostics, join(dir, "loop.txt"))[0]).toMatch(/^symbolic link loop/);
  });

  it("should name a folder link that leads back up, and still read everything once", async () => {
    await mkdir(join(dir, "sub"));
    await writeFile(join(dir, "sub", "b.txt"), GOOD.replace("32", "33"));
    await symlink("..", join(dir, "sub", "up"));
    const { documents, diagnostics } = await readDocuments([dir]);
    expect(documents.map((d) => d.path.slice(dir.length + 1))).toEqual(["good.txt", "sub/b.txt"]);
    expect(errorsFor(diagnostics, join(dir, "sub", "up"))[0]).toMatch(/^symbolic link loop/);
  });
});

describe("size budget", () => {
  it("should skip a file over the budget with one diagnostic saying how to raise it", async () => {
    const big = join(dir, "big.txt");
    await writeFile(big, "党".repeat(400_000)); // 1.2 MB
    const { documents, diagnostics } = await readDocuments([big, join(dir, "good.txt")], { maxBytes: 1024 * 1024 });
    expect(documents).toHaveLength(1);
    expect(errorsFor(diagnostics, big)).toEqual([
      "the file is 1.1 MB, over the per-file size budget of 1 MB (--max-file-size or KG_MAX_FILE_MB); skipped",
    ]);
  });
});
