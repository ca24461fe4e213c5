/*
 * The embedded default store: the graph file (default out/graph.json), a compact JSON form of graphology's
 * `graph.export()` that stores each text once (format version 4 in graph-codec-v3.ts; versions 1 to 3 still
 * read; gzip when the path ends in .gz).
 * `kg import` rebuilds the file from the extraction records it holds (on its Document nodes) plus the
 * documents read now (importDocumentsIntoGraphFile): themes, decisions, links and recurrence are
 * recomputed over the union and the file is rewritten, so any order or batching of imports of the same
 * documents gives the same bytes as one clean import, and nothing that no statement supports any more
 * stays behind. Output is canonical (sorted nodes, edges and attribute keys), so importing the same
 * input twice leaves a byte-identical file. importIntoGraphFile is the plain key-by-key merge of a
 * graph without records. Every read-merge-write runs under an exclusive lock file (file-lock.ts), so
 * concurrent imports queue instead of losing each other's data.
 */
import { readFile, rename, stat, unlink } from "node:fs/promises";
import { dirname } from "node:path";
import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";

import { InputError, OutputError } from "../errors.ts";
import { assignAggregates } from "../graph/aggregates.ts";
import { createKgGraph, type KgGraph } from "../graph/build-graph.ts";
import { buildStoreGraph, documentsOfGraph, documentsOfNode, unionDocuments } from "../graph/records.ts";
import type { Codebook } from "../themes/codebook.ts";
import type { LoadedDecisions } from "../themes/decisions.ts";
import type { Diagnostic, DocumentExtraction } from "../types.ts";
import { ensureFolder } from "../util/ensure-folder.ts";
import { collectGarbage, HeapBound } from "../util/gc.ts";
import { plural } from "../util/terminal.ts";
import { type ChunkOptions, graphFileChunks, parseGraphFile, serializeGraph } from "./graph-codec.ts";
import { assertReplaceableFile, type LockOptions, removeStaleTempFiles, withFileLock } from "./file-lock.ts";
import { KeyDigests, KeyDigestsBuilder } from "./key-digests.ts";

export { assignAggregates, parseGraphFile, serializeGraph };

export const DEFAULT_GRAPH_FILE = "out/graph.json";

/** What writing into a graph file changed. */
export interface GraphFileSummary {
  path: string;
  /** Nodes / edges in the file after the write. */
  nodes: number;
  edges: number;
  nodesAdded: number;
  edgesAdded: number;
  /** True when an existing file was merged into (false: new file, or --wipe). */
  merged: boolean;
  /** Nodes / edges of the old file that are gone (replaced documents, themes no statement supports). */
  nodesRemoved?: number;
  edgesRemoved?: number;
}

export interface DocumentsImportOptions {
  wipe?: boolean;
  codebook: Codebook;
  decisions?: LoadedDecisions | undefined;
  lock?: LockOptions;
  /**
   * The caller hands the documents over: `incoming` is emptied once the graph (with the records) is built,
   * so that they are not held while the file is written (kg import; peak memory).
   */
  handOver?: boolean;
  /** Told when each long step starts (reading the stored graph, recomputing, writing), for progress. */
  onPhase?: (phase: string, detail?: string) => void;
}

/**
 * Import documents into the graph file at `path`: the stored documents (unless `wipe`) with `incoming`
 * replacing those at the same paths, everything across reports recomputed over the union, the file
 * rewritten atomically. Diagnostics of the recomputation (decisions that no longer apply …) are pushed
 * to `diagnostics`.
 * @example await importDocumentsIntoGraphFile(documents, "out/graph.json", { codebook }, diagnostics);
 */
export async function importDocumentsIntoGraphFile(
  incoming: DocumentExtraction[],
  path: string,
  options: DocumentsImportOptions,
  diagnostics: Diagnostic[],
): Promise<GraphFileSummary & { graph: KgGraph }> {
  // Read-merge-write under the file's exclusive lock (sinks/file-lock.ts): a concurrent import waits.
  await assertReplaceableFile(path);
  return withFileLock(path, () => rebuildFile(incoming, path, options, diagnostics), options.lock);
}

async function rebuildFile(
  incoming: DocumentExtraction[],
  path: string,
  options: DocumentsImportOptions,
  diagnostics: Diagnostic[],
): Promise<GraphFileSummary & { graph: KgGraph }> {
  await removeStaleTempFiles(path);
  const existing = options.wipe ? null : await readIfExists(path, () => options.onPhase?.(`reading ${path}`));
  const merged = existing !== null;
  const { graph, diff } = rebuildGraph(existing, incoming, options, diagnostics);
  // Only the new graph is held while it is written: the old one, the documents and their extraction are let go
  // (and, handed over, collected at once: the heap is then sized from the graph, not from the stages before).
  // The collection waits for the next turn of the event loop: collected at once, about a third of the heap
  // (what the stages before left, at 10 MB of reports 170 of 470 MB) was still held, and only freed once the
  // writer had started, after the heap had been sized with it.
  if (options.handOver) {
    incoming.length = 0;
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
  }
  options.onPhase?.(`writing ${path}`, `${graph.order} nodes, ${graph.size} relationships`);
  await writeGraphFile(graph, path, { collect: options.handOver === true });
  return { path, nodes: graph.order, edges: graph.size, ...diff, merged, graph };
}

/** The graph of the stored documents with `incoming`, and what changed against the old graph (which is then let go). */
function rebuildGraph(existing: KgGraph | null, incoming: readonly DocumentExtraction[], options: DocumentsImportOptions, diagnostics: Diagnostic[]) {
  const stored = existing ? documentsOfGraph(existing) : [];
  const all = unionDocuments(stored, incoming);
  options.onPhase?.(`themes, links and the graph over ${plural(all.length, "document")}${existing ? ` (${stored.length} in the file, ${incoming.length} read now)` : ""}`);
  // Handed over, the documents are not assembled again: their workers' preparations can go once used.
  const { graph } = buildStoreGraph(all, options.codebook, options.decisions, diagnostics, { forgetPreparations: options.handOver === true });
  return { graph, diff: keyDiff(existing, graph) };
}

/**
 * What changed between two graphs, by node and edge key (the old one as a graph, or only its keys' digests: a
 * digest two keys share makes both counts of added and removed one too low, key-digests.ts says how unlikely).
 */
export function keyDiff(before: KgGraph | GraphKeys | null, after: KgGraph) {
  const count = (keys: Iterable<string>, has: (k: string) => boolean) => {
    let n = 0;
    for (const k of keys) if (!has(k)) n += 1;
    return n;
  };
  if (!before) return { nodesAdded: after.order, edgesAdded: after.size, nodesRemoved: 0, edgesRemoved: 0 };
  if (isGraphKeys(before)) {
    // Each key of the new graph is once in it: those the old one held are its keys not added, the rest of its keys are removed.
    const nodesAdded = count(after.nodes(), (k) => before.nodes.has(k));
    const edgesAdded = count(after.edges(), (k) => before.edges.has(k));
    return { nodesAdded, edgesAdded, nodesRemoved: before.nodes.size - (after.order - nodesAdded), edgesRemoved: before.edges.size - (after.size - edgesAdded) };
  }
  return {
    nodesAdded: count(after.nodes(), (k) => before.hasNode(k)),
    edgesAdded: count(after.edges(), (k) => before.hasEdge(k)),
    nodesRemoved: count(before.nodes(), (k) => after.hasNode(k)),
    edgesRemoved: count(before.edges(), (k) => after.hasEdge(k)),
  };
}

const isGraphKeys = (g: KgGraph | GraphKeys): g is GraphKeys => g.nodes instanceof KeyDigests;

/** Read a graph file written by writeGraphFile. Throws InputError when it is missing or not a graph. */
export async function readGraphFile(path: string): Promise<KgGraph> {
  const bytes = await graphFileBytes(path);
  try {
    const graph = createKgGraph();
    graph.import(parseGraphFile(bytes));
    return graph;
  } catch (err) {
    throw notAGraph(path, err);
  }
}

async function graphFileBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    throw new InputError(`graph file: cannot read "${path}" (${(err as NodeJS.ErrnoException).code ?? "error"}). Run \`kg import <paths>\` first.`, { cause: err });
  }
}

const notAGraph = (path: string, err: unknown) =>
  new InputError(`graph file: "${path}" is not a graph written by kg import (${(err as Error).message}).`, { cause: err });

/** The keys of a graph's nodes and relationships, as digests (what keyDiff compares). */
export interface GraphKeys {
  nodes: KeyDigests;
  edges: KeyDigests;
}

/**
 * The documents a graph file stores (as documentsOfGraph gives them, in the same order) handed to `visit` one at a
 * time, and the keys of its nodes and relationships, without building the graph (kg import into an existing file:
 * graph-file-spooled.ts). Null when there is no file; `onRead` is called when there is one, before it is read.
 * Throws InputError as readGraphFile does.
 */
export async function readStoredDocuments(path: string, visit: (doc: DocumentExtraction) => void, onRead?: () => void): Promise<GraphKeys | null> {
  if (!(await exists(path))) return null;
  onRead?.();
  const nodeKeys = new KeyDigestsBuilder();
  const edgeKeys = new KeyDigestsBuilder();
  let data: ReturnType<typeof parseGraphFile>;
  let bytes: Buffer | null = null;
  // Versions 3 and 4 hand each Document on as its row is decoded (its record then let go: each one's garbage is
  // collected whenever the heap has grown by a quarter: util/gc.ts HeapBound), and each relationship's key; the
  // relationships are not kept. Other versions are decoded whole, their documents read below.
  let bound: HeapBound | null = null;
  let handed = false;
  let visitError: unknown = null;
  const keysOnly = {
    edge: (key: string) => edgeKeys.add(key),
    document: (attributes: Record<string, unknown>) => {
      handed = true;
      (bound ??= new HeapBound()).check();
      try {
        documentsOfNode(attributes, visit);
      } catch (err) {
        visitError = err;
        throw err;
      }
    },
  };
  try {
    bytes = await graphFileBytes(path);
    // The bytes handed over: let go once decompressed.
    const take = () => {
      const b = bytes!;
      bytes = null;
      return b;
    };
    data = parseGraphFile(take, { lean: true, keysOnly });
  } catch (err) {
    // What reading a document or taking it threw (a damaged record: graph/records.ts) is said as such.
    throw err === visitError ? err : notAGraph(path, err);
  }
  // Keys as graph.import gives them (an edge without its key, only in files kg did not write, gets one there).
  if (data.edges.some((e) => e.key === undefined)) {
    const graph = createKgGraph();
    try {
      graph.import(data);
    } catch (err) {
      throw notAGraph(path, err);
    }
    graph.forEachNode((key, attrs) => (nodeKeys.add(key), documentsOfNode(attrs, visit)));
    graph.forEachEdge((key) => edgeKeys.add(key));
    return { nodes: nodeKeys.seal(), edges: edgeKeys.seal() };
  }
  for (const e of data.edges) edgeKeys.add(e.key!);
  data.edges = [];
  const edges = edgeKeys.seal();
  // What decoding left is collected before the documents of versions 1 and 2 are read one at a time.
  if (!handed) collectGarbage();
  bound ??= new HeapBound();
  // The nodes come in key order (kg writes them so): a key given twice is then the one before.
  let previous: string | undefined;
  let ordered = true;
  for (const [i, node] of data.nodes.entries()) {
    if (node.key === previous) throw notAGraph(path, new Error(`the node "${node.key}" twice`));
    if (previous !== undefined && !(previous < node.key)) ordered = false;
    previous = node.key;
    nodeKeys.add(node.key);
    if (handed) continue;
    if (node.attributes?.label === "Document") bound.check();
    const attributes = node.attributes as Record<string, unknown> | undefined;
    if (attributes) documentsOfNode(attributes, visit);
    // Each node's attributes let go once read (a Document's record is the largest).
    data.nodes[i] = { key: node.key };
  }
  // In key order a digest met twice is two keys sharing it (a count of the summary line off by one, key-digests.ts);
  // otherwise it is taken for a key given twice.
  const nodes = nodeKeys.seal((repeats) => {
    if (!ordered) throw notAGraph(path, new Error(`${plural(repeats, "node key")} given twice`));
  });
  return { nodes, edges };
}

/**
 * Write a graph in the graph file format (sinks/graph-codec.ts; gzip-compressed when `path` ends in .gz),
 * creating the folder, replacing the file atomically; the temp file never stays behind. `records` gives the
 * extraction records of Document nodes that do not hold theirs, `onPlanned` is told when the graph is no longer
 * read (kg import: graph-file-spooled.ts).
 */
export async function writeGraphFile(graph: KgGraph, path: string = DEFAULT_GRAPH_FILE, options: { collect?: boolean } & ChunkOptions = {}): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await ensureFolder(dirname(path));
    // Written piece by piece (through gzip when the name ends in .gz): the whole text is never held at once.
    const chunks = graphFileChunks(graph, { records: options.records, onPlanned: options.onPlanned, collect: options.collect, texts: options.texts, edges: options.edges, edgeAttributes: options.edgeAttributes, nodes: options.nodes });
    const pieces = Readable.from(options.collect ? collectedAfterCounting(chunks) : chunks, { objectMode: false });
    await pipeline(path.endsWith(".gz") ? [pieces, createGzip(), createWriteStream(tmp)] : [pieces, createWriteStream(tmp)]);
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw new OutputError(`graph file: cannot write "${path}" (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`, { cause: err });
  }
}

/**
 * The pieces, with one full garbage collection once the first is out: the writer has then planned every row
 * (parsing every record once) and counted the strings, and what that left behind would otherwise stay through the write.
 * Then bounded (HeapBound): each piece is made and let go, and V8 let that garbage grow the heap by 170 MB while a
 * 100 MB corpus's file was written, past the peak of all that came before.
 */
function* collectedAfterCounting(pieces: Generator<string>): Generator<string> {
  let bound: HeapBound | null = null;
  for (const piece of pieces) {
    yield piece;
    if (bound === null) {
      collectGarbage();
      bound = new HeapBound();
    } else bound.check();
  }
}

/**
 * Write `graph` into the graph file at `path`: merged into what the file holds (unless `wipe`),
 * with the recurrence counts recomputed over the result.
 * @example await importIntoGraphFile(buildGraph(extraction), "out/graph.json");
 */
export async function importIntoGraphFile(graph: KgGraph, path: string = DEFAULT_GRAPH_FILE, options: { wipe?: boolean; lock?: LockOptions } = {}): Promise<GraphFileSummary> {
  // Read-merge-write under the file's exclusive lock (sinks/file-lock.ts): a concurrent import waits.
  await assertReplaceableFile(path);
  return withFileLock(path, () => mergeIntoFile(graph, path, options), options.lock);
}

async function mergeIntoFile(graph: KgGraph, path: string, options: { wipe?: boolean }): Promise<GraphFileSummary> {
  await removeStaleTempFiles(path);
  const existing = options.wipe ? null : await readIfExists(path);
  const target = existing ?? createKgGraph();
  const before = { nodes: target.order, edges: target.size };
  mergeGraphInto(target, graph);
  assignAggregates(target);
  await writeGraphFile(target, path);
  return {
    path,
    nodes: target.order,
    edges: target.size,
    nodesAdded: target.order - before.nodes,
    edgesAdded: target.size - before.edges,
    merged: existing !== null,
  };
}

/** Merge every node and edge of `source` into `target` by key (attributes of `source` win). */
export function mergeGraphInto(target: KgGraph, source: KgGraph): void {
  target.mergeAttributes(source.getAttributes());
  source.forEachNode((key, attrs) => target.mergeNode(key, attrs));
  source.forEachEdge((key, attrs, s, t) => target.mergeEdgeWithKey(key, s, t, attrs));
}

/** The graph in the file at `path`, or null when there is no file; `onRead` is called when there is one, before it is read. */
export async function readIfExists(path: string, onRead?: () => void): Promise<KgGraph | null> {
  if (!(await exists(path))) return null;
  onRead?.();
  return readGraphFile(path);
}

/** False only when there is nothing at `path` (another error is left for the read to report). */
async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return false;
  }
  return true;
}
