/*
 * kg import --neo4j takes the documents through a temporary file (store/neo4j/sync-spooled.ts) instead of holding
 * them: what it loads must be what the same documents held in memory load (importDocumentsIntoNeo4j), node by node
 * and relationship by relationship with every property, into an empty database and into one that already holds
 * documents (some read again, one keeping metadata from the database, one path with the same bytes as another);
 * also when reading the documents the database holds breaks off once with a transient error.
 */
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";

import neo4j, { type Driver, Neo4jError, type Session } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type ImportIo, runImport } from "../../../src/cli/commands/import.ts";
import { extractDocuments } from "../../../src/pipeline.ts";
import { extractIntoSpool } from "../../../src/sinks/graph-file-spooled.ts";
import { readCypher } from "../../../src/store/neo4j/cypher.ts";
import { wipeDatabase } from "../../../src/store/neo4j/load-graph.ts";
import { importDocumentsIntoNeo4j } from "../../../src/store/neo4j/sync-graph.ts";
import { importSpooledIntoNeo4j } from "../../../src/store/neo4j/sync-spooled.ts";
import { loadCodebook } from "../../../src/themes/codebook.ts";
import type { DocumentExtraction } from "../../../src/types.ts";
import { dbConfig, openDriver, ROOT, SEED, testNeo4j } from "./neo4j.fixtures.ts";

const FIX = "test/fixtures/reports";
const A = [SEED, `${FIX}/community-traditional.txt`, `${FIX}/enterprise-runon.txt`];
let B: string[];

let driver: Driver;
beforeAll(async () => {
  driver = openDriver();
  // A second path holding the same bytes as a document of A: its Document node gets an alias.
  const dir = mkdtempSync(join(tmpdir(), "kg-spooled-neo4j-"));
  copyFileSync(join(ROOT, FIX, "community-traditional.txt"), join(dir, "same-bytes.txt"));
  B = [`${FIX}/enterprise-runon.txt`, `${FIX}/mixed-section.txt`, `${FIX}/organ-two-reports.txt`, join(dir, "same-bytes.txt")];
});
afterAll(async () => {
  await wipeDatabase(driver, { database: testNeo4j().database });
  await driver.close();
});

function io(): ImportIo & { err: () => string } {
  const stderr = new PassThrough();
  let err = "";
  stderr.on("data", (c) => (err += String(c)));
  const conn = testNeo4j();
  return { stdout: new PassThrough(), stderr, interactive: false, confirm: async () => false, env: { NEO4J_USER: conn.user, NEO4J_PASSWORD: conn.password }, cwd: ROOT, err: () => err };
}

const importCli = (paths: string[], wipe = false) => runImport(paths, { neo4j: testNeo4j().uri, database: testNeo4j().database, jobs: 1, wipe, yes: wipe }, io());

/** The documents of `paths` held in memory, loaded as before (importDocumentsIntoNeo4j). */
async function importInMemory(paths: string[], edit: (docs: DocumentExtraction[]) => void = () => undefined) {
  const { documents } = await extractDocuments(paths, { jobs: 1, lean: true });
  edit(documents);
  await importDocumentsIntoNeo4j(driver, documents, { database: testNeo4j().database, codebook: loadCodebook() }, []);
}

/** Every node (labels, properties) and relationship (type, ends, properties) the database holds, sorted. */
async function dump(): Promise<string[]> {
  const plain = (v: unknown): unknown => (neo4j.isInt(v) ? String(v) : Array.isArray(v) ? v.map(plain) : v);
  const props = (p: Record<string, unknown>) => Object.keys(p).sort().map((k) => [k, plain(p[k])]);
  const nodes = await driver.executeQuery("MATCH (n) WHERE NOT n:KgLock RETURN labels(n) AS l, properties(n) AS p", {}, dbConfig());
  const rels = await driver.executeQuery("MATCH (a)-[r]->(b) RETURN type(r) AS t, a.key AS s, b.key AS d, properties(r) AS p", {}, dbConfig());
  return [
    ...nodes.records.map((r) => JSON.stringify([[...(r.get("l") as string[])].sort(), props(r.get("p"))])),
    ...rels.records.map((r) => JSON.stringify([r.get("t"), r.get("s"), r.get("d"), props(r.get("p"))])),
  ].sort();
}

const wipe = () => wipeDatabase(driver, { database: testNeo4j().database });
const withTitle = (docs: DocumentExtraction[]) => {
  const doc = docs.find((d) => d.document.source.path.endsWith("enterprise-runon.txt"))!;
  doc.metadata = { title: "a title given with the first import" };
};

describe("kg import --neo4j through the temporary file (real Neo4j)", () => {
  it("should load into an empty database exactly what the documents held in memory load", async () => {
    await wipe();
    await importCli(A);
    const spooled = await dump();
    expect(spooled.some((line) => line.includes('"record"'))).toBe(true);
    await wipe();
    await importInMemory(A);
    expect(spooled).toEqual(await dump());
  });

  it("should join the documents the database holds as the in-memory import does, and change nothing when run again", async () => {
    await wipe();
    await importInMemory(A, withTitle);
    const run = await importCli(B);
    const spooled = await dump();
    expect(spooled.some((line) => line.includes("a title given with the first import"))).toBe(true);
    expect(spooled.some((line) => line.includes('"aliases"') && line.includes("same-bytes.txt"))).toBe(true);
    expect(run.neo4j?.nodesWritten).toBeGreaterThan(0);
    await wipe();
    await importInMemory(A, withTitle);
    await importInMemory(B);
    expect(spooled).toEqual(await dump());
    const again = await importCli(B);
    expect(again.neo4j).toMatchObject({ nodesWritten: 0, nodesDeleted: 0, relationshipsWritten: 0, relationshipsDeleted: 0 });
    expect(await dump()).toEqual(spooled);
  });

  it("should read the documents the database holds again after a transient error midway, and load what an unbroken read loads", async () => {
    await wipe();
    await importInMemory(A, withTitle);
    await importInMemory(B);
    const expected = await dump();
    await wipe();
    await importInMemory(A, withTitle);
    const flaky = storedReadBreaksOnce(driver);
    const spooled = await extractIntoSpool(B, { codebook: loadCodebook(), jobs: 1 });
    try {
      await importSpooledIntoNeo4j(flaky.driver, spooled, { database: testNeo4j().database, codebook: loadCodebook() }, []);
    } finally {
      spooled.close();
    }
    expect(flaky.broken()).toBe(1);
    expect(await dump()).toEqual(expected);
  });
});

/** The real driver, except that the first read of the stored documents gives one row and then a transient error. */
function storedReadBreaksOnce(real: Driver): { driver: Driver; broken: () => number } {
  const query = readCypher("sync/stored-documents");
  let broken = 0;
  const bound = (target: object, prop: string | symbol) => {
    const value: unknown = Reflect.get(target, prop, target);
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
  };
  const wrapSession = (session: Session) =>
    new Proxy(session, {
      get(s, prop) {
        if (prop !== "run") return bound(s, prop);
        return (text: string, ...rest: unknown[]) => {
          const result = (s.run as (...a: unknown[]) => AsyncIterable<unknown>)(text, ...rest);
          if (text !== query || broken > 0) return result;
          broken += 1;
          return (async function* () {
            for await (const row of result) {
              yield row;
              break;
            }
            throw new Neo4jError("connection lost", "Neo.TransientError.General.DatabaseUnavailable", "", "");
          })();
        };
      },
    });
  const driver = new Proxy(real, {
    get(d, prop) {
      if (prop !== "session") return bound(d, prop);
      return (...args: Parameters<Driver["session"]>) => wrapSession(d.session(...args));
    },
  });
  return { driver, broken: () => broken };
}
