/*
 * kg import's graph file with the documents in a temporary file (sinks/graph-file-spooled.ts) against the same
 * import with every document in memory (graph-file.ts importDocumentsIntoGraphFile): the same bytes, fresh, merged
 * into a file, gzip, with metadata, with the same bytes under two paths; the temporary file gone once closed.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { CompactGraph } from "../../src/graph/compact-graph.ts";
import { buildGraph, buildGraphOf } from "../../src/graph/build-graph.ts";
import { relKey } from "../../src/graph/keys.ts";
import { edgeNumbering } from "../../src/graph/held.ts";
import { canonicalOrder } from "../../src/graph/order.ts";
import { extractDocuments, assemble } from "../../src/pipeline.ts";
import { graphFileChunks } from "../../src/sinks/graph-codec.ts";
import { importDocumentsIntoGraphFile, serializeGraph } from "../../src/sinks/graph-file.ts";
import { extractIntoSpool, importSpooledIntoGraphFile } from "../../src/sinks/graph-file-spooled.ts";
import { loadCodebook } from "../../src/themes/codebook.ts";
import type { ReportMetadata } from "../../src/graph/report-metadata.ts";
import { corpusPaths, ROOT } from "../graph/order.fixtures.ts";

const codebook = loadCodebook();
let dir: string;
let corpus: string;
let paths: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kg-spooled-"));
  // The corpus in one folder, with one file twice under another name (same bytes: counted once, both paths kept).
  corpus = join(dir, "corpus");
  await mkdir(corpus);
  paths = corpusPaths();
  for (const p of paths) await copyFile(join(ROOT, p), join(corpus, p.replaceAll("/", "_")));
  await copyFile(join(ROOT, paths[0]!), join(corpus, "zz-copy.txt"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The file the documents held in memory give (the reference), and the one the spooled import gives. */
async function both(name: string, input: string[], options: { metadata?: Map<string, ReportMetadata>; before?: string[]; gz?: boolean; from?: string } = {}) {
  const ext = options.gz ? "json.gz" : "json";
  const inMemory = join(dir, `${name}-memory.${ext}`);
  const spooledPath = join(dir, `${name}-spooled.${ext}`);
  if (options.from) {
    // Both start from a copy of the same file (one written by an older kg).
    await copyFile(options.from, inMemory);
    await copyFile(options.from, spooledPath);
  } else if (options.before) {
    // Both start from the same file, written by the in-memory import.
    const { documents } = await extractDocuments(options.before, { jobs: 1 });
    await importDocumentsIntoGraphFile(documents, inMemory, { codebook }, []);
    await copyFile(inMemory, spooledPath);
  }
  const { documents } = await extractDocuments(input, { jobs: 1 });
  for (const doc of documents) {
    const meta = options.metadata?.get(doc.document.source.path.split("/").pop()!);
    if (meta) doc.metadata = meta;
  }
  const lateMemory: unknown[] = [];
  const memory = await importDocumentsIntoGraphFile(documents, inMemory, { codebook }, lateMemory as never[]);
  const spooled = await extractIntoSpool(input, { codebook, jobs: 2, metadata: options.metadata });
  const spoolDir = spooled.spool.dir;
  const lateSpooled: unknown[] = [];
  let summary;
  try {
    summary = await importSpooledIntoGraphFile(spooled, spooledPath, { codebook }, lateSpooled as never[]);
  } finally {
    spooled.close();
  }
  expect(existsSync(spoolDir)).toBe(false);
  const { graph: _g, ...memorySummary } = memory;
  const spooledSummary = summary;
  expect({ ...spooledSummary, path: "" }).toEqual({ ...memorySummary, path: "" });
  expect(lateSpooled).toEqual(lateMemory);
  return { memory: await readFile(inMemory), spooled: await readFile(spooledPath), summary };
}

describe("kg import with the documents in a temporary file", () => {
  it("should write the same bytes as the documents held in memory, for a fresh file", async () => {
    const { memory, spooled } = await both("fresh", [corpus]);
    expect(spooled.length).toBeGreaterThan(10_000);
    expect(spooled.equals(memory)).toBe(true);
    // Both paths of the repeated bytes are kept (the copy as an alias of the first).
    expect(spooled.toString("utf8")).toContain("zz-copy.txt");
  }, 120_000);

  it("should write the same bytes when merging into a file that holds other documents and one read again", async () => {
    const files = (await import("node:fs")).readdirSync(corpus).sort().map((f) => join(corpus, f));
    const { memory, spooled } = await both("merged", files.slice(3), { before: files.slice(0, 5) });
    expect(spooled.equals(memory)).toBe(true);
  }, 120_000);

  it("should write the same gzip bytes, with the analyst's metadata on the reports of a file", async () => {
    const name = paths[1]!.replaceAll("/", "_");
    const metadata = new Map<string, ReportMetadata>([[name, { title: "一份调研报告的题目", region: "某省" }]]);
    const { memory, spooled } = await both("meta", [corpus], { metadata, gz: true });
    expect(spooled.equals(memory)).toBe(true);
    expect(gunzipSync(spooled).toString("utf8")).toContain("一份调研报告的题目");
  }, 120_000);

  it("should write the same gzip bytes when merging into a gzip file", async () => {
    const files = readdirSync(corpus).sort().map((f) => join(corpus, f));
    const { memory, spooled } = await both("merged-gz", files.slice(2), { before: files.slice(0, 4), gz: true });
    expect(spooled.equals(memory)).toBe(true);
  }, 120_000);

  it("should write the same bytes and add nothing when the documents the file holds are read again", async () => {
    const files = readdirSync(corpus).sort().map((f) => join(corpus, f));
    const { memory, spooled, summary } = await both("again", files.slice(0, 4), { before: files.slice(0, 4) });
    expect(spooled.equals(memory)).toBe(true);
    expect(summary).toMatchObject({ merged: true, nodesAdded: 0, edgesAdded: 0, nodesRemoved: 0, edgesRemoved: 0 });
    expect(summary.nodes).toBeGreaterThan(50);
  }, 120_000);

  it("should write the same bytes when merging into files written by older kg (format versions 1 and 3)", async () => {
    // Both fixtures hold the graph of test/fixtures/reports/ (graph-codec.test.ts); one of its files is read again.
    const reports = join(ROOT, "test/fixtures/reports");
    const again = readdirSync(reports).filter((f) => f.endsWith(".txt")).sort().slice(0, 1).map((f) => join("test/fixtures/reports", f));
    const input = [...again, ...readdirSync(corpus).sort().slice(0, 2).map((f) => join(corpus, f))];
    for (const [name, from, gz] of [["v3", "reports.v3.json", false], ["v1", "reports.v1.json.gz", true]] as const) {
      const { memory, spooled, summary } = await both(`older-${name}`, input, { from: join(ROOT, "test/fixtures/graph-files", from), gz });
      expect(spooled.equals(memory)).toBe(true);
      expect(summary.merged).toBe(true);
      // The documents the old file holds (not read now) are in the new one.
      expect((gz ? gunzipSync(spooled) : spooled).toString("utf8")).toContain("test/fixtures/reports/village-single.txt");
    }
  }, 120_000);
});

describe("the graph file's writer with its planned text in a temporary file", () => {
  it("should write the same text, and remove the temporary file once written", async () => {
    const { documents } = await extractDocuments([corpus], { jobs: 1 });
    const graph = buildGraph(assemble(documents, codebook, []));
    const ours = () => readdirSync(tmpdir()).filter((f) => f.startsWith("kg-graph-file-"));
    const before = ours();
    let planned = 0;
    let held = 0;
    const pieces: string[] = [];
    for (const piece of graphFileChunks(graph, { spillAfter: 0, onPlanned: () => planned++ })) {
      pieces.push(piece);
      held = Math.max(held, ours().length - before.length);
    }
    expect([planned, held]).toEqual([1, 1]);
    expect(pieces.join("")).toBe(serializeGraph(graph));
    expect(ours()).toEqual(before);
  }, 120_000);
});

describe("CompactGraph", () => {
  it("should give the same graph file as graphology for the same extraction", async () => {
    const { documents } = await extractDocuments([corpus], { jobs: 1 });
    const extraction = assemble(documents, codebook, []);
    const reference = serializeGraph(buildGraph(extraction));
    const compact = buildGraphOf(canonicalOrder(extraction.documents), extraction.themes, extraction.assignments, new CompactGraph().asKgGraph());
    expect(serializeGraph(compact)).toBe(reference);
    // And through graphology again (the file format's version 1 reads the export).
    const graph = new CompactGraph();
    buildGraphOf(canonicalOrder(extraction.documents), extraction.themes, extraction.assignments, graph.asKgGraph());
    expect(graph.export()).toEqual(buildGraph(extraction).export());
    // What the Neo4j sync reads of a relationship by its key (store/neo4j/load-graph.ts relRow), after a spill too.
    const reference2 = buildGraph(extraction);
    graph.settle();
    graph.spillEdges();
    try {
      const byKey = reference2.edges().map((k) => [graph.source(k), graph.target(k), graph.getEdgeAttributes(k)]);
      expect(byKey).toEqual(reference2.edges().map((k) => [reference2.source(k), reference2.target(k), reference2.getEdgeAttributes(k)]));
      expect(() => graph.source("no such key")).toThrow(/could not find the "no such key" edge/);
      // And by number, as the Neo4j sync holds them (graph/held.ts edgeNumbering): each key made again from its number.
      const edges = edgeNumbering(graph.asKgGraph());
      expect(edges.size).toBe(reference2.size);
      expect(reference2.edges().map((k) => edges.keyAt(edges.numberOf(k)!))).toEqual(reference2.edges());
    } finally {
      graph.release();
    }
  }, 120_000);

  it("should give the same graph file with its statements spilled while it is built, a report renamed by metadata included", async () => {
    const { documents } = await extractDocuments([corpus], { jobs: 1 });
    // A title from --metadata renames a report, and with it the reportTitle of its statements (spilled by then).
    const titled = documents.find((d) => d.reports.length > 0 && d.reports[0]!.statements.length > 0)!;
    titled.metadata = { title: "某县机关党建调研" } as ReportMetadata;
    const extraction = assemble(documents, codebook, []);
    const reference = buildGraph(extraction);
    const graph = new CompactGraph();
    const spilledWhileBuilt: string[] = [];
    function* spilling() {
      for (const doc of canonicalOrder(extraction.documents)) {
        yield doc;
        // As kg import does after each document, with a batch of one node instead of thousands.
        graph.spillNew(true, 1);
      }
    }
    buildGraphOf(spilling(), extraction.themes, extraction.assignments, graph.asKgGraph());
    graph.forEachNodeHeld((k, a) => a.label === "Statement" && !("text" in a) && spilledWhileBuilt.push(k));
    try {
      expect(spilledWhileBuilt.length).toBeGreaterThan(reference.filterNodes((_k, a) => a.label === "Statement").length / 2);
      // The renamed report's statements were read back and held again, with the new title.
      const renamed = reference.filterNodes((_k, a) => a.label === "Statement" && a.reportTitle === "某县机关党建调研");
      expect(renamed.length).toBeGreaterThan(0);
      for (const k of renamed) expect(graph.nodeAttributes(k)).toEqual(reference.getNodeAttributes(k));
      // Counts (themes, entities, Problem → Measure) are made from what the graph holds of its statements.
      graph.settle();
      graph.spillBuilt(true);
      expect(serializeGraph(graph.asKgGraph())).toBe(serializeGraph(reference));
    } finally {
      graph.release();
    }
  }, 120_000);

  it("should find relationships by key again once settled, and hold nothing once released", () => {
    const graph = new CompactGraph();
    graph.mergeEdgeWithKey("e", "a", "b", { type: "CONTAINS" });
    graph.mergeEdgeWithKey("f", "b", "c", { type: "CONTAINS" });
    graph.settle();
    expect(graph.hasEdge("f")).toBe(true);
    expect(() => graph.mergeEdgeWithKey("e", "a", "c", {})).toThrow(/inconsistency/);
    graph.mergeEdgeWithKey("g", "c", "a", { type: "CONTAINS" });
    expect([graph.order, graph.size]).toEqual([3, 3]);
    graph.release();
    expect([graph.order, graph.size, graph.hasNode("a"), graph.hasEdge("e")]).toEqual([0, 0, false, false]);
  });

  it("should keep each relationship's own attributes and key when it holds shared ones or derives its key", () => {
    const graph = new CompactGraph();
    const derived = relKey("CONTAINS", "a", "b");
    graph.mergeEdgeWithKey(derived, "a", "b", { type: "CONTAINS" });
    graph.mergeEdgeWithKey(relKey("CONTAINS", "a", "c"), "a", "c", { type: "CONTAINS" });
    graph.mergeEdgeWithKey(relKey("MENTIONS", "b", "c"), "b", "c", { type: "MENTIONS", lines: [3], contexts: ["problem"] } as never);
    graph.mergeEdgeWithKey(relKey("MENTIONS", "c", "d"), "c", "d", { type: "MENTIONS", lines: [3], contexts: ["problem"] } as never);
    graph.mergeEdgeWithKey("own key", "b", "d", { type: "CONTAINS" });
    const keys = graph.edges();
    graph.settle();
    expect(graph.edges()).toEqual(keys);
    const given: (string | undefined)[] = [];
    graph.forEachEdgeDerived((k) => given.push(k));
    expect(given).toEqual([undefined, undefined, undefined, undefined, "own key"]);
    // A change to one relationship leaves the others as they were, the key of the one changed included.
    graph.mergeEdgeAttributes(derived, { reason: "x" } as never);
    graph.mergeEdgeAttributes(relKey("MENTIONS", "b", "c"), { type: "CAUSES" } as never);
    graph.mergeEdgeWithKey(relKey("MENTIONS", "c", "d"), "c", "d", { lines: [3, 4] } as never);
    const seen: string[] = [];
    graph.forEachEdge((k, a, s, t) => seen.push(`${k === relKey(a.type, s, t) ? "derived" : k} ${s}-${t} ${JSON.stringify(a)}`));
    expect(seen).toEqual([
      'derived a-b {"type":"CONTAINS","reason":"x"}',
      'derived a-c {"type":"CONTAINS"}',
      `${relKey("MENTIONS", "b", "c")} b-c {"type":"CAUSES","lines":[3],"contexts":["problem"]}`,
      'derived c-d {"type":"MENTIONS","lines":[3,4],"contexts":["problem"]}',
      'own key b-d {"type":"CONTAINS"}',
    ]);
    expect(graph.hasEdge(relKey("MENTIONS", "b", "c"))).toBe(true);
  });

  it("should keep each relationship's counts while it is built with its attributes spilled, and change one alone", () => {
    const graph = new CompactGraph();
    const mention = (s: string, t: string, mentionCount: number) =>
      graph.mergeEdgeWithKey(relKey("MENTIONS", s, t), s, t, { type: "MENTIONS", mentionCount, lines: [mentionCount], contexts: ["problem"] } as never);
    mention("report:a", "mech:x", 2);
    mention("report:b", "mech:x", 2);
    mention("report:c", "mech:x", 3);
    graph.mergeEdgeWithKey(relKey("ADDRESSED_BY", "stmt:p", "stmt:m"), "stmt:p", "stmt:m", { type: "ADDRESSED_BY", score: 0.625, reason: "同段" } as never);
    const held = () => {
      const out: string[] = [];
      graph.forEachEdgeHeld((_k, a, s) => out.push(`${s} ${JSON.stringify(a)}`));
      return out;
    };
    graph.spillNew(true, 1);
    expect(held()).toEqual([
      'report:a {"type":"MENTIONS","mentionCount":2}',
      'report:b {"type":"MENTIONS","mentionCount":2}',
      'report:c {"type":"MENTIONS","mentionCount":3}',
      'stmt:p {"type":"ADDRESSED_BY","score":0.625}',
    ]);
    // The first changed: the second, which held the same count, keeps its own.
    graph.mergeEdgeAttributes(relKey("MENTIONS", "report:a", "mech:x"), { mentionCount: 5 } as never);
    expect(held().slice(0, 2)).toEqual(['report:a {"type":"MENTIONS","mentionCount":5,"lines":[2],"contexts":["problem"]}', 'report:b {"type":"MENTIONS","mentionCount":2}']);
    graph.settle();
    graph.spillBuilt(true);
    const all: string[] = [];
    graph.forEachEdge((_k, a, s) => all.push(`${s} ${JSON.stringify(a)}`));
    graph.release();
    expect(all).toEqual([
      'report:a {"type":"MENTIONS","mentionCount":5,"lines":[2],"contexts":["problem"]}',
      'report:b {"type":"MENTIONS","mentionCount":2,"lines":[2],"contexts":["problem"]}',
      'report:c {"type":"MENTIONS","mentionCount":3,"lines":[3],"contexts":["problem"]}',
      'stmt:p {"type":"ADDRESSED_BY","score":0.625,"reason":"同段"}',
    ]);
  });

  it("should give a spilled node's attributes back as they were, hold again one that is changed, and keep what JSON would change", () => {
    const graph = new CompactGraph();
    const statement = { label: "Statement", kind: "problem", text: "支部活动形式单一", line: 7, reportKey: "report:r1", themeKey: "theme:t", lines: [1, 2], flag: false, none: null };
    graph.mergeNode("stmt:a", { ...statement } as never);
    graph.mergeNode("stmt:b", { label: "Statement", kind: "measure", score: Number.NaN } as never);
    graph.mergeNode("stmt:c", { label: "Statement", kind: "measure", text: "规范组织生活" } as never);
    graph.mergeNode("theme:t", { label: "Theme", name: "组织生活" } as never);
    graph.mergeEdgeWithKey("e", "stmt:a", "theme:t", { type: "BELONGS_TO" } as never);
    const before: string[] = [];
    graph.forEachNode((k, a) => before.push(`${k} ${JSON.stringify(a)}`));
    graph.spill((a) => a.label === "Statement");
    try {
      // Every reader sees the same attributes; the writer's view holds only those it reads of other nodes.
      const after: string[] = [];
      graph.forEachNode((k, a) => after.push(`${k} ${JSON.stringify(a)}`));
      expect(after).toEqual(before);
      expect(graph.nodeAttributes("stmt:a")).toEqual(statement);
      expect(graph.getNodeAttribute("stmt:a", "line")).toBe(7);
      expect(graph.getNodeAttribute("stmt:a", "themeKey")).toBe("theme:t");
      // Reading the whole of a spilled node (the Neo4j sync's rows) does not hold it again.
      expect(graph.getNodeAttributes("stmt:a")).toEqual(statement);
      const held: Record<string, unknown> = {};
      graph.forEachNodeHeld((k, a) => (held[k] = a));
      expect(held["stmt:a"]).toEqual({ label: "Statement", kind: "problem", reportKey: "report:r1", themeKey: "theme:t" });
      // NaN would come back as null: that node stays as it is.
      expect(Number.isNaN((held["stmt:b"] as { score: number }).score)).toBe(true);
      expect(held["theme:t"]).toEqual({ label: "Theme", name: "组织生活" });
      // A change reaches every later reader, the writer's view included.
      graph.mergeNodeAttributes("stmt:c", { line: 9 } as never);
      graph.setNodeAttribute("stmt:a", "line", 8);
      graph.mergeNode("stmt:d", { label: "Statement", kind: "problem" } as never);
      expect(graph.nodeAttributes("stmt:a")).toEqual({ ...statement, line: 8 });
      expect(graph.getNodeAttributes("stmt:c")).toEqual({ label: "Statement", kind: "measure", text: "规范组织生活", line: 9 });
      graph.forEachNodeHeld((k, a) => (held[k] = a));
      expect(held["stmt:c"]).toEqual({ label: "Statement", kind: "measure", text: "规范组织生活", line: 9 });
      expect(held["stmt:d"]).toEqual({ label: "Statement", kind: "problem" });
      const ends: string[] = [];
      graph.forEachEdge((_k, _a, s, _t, sa) => ends.push(`${s} ${(sa as unknown as { text: string }).text}`));
      expect(ends).toEqual(["stmt:a 支部活动形式单一"]);
    } finally {
      graph.release();
    }
    expect(graph.order).toBe(0);
  });

  it("should find each relationship by its derived key among thousands, without holding the keys", () => {
    const graph = new CompactGraph();
    const n = 3000;
    for (let i = 0; i < n; i++) {
      graph.mergeEdgeWithKey(relKey("MENTIONS", `stmt:${i}`, `org:${i % 50}`), `stmt:${i}`, `org:${i % 50}`, { type: "MENTIONS", lines: [i] } as never);
      // The same ends with another type: another relationship.
      if (i % 3 === 0) graph.mergeEdgeWithKey(relKey("CAUSES", `stmt:${i}`, `org:${i % 50}`), `stmt:${i}`, `org:${i % 50}`, { type: "CAUSES" });
    }
    expect(graph.size).toBe(n + n / 3);
    const given: (string | undefined)[] = [];
    graph.forEachEdgeDerived((k) => given.push(k));
    expect(given.every((k) => k === undefined)).toBe(true);
    expect(graph.edges().slice(0, 2)).toEqual([relKey("MENTIONS", "stmt:0", "org:0"), relKey("CAUSES", "stmt:0", "org:0")]);
    for (const i of [0, 1, 1023, 1024, 2999]) expect(graph.hasEdge(relKey("MENTIONS", `stmt:${i}`, `org:${i % 50}`))).toBe(true);
    expect(graph.hasEdge(relKey("CAUSES", "stmt:1", "org:1"))).toBe(false);
    expect(graph.hasEdge(relKey("MENTIONS", "stmt:1", "org:2"))).toBe(false);
    // Merged again, with or without its type: the same relationship, changed.
    graph.mergeEdgeWithKey(relKey("MENTIONS", "stmt:7", "org:7"), "stmt:7", "org:7", { type: "MENTIONS", count: 2 } as never);
    graph.mergeEdgeWithKey(relKey("MENTIONS", "stmt:8", "org:8"), "stmt:8", "org:8", { count: 3 } as never);
    graph.mergeEdgeAttributes(relKey("CAUSES", "stmt:9", "org:9"), { reason: "r" } as never);
    expect(graph.size).toBe(n + n / 3);
    const changed: string[] = [];
    graph.forEachEdge((k, a, s) => {
      if (["stmt:7", "stmt:8", "stmt:9"].includes(s)) changed.push(`${k === relKey(a.type, s, "org:" + s.slice(5)) ? "derived" : k} ${JSON.stringify(a)}`);
    });
    expect(changed).toEqual([
      'derived {"type":"MENTIONS","lines":[7],"count":2}',
      'derived {"type":"MENTIONS","lines":[8],"count":3}',
      'derived {"type":"MENTIONS","lines":[9]}',
      'derived {"type":"CAUSES","reason":"r"}',
    ]);
    expect(() => graph.mergeEdgeWithKey(relKey("MENTIONS", "stmt:7", "org:7"), "stmt:7", "org:8", {})).toThrow(/inconsistency/);
    // Once settled (its table let go), found again; and a new one added.
    graph.settle();
    expect(graph.hasEdge(relKey("MENTIONS", "stmt:2999", "org:49"))).toBe(true);
    graph.mergeEdgeWithKey(relKey("MENTIONS", "stmt:2999", "org:49"), "stmt:2999", "org:49", { type: "MENTIONS" });
    graph.mergeEdgeWithKey(relKey("MENTIONS", "stmt:2999", "org:48"), "stmt:2999", "org:48", { type: "MENTIONS" });
    expect([graph.size, graph.hasEdge(relKey("MENTIONS", "stmt:2999", "org:48"))]).toEqual([n + n / 3 + 1, true]);
  });

  it("should give a spilled relationship's attributes back as they were, and hold again one that is changed", () => {
    const graph = new CompactGraph();
    const mention = { type: "MENTIONS", lines: [3, 9], contexts: ["problem"], surfaces: ["党支部"], mentionCount: 2 };
    graph.mergeEdgeWithKey(relKey("MENTIONS", "report:r", "org:党支部"), "report:r", "org:党支部", { ...mention } as never);
    graph.mergeEdgeWithKey(relKey("CONTAINS", "report:r", "stmt:a"), "report:r", "stmt:a", { type: "CONTAINS" });
    graph.mergeEdgeWithKey(relKey("ADDRESSED_BY", "stmt:a", "stmt:b"), "stmt:a", "stmt:b", { type: "ADDRESSED_BY", score: Number.NaN } as never);
    graph.mergeEdgeWithKey("own", "stmt:b", "stmt:a", { type: "CAUSES", reason: "因为" } as never);
    const before: string[] = [];
    graph.forEachEdge((k, a) => before.push(`${k} ${JSON.stringify(a)}`));
    graph.spillEdges();
    try {
      const after: string[] = [];
      graph.forEachEdge((k, a) => after.push(`${k} ${JSON.stringify(a)}`));
      expect(after).toEqual(before);
      // The writer's view: a spilled one's type alone and its line; the type alone and NaN (JSON would change it) stay.
      const view: unknown[] = [];
      graph.forEachEdgeDerived((k, a, _s, _t, line) => view.push([k, { ...a }, line >= 0 ? graph.spilledEdgeAttributes(line) : null]));
      // The Neo4j sync's plan of keys: every relationship with its key, type and ends, its attributes as held.
      const plan: string[] = [];
      graph.forEachEdgeHeld((k, a, s, t) => plan.push(`${k} ${JSON.stringify(a)} ${s}-${t}`));
      expect(plan).toEqual([
        `${relKey("MENTIONS", "report:r", "org:党支部")} {"type":"MENTIONS"} report:r-org:党支部`,
        `${relKey("CONTAINS", "report:r", "stmt:a")} {"type":"CONTAINS"} report:r-stmt:a`,
        `${relKey("ADDRESSED_BY", "stmt:a", "stmt:b")} {"type":"ADDRESSED_BY","score":null} stmt:a-stmt:b`,
        'own {"type":"CAUSES"} stmt:b-stmt:a',
      ]);
      expect(view).toEqual([
        [undefined, { type: "MENTIONS" }, mention],
        [undefined, { type: "CONTAINS" }, null],
        [undefined, { type: "ADDRESSED_BY", score: Number.NaN }, null],
        ["own", { type: "CAUSES" }, { type: "CAUSES", reason: "因为" }],
      ]);
      graph.mergeEdgeAttributes("own", { score: 1 } as never);
      const lines: number[] = [];
      graph.forEachEdgeDerived((_k, a, _s, _t, line) => a.type === "CAUSES" && lines.push(line));
      expect(lines).toEqual([-1]);
      const changed: unknown[] = [];
      graph.forEachInEdge("stmt:a", (k, a) => k === "own" && changed.push(a));
      expect(changed).toEqual([{ type: "CAUSES", reason: "因为", score: 1 }]);
    } finally {
      graph.release();
    }
    expect(graph.size).toBe(0);
  });

  it("should refuse what graphology refuses: a loop, a key merged with other ends", () => {
    const graph = new CompactGraph();
    expect(() => graph.mergeEdgeWithKey("e", "a", "a", {})).toThrow(/loop/);
    graph.mergeEdgeWithKey("e", "a", "b", { type: "CONTAINS" });
    expect(() => graph.mergeEdgeWithKey("e", "a", "c", {})).toThrow(/inconsistency/);
    expect(graph.order).toBe(2);
    graph.mergeEdgeWithKey("e", "a", "b", { reason: "x" } as never);
    expect(graph.size).toBe(1);
    const seen: string[] = [];
    graph.forEachInEdge("b", (k, a, s) => seen.push(`${k} ${s} ${JSON.stringify(a)}`));
    expect(seen).toEqual(['e a {"type":"CONTAINS","reason":"x"}']);
  });
});
