import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { importDocumentsIntoGraphFile, parseGraphFile } from "../../src/sinks/graph-file.ts";
import { loadCodebook } from "../../src/themes/codebook.ts";
import { type LoadedDecisions, splitThemeId } from "../../src/themes/decisions.ts";
import type { DocumentExtraction } from "../../src/types.ts";
import { atPath, corpusPaths, extractCorpus, graphDiff, importSequence, themeKeys } from "./order.fixtures.ts";

const codebook = loadCodebook();
/** Runs of the main property (KG_PROPERTY_RUNS raises it, with a fresh seed, for a longer search). */
const RUNS = Number(process.env.KG_PROPERTY_RUNS ?? 12);
const paths = corpusPaths();
let docs: Map<string, DocumentExtraction>;
let dir: string;
let clean: string;

beforeAll(async () => {
  docs = await extractCorpus(paths);
  dir = await mkdtemp(join(tmpdir(), "kg-order-"));
  const cleanPath = join(dir, "clean.json");
  await importDocumentsIntoGraphFile([...docs.values()], cleanPath, { codebook }, []);
  clean = await readFile(cleanPath, "utf8");
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Byte-identical to the clean import; on failure, say what differs in a few lines. */
function expectSame(text: string): void {
  if (text === clean) return;
  expect(graphDiff(readGraphJson(clean), readGraphJson(text))).toEqual([]);
  expect(text).toBe(clean); // same content, different bytes
}

let run = 0;
async function importInBatches(batches: string[][], decisions?: LoadedDecisions): Promise<string> {
  const path = join(dir, `run-${++run}.json`);
  for (const batch of batches) await importDocumentsIntoGraphFile(batch.map((p) => docs.get(p)!), path, { codebook, decisions }, []);
  return readFile(path, "utf8");
}

describe("graph file: any order, batching or repetition of imports equals one clean import", () => {
  it("should be byte-identical to the clean import, one file at a time in reverse order", async () => {
    expectSame(await importInBatches([...paths].reverse().map((p) => [p])));
  });

  it("should be byte-identical to the clean import for random orders, partitions and overlaps (property)", async () => {
    await fc.assert(
      fc.asyncProperty(importSequence(paths), async (batches) => {
        expectSame(await importInBatches(batches));
      }),
      { numRuns: RUNS, seed: process.env.KG_PROPERTY_RUNS ? Date.now() : 20261129 },
    );
  }, Math.max(30_000, RUNS * 3_000));

  it("should not keep themes or INSTANCE_OF edges of an earlier, partial view of the corpus", async () => {
    const graph = readGraphJson(await importInBatches([paths.slice(0, 5), paths.slice(3), paths])) as { nodes: { key: string; attributes: Record<string, unknown> }[]; edges: { source: string; attributes: Record<string, unknown> }[] };
    const statementsInTwoThemes = new Map<string, number>();
    for (const e of graph.edges) if (e.attributes.type === "INSTANCE_OF") statementsInTwoThemes.set(e.source, (statementsInTwoThemes.get(e.source) ?? 0) + 1);
    expect([...statementsInTwoThemes.values()].filter((n) => n > 1)).toEqual([]);
    const unsupported = graph.nodes.filter((n) => (n.attributes.label === "Problem" || n.attributes.label === "Measure") && n.attributes.statementCount === 0);
    expect(unsupported).toEqual([]);
  });

  it("should drop the reports, statements and themes of a document that changed at the same path", async () => {
    const changed = "test/fixtures/changed-report.txt";
    const before = docs.get(paths.find((p) => p.includes("community-runon"))!)!;
    const after = docs.get(paths.find((p) => p.includes("private-enterprise"))!)!;
    const rest = paths.filter((p) => !p.includes("community-runon") && !p.includes("private-enterprise")).map((p) => docs.get(p)!);
    const path = join(dir, "changed.json");
    await importDocumentsIntoGraphFile([...rest, atPath(before, changed)], path, { codebook }, []);
    const first = readGraphJson(await readFile(path, "utf8"));
    const summary = await importDocumentsIntoGraphFile([atPath(after, changed)], path, { codebook }, []);
    const cleanPath = join(dir, "changed-clean.json");
    await importDocumentsIntoGraphFile([...rest, atPath(after, changed)], cleanPath, { codebook }, []);
    expect(await readFile(path, "utf8")).toBe(await readFile(cleanPath, "utf8"));
    const gone = [...themeKeys(first)].filter((k) => !summary.graph.hasNode(k));
    expect(gone.length).toBeGreaterThan(0);
    expect(summary.nodesRemoved).toBeGreaterThan(gone.length);
  });

  it("should count a file with the same bytes as another once, whichever came first, and keep both paths", async () => {
    const original = docs.get(paths.find((p) => p.includes("village-single"))!)!;
    const [a, b] = [atPath(original, "copies/a.txt"), atPath(original, "copies/b.txt")];
    const other = docs.get(paths.find((p) => p.includes("mixed-section"))!)!;
    const results: string[] = [];
    for (const batches of [[[a, b, other]], [[b], [other, a]], [[a], [b], [other]], [[other, b], [a], [b]]]) {
      const path = join(dir, `copies-${++run}.json`);
      for (const batch of batches) await importDocumentsIntoGraphFile(batch, path, { codebook }, []);
      results.push(await readFile(path, "utf8"));
    }
    expect(new Set(results).size).toBe(1);
    const graph = readGraphJson(results[0]!) as { nodes: { attributes: Record<string, unknown> }[] };
    const documents = graph.nodes.filter((n) => n.attributes.label === "Document").map((n) => [n.attributes.path, n.attributes.aliases]);
    expect(documents).toContainEqual(["copies/a.txt", ["copies/b.txt"]]);
    expect(documents).toHaveLength(2);
  });

  it("should be byte-identical to the clean import under the same analyst's decisions, in any order (property)", async () => {
    // Decisions chosen from the clean graph: merge the two most recurrent problem themes, rename the
    // result, split one statement off the most recurrent measure theme.
    const graph = readGraphJson(clean) as { nodes: { key: string; attributes: Record<string, unknown> }[]; edges: { source: string; target: string; attributes: Record<string, unknown> }[] };
    const themes = (label: string) =>
      graph.nodes.filter((n) => n.attributes.label === label).sort((a, b) => Number(b.attributes.reportCount) - Number(a.attributes.reportCount) || (a.key < b.key ? -1 : 1));
    const [p1, p2] = themes("Problem");
    const [m1] = themes("Measure");
    const memberOf = (key: string) => graph.edges.filter((e) => e.attributes.type === "INSTANCE_OF" && e.target === key).map((e) => e.source.replace(/^stmt:/, "")).sort();
    const split = memberOf(m1!.key).slice(0, 1);
    const decisions: LoadedDecisions = {
      path: "decisions.json",
      decisions: [
        { op: "merge", from: String(p2!.attributes.themeId), into: String(p1!.attributes.themeId) },
        { op: "rename", theme: String(p1!.attributes.themeId), label: "合并后的主题" },
        { op: "split", theme: String(m1!.attributes.themeId), statements: split, id: splitThemeId(split) },
      ],
    };
    const cleanPath = join(dir, "decided-clean.json");
    await importDocumentsIntoGraphFile([...docs.values()], cleanPath, { codebook, decisions }, []);
    const decidedClean = await readFile(cleanPath, "utf8");
    expect(decidedClean).not.toBe(clean);
    expect(decidedClean).toContain("合并后的主题");
    await fc.assert(
      fc.asyncProperty(importSequence(paths, 2), async (batches) => {
        const text = await importInBatches(batches, decisions);
        if (text !== decidedClean) expect(graphDiff(readGraphJson(decidedClean), readGraphJson(text))).toEqual([]);
        expect(text).toBe(decidedClean);
      }),
      { numRuns: 6, seed: 20261130 },
    );
  });
});

/** The graphology export a graph file's text holds (whatever the file format). */
function readGraphJson(text: string) {
  return parseGraphFile(Buffer.from(text, "utf8"));
}
