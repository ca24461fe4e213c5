import { spawnSync } from "node:child_process";
import { hostname } from "node:os";
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir, chmod } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { acquireLock, lockPathOf, removeStaleTempFiles } from "../../src/sinks/file-lock.ts";
import { importIntoGraphFile, readGraphFile, serializeGraph } from "../../src/sinks/graph-file.ts";
import { KEYS, makeGraph } from "../store/graph.fixtures.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "kg-lock-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The PID of a process that has exited (so no process has it, barring reuse within the test). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

describe("graph file lock (issue 10, fault 2)", () => {
  it("should keep both imports when two run at the same time (the second waits for the first)", async () => {
    const path = join(dir, "graph.json");
    await Promise.all([importIntoGraphFile(makeGraph(["a"]), path), importIntoGraphFile(makeGraph(["b"]), path)]);
    const merged = await readGraphFile(path);
    expect(merged.hasNode(KEYS.reportA)).toBe(true);
    expect(merged.hasNode(KEYS.reportB)).toBe(true);
    expect(serializeGraph(merged)).toBe(serializeGraph(makeGraph(["a", "b"])));
    expect(await readdir(dir)).toEqual(["graph.json"]); // no lock and no temp file left
  });

  it("should keep every import of ten at once", async () => {
    const path = join(dir, "graph.json");
    await Promise.all(Array.from({ length: 10 }, (_, i) => importIntoGraphFile(makeGraph(i % 2 ? ["a"] : ["b"]), path)));
    expect(serializeGraph(await readGraphFile(path))).toBe(serializeGraph(makeGraph(["a", "b"])));
  });

  it("should fail with a one-line message naming the owner when a live process holds the lock too long", async () => {
    const path = join(dir, "graph.json");
    const lock = lockPathOf(path);
    await writeFile(lock, JSON.stringify({ pid: process.pid, host: hostname(), time: "2026-11-29T21:00:00.000Z", token: "someone-else" }));
    let waited = 0;
    const attempt = importIntoGraphFile(makeGraph(["a"]), path, { lock: { waitMs: 300, onWait: () => waited++ } });
    const error = await attempt.then(() => null, (e: unknown) => e as Error & { code?: string; exitCode?: number });
    expect(error).toMatchObject({ code: "KG_LOCKED", exitCode: 1 });
    expect(error!.message).not.toContain("\n");
    expect(error!.message).toContain(`PID ${process.pid}`);
    expect(error!.message).toContain(lock);
    expect(waited).toBe(1);
    // The other process's lock is untouched and nothing was written.
    expect(JSON.parse(await readFile(lock, "utf8"))).toMatchObject({ token: "someone-else" });
    expect(await readdir(dir)).toEqual(["graph.json.lock"]);
  });

  it("should take over a lock whose owner process is dead", async () => {
    const path = join(dir, "graph.json");
    await writeFile(lockPathOf(path), JSON.stringify({ pid: deadPid(), host: hostname(), time: "2026-11-29T21:00:00.000Z", token: "crashed" }));
    await importIntoGraphFile(makeGraph(["a"]), path, { lock: { waitMs: 0 } });
    expect((await readGraphFile(path)).hasNode(KEYS.reportA)).toBe(true);
    expect(await readdir(dir)).toEqual(["graph.json"]);
  });

  it("should let only one of many waiters break a stale lock, and then serialise them", async () => {
    const path = join(dir, "graph.json");
    await writeFile(lockPathOf(path), JSON.stringify({ pid: deadPid(), host: hostname(), time: "x", token: "crashed" }));
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        const release = await acquireLock(path, { waitMs: 10_000 });
        inside++;
        most = Math.max(most, inside);
        await new Promise((r) => setTimeout(r, 5));
        inside--;
        await release();
      }),
    );
    expect(most).toBe(1);
  });

  it("should remove temp files left by writers that died, and keep those of live ones", async () => {
    const path = join(dir, "graph.json");
    const dead = `graph.json.${deadPid()}.tmp`;
    const live = `graph.json.${process.ppid}.tmp`;
    await writeFile(join(dir, dead), "{ half written");
    await writeFile(join(dir, live), "{ being written");
    expect(await removeStaleTempFiles(path)).toEqual([dead]);
    await importIntoGraphFile(makeGraph(["a"]), path);
    expect((await readdir(dir)).sort()).toEqual(["graph.json", live].sort());
  });

  it.skipIf(process.getuid?.() === 0)("should say in one line which path could not be written, leaving no temp file", async () => {
    const sub = join(dir, "ro");
    await mkdir(sub);
    await chmod(sub, 0o500);
    const error = await importIntoGraphFile(makeGraph(["a"]), join(sub, "graph.json")).then(() => null, (e: Error) => e);
    expect(error?.message).toMatch(/ro\/graph.json/);
    expect(error?.message).not.toContain("\n");
  });

  it("should say in one line which path could not be written when the target is a folder", async () => {
    const target = join(dir, "graph.json");
    await mkdir(target);
    await writeFile(join(target, "x"), "");
    const error = await importIntoGraphFile(makeGraph(["a"]), target, { wipe: true }).then(() => null, (e: Error & { code?: string }) => e);
    expect(error).toMatchObject({ code: "KG_OUTPUT", exitCode: 1 });
    expect(error!.message).toContain(target);
    expect(error!.message).not.toContain("\n");
    expect((await readdir(dir)).sort()).toEqual(["graph.json"]);
  });
});
