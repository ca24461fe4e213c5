/*
 * The temporary file of JSON lines behind kg extract --json and kg import (src/util/line-spool.ts): what is written
 * comes back the same, by place and in order; close() leaves nothing behind; a folder it cannot write to gives one
 * line naming the command, the folder and TMPDIR, and leaves no handler behind.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { DocumentSpool } from "../../src/sinks/document-spool.ts";
import { LineSpool } from "../../src/util/line-spool.ts";

const options = { command: "kg test", prefix: "kg-line-spool-test-", room: "a few bytes" };
let scratch: string | undefined;

afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
});

describe("LineSpool", () => {
  it("gives back each value as written, by place and in order, multi-byte text included", () => {
    const spool = new LineSpool(options);
    try {
      const values = [{ text: "支部组织生活不够规范" }, { n: 2, list: ["三会一课", "主题党日"] }, "一行\n两行"];
      expect(values.map((v) => spool.write(v))).toEqual([0, 1, 2]);
      expect(spool.length).toBe(3);
      expect(JSON.parse(spool.read(1))).toEqual(values[1]);
      expect([...spool.lines()].map((l) => JSON.parse(l))).toEqual(values);
    } finally {
      spool.close();
    }
  });

  it("gives back many small lines written together, each as soon as it is written, the lines around them too", () => {
    const spool = new LineSpool(options);
    try {
      const values = Array.from({ length: 30_000 }, (_v, i) => ({ i, text: "三会一课".repeat(i % 7) }));
      for (const [i, v] of values.entries()) {
        expect(spool.write(v)).toBe(i);
        if (i % 997 === 0) expect(JSON.parse(spool.read(i))).toEqual(v);
      }
      expect(JSON.parse(spool.read(12_345))).toEqual(values[12_345]);
      expect([...spool.lines()].map((l) => JSON.parse(l))).toEqual(values);
    } finally {
      spool.close();
    }
  });

  it("gives back the same lines read in order, backwards, by jumps and between writes, long lines included", () => {
    const spool = new LineSpool(options);
    try {
      // Lines of a few bytes to past the read-ahead (256 KB), multi-byte text cut across its edges.
      const values = Array.from({ length: 4_000 }, (_v, i) => ({ i, text: "民主生活会".repeat(i % 500 === 7 ? 20_000 : (i * 37) % 90) }));
      const written: unknown[] = [];
      const check = (place: number) => expect(JSON.parse(spool.read(place))).toEqual(written[place]);
      for (const [i, v] of values.entries()) {
        written.push(v);
        spool.write(v);
        // Read in order as lines arrive: the bytes read ahead end where the file did, and later lines are read anew.
        if (i % 3 === 0) check(i);
      }
      for (let place = 0; place < written.length; place++) check(place);
      for (let place = written.length - 1; place >= 0; place -= 7) check(place);
      for (let k = 0; k < 2_000; k++) check((k * 7_919) % written.length);
      expect([...spool.lines()].map((l) => JSON.parse(l))).toEqual(values);
    } finally {
      spool.close();
    }
  });

  it("gives back lines written in sorted runs and read merged, with as many streams as runs and with fewer", () => {
    // As the graph's spill: each batch written in key order, read back by the writer in key order overall.
    for (const streams of [24, 3]) {
      const spool = new LineSpool({ ...options, streams });
      try {
        const runs = 20;
        const keys: { key: string; place: number }[] = [];
        for (let r = 0; r < runs; r++) {
          const batch = Array.from({ length: 500 }, (_v, i) => `k${String((i * runs + r) * 7 % 10_007).padStart(5, "0")}`).sort();
          for (const key of batch) keys.push({ key, place: spool.write({ key, text: "党支部".repeat(key.length + (r % 5) * 40) }) });
        }
        keys.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.place - b.place));
        for (const { key, place } of keys) expect((JSON.parse(spool.read(place)) as { key: string }).key).toBe(key);
      } finally {
        spool.close();
      }
    }
  });

  it("removes its folder on close, once, and refuses to read or write after", () => {
    const spool = new LineSpool(options);
    spool.write({ a: 1 });
    expect(existsSync(spool.dir)).toBe(true);
    spool.close();
    spool.close();
    expect(existsSync(spool.dir)).toBe(false);
    expect(() => spool.read(0)).toThrow(/kg test: the temporary file was closed/);
    expect(() => spool.write({ b: 2 })).toThrow(/kg test: the temporary file was closed before it was written/);
  });

  it("says in one line where it could not write, for kg import too", () => {
    scratch = mkdtempSync(join(tmpdir(), "kg-line-spool-scratch-"));
    const notAFolder = join(scratch, "not-a-folder");
    writeFileSync(notAFolder, "");
    const before = process.env.TMPDIR;
    process.env.TMPDIR = notAFolder;
    const listeners = () => ["exit", "SIGINT", "SIGTERM", "SIGHUP"].map((event) => process.listenerCount(event));
    const listening = listeners();
    try {
      expect(() => new DocumentSpool()).toThrow(/^kg import: cannot write its temporary file in ".*not-a-folder" \(ENOTDIR\); set TMPDIR to a folder with room for about five times the size of the reports\.$/);
      // Nothing of the failed spool stays behind: no handler that would answer a later Ctrl-C or the exit.
      expect(listeners()).toEqual(listening);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
  });
});
