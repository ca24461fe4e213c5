import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createKgGraph, type KgGraph } from "../../src/graph/build-graph.ts";
import { extractDocuments } from "../../src/pipeline.ts";
import { parseGraphFile } from "../../src/sinks/graph-codec.ts";
import { encodePlain } from "../../src/sinks/graph-codec-common.ts";
import { graphFileChunksV2 } from "../../src/sinks/graph-codec-v2.ts";
import { importDocumentsIntoGraphFile, readGraphFile, serializeGraph } from "../../src/sinks/graph-file.ts";
import { loadCodebook } from "../../src/themes/codebook.ts";

/** The export in canonical form (graph-codec-common.ts: nodes and edges by key, properties sorted): two graphs are the same when these are equal. */
const canonical = (graph: KgGraph): string => encodePlain(graph.export());

let dir: string;
let seedGraph: KgGraph;
let seedFile: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kg-graph-codec-"));
  seedFile = join(dir, "seed.json");
  const paths = ["seeds/", "test/fixtures/reports/"];
  const { documents } = await extractDocuments(paths, { jobs: 1 });
  seedGraph = (await importDocumentsIntoGraphFile(documents, seedFile, { codebook: loadCodebook() }, [])).graph;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("graph file format", () => {
  it("should read back exactly the graph that was written, records included", async () => {
    const back = await readGraphFile(seedFile);
    expect(canonical(back)).toBe(canonical(seedGraph));
    const doc = back.filterNodes((_k, a) => a.label === "Document")[0]!;
    expect(back.getNodeAttribute(doc, "record")).toBe(seedGraph.getNodeAttribute(doc, "record"));
    // Nodes and relationships come back in key order, as every version gave them.
    const inOrder = (keys: string[]) => keys.every((k, i) => i === 0 || keys[i - 1]! < k);
    expect(inOrder(back.nodes())).toBe(true);
    expect(inOrder(back.edges())).toBe(true);
  });

  it("should store each text once (in its document's record) and be much smaller than the plain export and than version 2", async () => {
    const text = await readFile(seedFile, "utf8");
    expect(JSON.parse(text).version).toBe(4);
    const plain = JSON.stringify(seedGraph.export());
    const v2 = [...graphFileChunksV2(seedGraph)].join("");
    expect(text.length).toBeLessThan(0.3 * plain.length);
    expect(text.length).toBeLessThan(0.6 * v2.length);
    // A statement's quote is in the graph as the statement's text and quote, in its record and on its
    // relationships; the file holds it once, within the document's text.
    const quote = seedGraph.findNode((_k, a) => a.label === "Statement" && typeof a.quote === "string" && a.quote.length > 12 && !/["\\\n]/.test(a.quote));
    const q = seedGraph.getNodeAttribute(quote!, "quote") as string;
    expect(plain.split(q).length - 1).toBeGreaterThan(3);
    expect(text.split(q).length - 1).toBe(1);
  });

  it("should write no Figure node nor report MENTIONS that the records give", async () => {
    const text = await readFile(seedFile, "utf8");
    const data = JSON.parse(text) as { shapes: string[][]; implied: string; impliedShapes: Record<string, number[]> };
    expect(seedGraph.filterNodes((_k, a) => a.label === "Figure").length).toBeGreaterThan(10);
    expect(data.implied).toContain("F");
    expect(data.shapes.flat()).not.toContain("label\uE000:Figure");
    // Report → Organisation | Mechanism MENTIONS: none written as a row, each one given by a run of shapes.
    const mentions = seedGraph.filterEdges((_k, a) => a.type === "MENTIONS").filter((e) => seedGraph.source(e).startsWith("report:"));
    expect(mentions.length).toBeGreaterThan(10);
    const implied = (data.impliedShapes.m ?? []).reduce((n, x, i, runs) => (i % 2 === 0 && x >= 0 ? n + runs[i + 1]! : n), 0);
    expect(implied).toBe(mentions.length);
  });

  it("should still read a version 3 file written by kg before version 4", async () => {
    // Both written by kg a76be0e from the graph of test/fixtures/reports/: its version 3 file and its plain export.
    const v3 = "test/fixtures/graph-files/reports.v3.json";
    expect(JSON.parse(await readFile(v3, "utf8")).version).toBe(3);
    const back = await readGraphFile(v3);
    expect(back.filterNodes((_k, a) => a.label === "Figure").length).toBeGreaterThan(0);
    expect(canonical(back)).toBe(canonical(await readGraphFile("test/fixtures/graph-files/reports.v1.json.gz")));
  });

  it("should give the same keys and documents read lean (kg import into an existing file), and fewer attributes", async () => {
    for (const file of [seedFile, "test/fixtures/graph-files/reports.v3.json"]) {
      const bytes = await readFile(file);
      const full = createKgGraph();
      full.import(parseGraphFile(bytes));
      const lean = parseGraphFile(bytes, { lean: true });
      expect(lean.nodes.map((n) => n.key)).toEqual(full.nodes());
      expect(lean.edges.map((e) => e.key)).toEqual(full.edges());
      expect(lean.edges.map((e) => [e.source, e.target])).toEqual(full.edges().map((e) => full.extremities(e)));
      const docs = lean.nodes.filter((n) => n.attributes?.label === "Document");
      expect(docs.length).toBeGreaterThan(1);
      for (const { key, attributes } of docs) {
        const { path, sha256, encoding, record, aliases } = full.getNodeAttributes(key);
        // Its record as an object, whose JSON is the record read in full (the same text, byte for byte).
        expect(typeof attributes!.record).toBe("object");
        const json = JSON.stringify(attributes!.record);
        expect({ path: attributes!.path, sha256: attributes!.sha256, encoding: attributes!.encoding, record: json, aliases: attributes!.aliases }).toEqual({ path, sha256, encoding, record, aliases });
      }
      // A statement's quote and a mention's lines are not computed.
      const statement = lean.nodes.find((n) => n.attributes?.label === "Statement")!;
      expect(typeof statement.attributes!.reportKey).toBe("string");
      expect(full.getNodeAttribute(statement.key, "quote")).toEqual(expect.any(String));
      expect(statement.attributes!.quote).toBeUndefined();
    }
  });

  it("should still read a version 2 file", async () => {
    const old = join(dir, "v2.json");
    await writeFile(old, [...graphFileChunksV2(seedGraph)].join(""));
    expect(JSON.parse(await readFile(old, "utf8")).version).toBe(2);
    expect(canonical(await readGraphFile(old))).toBe(canonical(seedGraph));
  });

  it("should read back values that look computable but are not what the computation gives", async () => {
    const g = seedGraph.copy();
    const statement = g.findNode((_k, a) => a.label === "Statement")!;
    const figure = g.findNode((_k, a) => a.label === "Figure")!;
    const mention = g.findEdge((_k, a) => a.type === "MENTIONS" && Array.isArray(a.lines))!;
    const report = g.findNode((_k, a) => a.label === "Report")!;
    g.mergeNodeAttributes(statement, { quote: "not the document's text", text: "changed", normText: "changed too", line: 999, reportTitle: "another title" });
    g.mergeNodeAttributes(figure, { startOffset: 1 }); // its key no longer follows from its attributes
    g.mergeEdgeAttributes(mention, { lines: [1, 2, 3], contexts: ["elsewhere"], mentionCount: 7, sentence: "a sentence of nowhere" });
    // A relationship the nodes imply is missing, another has an attribute more: every one of their kind is written.
    g.dropEdge(g.findEdge(report, (_k, a) => a.type === "CONTAINS")!);
    g.mergeEdgeAttributes(g.findEdge((_k, a) => a.type === "RAISES")!, { note: "kept" });
    // What the records give, changed or missing: a figure, a report's mention and a statement's, a report's title and lines, a document's sha256.
    g.dropNode(g.filterNodes((_k, a) => a.label === "Figure")[1]!);
    g.mergeNodeAttributes(g.filterNodes((_k, a) => a.label === "Figure")[2]!, { unit: "another unit" });
    g.dropEdge(g.filterEdges((_k, a) => a.type === "MENTIONS").find((e) => g.source(e).startsWith("report:") && e !== mention)!);
    g.dropEdge(g.findEdge((_k, a, s) => a.type === "MENTIONS" && s.startsWith("stmt:"))!);
    g.mergeEdgeAttributes(g.filterEdges((_k, a, s) => a.type === "MENTIONS" && s.startsWith("stmt:"))[1]!, { termStart: 99 });
    const reports = g.filterNodes((_k, a) => a.label === "Report");
    g.mergeNodeAttributes(reports[1]!, { title: "a title of nowhere", startLine: 77 });
    g.mergeNodeAttributes(reports[2]!, { setting: "elsewhere", truncated: "maybe" });
    g.mergeNodeAttributes(g.findNode((_k, a) => a.label === "Document")!, { sha256: "0".repeat(64) });
    const path = join(dir, "changed.json");
    await writeFile(path, serializeGraph(g));
    expect(canonical(await readGraphFile(path))).toBe(canonical(g));
    expect(serializeGraph(await readGraphFile(path))).toBe(serializeGraph(g));
  });

  it("should read back a graph where two documents hold the same reports (a file copied elsewhere)", async () => {
    const g = seedGraph.copy();
    const doc = g.findNode((_k, a) => a.label === "Document" && typeof a.record === "string" && (a.record as string).includes('"figures":[{'))!;
    const a = g.getNodeAttributes(doc);
    // Sorted before the original, with the same record: its reports, figures and mentions are met first.
    g.addNode("doc:0000000000000000", { ...a, path: `${a.path as string}.copy`, sha256: "0".repeat(64) });
    const path = join(dir, "copied.json");
    await writeFile(path, serializeGraph(g));
    expect(JSON.parse(await readFile(path, "utf8")).version).toBe(4);
    expect(canonical(await readGraphFile(path))).toBe(canonical(g));
  });

  it("should read back a record that is not kg's JSON and a document without one", async () => {
    const g = seedGraph.copy();
    const docs = g.filterNodes((_k, a) => a.label === "Document");
    g.setNodeAttribute(docs[0]!, "record", ` ${g.getNodeAttribute(docs[0]!, "record") as string}`);
    g.removeNodeAttribute(docs[1]!, "record");
    const path = join(dir, "records.json");
    await writeFile(path, serializeGraph(g));
    expect(canonical(await readGraphFile(path))).toBe(canonical(g));
  });

  it("should still read a file in the plain export form older kg wrote", async () => {
    const old = join(dir, "old.json");
    await writeFile(old, JSON.stringify(seedGraph.export()));
    expect(canonical(await readGraphFile(old))).toBe(canonical(seedGraph));
  });

  it("should gzip a file whose name ends in .gz and read it back", async () => {
    const { writeGraphFile } = await import("../../src/sinks/graph-file.ts");
    const gz = join(dir, "graph.json.gz");
    await writeGraphFile(seedGraph, gz);
    const bytes = await readFile(gz);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    expect(gunzipSync(bytes).toString("utf8")).toBe(serializeGraph(seedGraph));
    expect(canonical(await readGraphFile(gz))).toBe(canonical(seedGraph));
  });

  it("should keep strings that look like its own references, and keys of any shape", async () => {
    for (const look of ["\uE0001", "\uE0011.2", "\uE0020.3"]) {
      const g = createKgGraph();
      g.addNode("a", { label: "Statement", text: `${look} is not a reference`, same: "repeated text", again: "repeated text" } as never);
      g.addNode("b", { label: "Report", path: "x", name: look } as never);
      g.addEdgeWithKey("custom-key", "a", "b", { type: "CAUSES", score: 0.5 } as never);
      const path = join(dir, "odd.json");
      await writeFile(path, serializeGraph(g));
      expect(await readFile(path, "utf8")).not.toContain('"format":"kg-graph"'); // written in the plain form
      expect(canonical(await readGraphFile(path))).toBe(canonical(g));
    }
    const g = createKgGraph();
    g.addNode("a", { label: "Statement", text: "\uE0001 is not a reference", same: "repeated text", again: "repeated text" } as never);
    g.addNode("b", { label: "Statement", n: -1.5, list: [1, "x"], nested: { "2": "b", "10": "a", z: null } } as never);
    g.addEdgeWithKey("custom-key", "a", "b", { type: "CAUSES", score: 0.5 } as never);
    const path = join(dir, "odd.json");
    const { writeGraphFile } = await import("../../src/sinks/graph-file.ts");
    await writeGraphFile(g, path);
    expect(await readFile(path, "utf8")).not.toContain('"format":"kg-graph"'); // written in the plain form
    expect(canonical(await readGraphFile(path))).toBe(canonical(g));
    g.dropNode("a");
    g.addNode("a", { label: "Statement", text: "plain", same: "repeated text", again: "repeated text" } as never);
    g.addEdgeWithKey("custom-key", "a", "b", { type: "CAUSES", score: 0.5 } as never);
    await writeGraphFile(g, path);
    expect(await readFile(path, "utf8")).toContain('"format":"kg-graph"');
    expect(canonical(await readGraphFile(path))).toBe(canonical(g));
  });

  it("should read back strings that JSON escapes and objects with number-like keys, whether written once or many times", async () => {
    const g = seedGraph.copy();
    const odd = ['say "so"', "back\\slash", "two\nlines", "bell\u0007", "half \ud800 pair", "tab\there"];
    const statements = g.filterNodes((_k, a) => a.label === "Statement").slice(0, 3);
    statements.forEach((key, i) => g.mergeNodeAttributes(key, { note: odd[i]!, again: odd[5]!, nested: { "10": odd[3]!, "2": [odd[4]!, 1], z: { deep: odd[i]! } } } as never));
    const once = 'once "only" \\ here';
    g.mergeEdgeAttributes(g.findEdge((_k, a) => a.type === "RAISES")!, { note: odd[4]!, nested: { "1": odd[0]!, once } } as never);
    g.mergeAttributes({ note: odd[1]! } as never);
    const text = serializeGraph(g);
    const data = JSON.parse(text);
    expect(data.version).toBe(4);
    // Written once: in its row as it is; written more than once: in the strings table.
    expect(text).toContain(JSON.stringify(once));
    expect(data.strings).not.toContain(once);
    expect(data.strings).toContain(odd[5]);
    const path = join(dir, "escapes.json");
    await writeFile(path, text);
    expect(canonical(await readGraphFile(path))).toBe(canonical(g));
    expect(serializeGraph(await readGraphFile(path))).toBe(text);
  });

  it("should say which version it reads when the file comes from a newer kg", () => {
    const newer = Buffer.from(JSON.stringify({ format: "kg-graph", version: 99, nodes: [], edges: [] }));
    expect(() => parseGraphFile(newer)).toThrow(/version 99.*re-import/);
  });
});
