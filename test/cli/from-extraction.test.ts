/*
 * `kg import --from-extraction`: `kg extract --json` outputs made separately (as on several machines)
 * merge into the graph that one import of all the reports gives, in either order, in one import or in
 * two; a file that is not such an output is refused, naming it, before anything is written.
 * (The Neo4j side: test/integration/neo4j/from-extraction.test.ts.)
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type ImportIo, runImport } from "../../src/cli/commands/import.ts";
import { extractJsonTo } from "../helpers/cli.fixtures.ts";

const A = ["test/fixtures/reports/community-traditional.txt", "test/fixtures/reports/enterprise-runon.txt"];
const B = ["test/fixtures/reports/mixed-section.txt", "test/fixtures/reports/organ-two-reports.txt", "test/fixtures/reports/village-single.txt"];
let dir: string;
let shardA: string;
let shardB: string;

function quietIo(): ImportIo & { err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let err = "";
  stderr.on("data", (c) => (err += String(c)));
  stdout.resume();
  return { stdout, stderr, interactive: false, confirm: async () => false, env: {}, cwd: dir, err: () => err };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kg-from-extraction-"));
  [shardA, shardB] = await Promise.all([extractJsonTo(A, join(dir, "a.json")), extractJsonTo(B, join(dir, "b.json"))]);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("kg import --from-extraction (graph file)", () => {
  it("should give, from shards in either order or in two imports, the graph file of one import of all the reports", async () => {
    const whole = join(dir, "whole.json");
    await runImport([...B, ...A], { out: whole, jobs: 1 }, quietIo());
    const ab = join(dir, "ab.json");
    const io = quietIo();
    const result = await runImport([shardA, shardB], { out: ab, fromExtraction: true }, io);
    expect(result.documents).toBe(A.length + B.length);
    expect(io.err()).toMatch(/5 documents from 2 extraction files/);
    const ba = join(dir, "ba.json");
    await runImport([shardB, shardA], { out: ba, fromExtraction: true }, quietIo());
    const twice = join(dir, "twice.json");
    await runImport([shardB], { out: twice, fromExtraction: true }, quietIo());
    await runImport([shardA], { out: twice, fromExtraction: true }, quietIo());
    const expected = await readFile(whole, "utf8");
    expect(JSON.parse(expected).nodes.length).toBeGreaterThan(50);
    for (const file of [ab, ba, twice]) expect(await readFile(file, "utf8"), file).toBe(expected);
  }, 120_000);

  it("should take a document found in two shards once", async () => {
    const once = join(dir, "once.json");
    await runImport([shardA, shardA, shardB], { out: once, fromExtraction: true }, quietIo());
    const whole = join(dir, "whole2.json");
    await runImport([shardA, shardB], { out: whole, fromExtraction: true }, quietIo());
    expect(await readFile(once, "utf8")).toBe(await readFile(whole, "utf8"));
  });

  it("should refuse a file that is not an extraction JSON, naming it, and write nothing", async () => {
    const cases: [string, string, RegExp][] = [
      ["not-json.json", "党支部 not json", /not-json\.json is not the output of `kg extract --json` \(not JSON\)/],
      ["graph.json", JSON.stringify({ options: {}, nodes: [], edges: [] }), /graph\.json is not the output of `kg extract --json` \(no schemaVersion\)/],
      ["future.json", JSON.stringify({ schemaVersion: 2, documents: [] }), /future\.json .*schemaVersion 2/],
      ["old.json", JSON.stringify({ schemaVersion: 1, documents: [{ path: "x.txt", sha256: "ab", encoding: "utf-8", reports: [] }] }), /old\.json: document x\.txt has no extraction record/],
    ];
    for (const [name, text, message] of cases) {
      const bad = join(dir, name);
      await writeFile(bad, text);
      const out = join(dir, `out-${name}`);
      const error = await runImport([shardA, bad], { out, fromExtraction: true }, quietIo()).then(
        () => null,
        (e: Error) => e,
      );
      expect(error?.message).toMatch(message);
      expect(error?.message).toMatch(/Nothing was imported/);
      expect(existsSync(out)).toBe(false);
    }
  });

  it("should refuse the same path with different contents in two shards", async () => {
    const json = JSON.parse(await readFile(shardA, "utf8")) as { documents: { path: string; sha256: string }[] };
    json.documents[0]!.sha256 = "0".repeat(64);
    const other = join(dir, "other.json");
    await writeFile(other, JSON.stringify(json));
    const out = join(dir, "conflict.json");
    const error = await runImport([shardA, other], { out, fromExtraction: true }, quietIo()).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/community-traditional\.txt is in .*a\.json and in .*other\.json with different contents/);
    expect(existsSync(out)).toBe(false);
  });
});
