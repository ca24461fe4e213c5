/*
 * The graph file's format: a compact JSON form of graphology's `graph.export()` that reads back into
 * exactly the same graph. Version 4 (graph-codec-v3.ts, which reads version 3 too) is what kg writes: every
 * text stored once (a document's text in its record, the rest as pieces of it or computed again when
 * read), what the records give (figures, mentions, reports' lines and titles …) left out, repeated strings
 * in a table, attribute keys once per shape, edges by node index. Versions 3, 2 (graph-codec-v2.ts) and 1
 * (the plain graphology export, written by older kg, and by this one for a graph holding the private-use
 * characters U+E000–U+E002 that versions 3 and 4 reserve) are still read. Nodes and edges are sorted by key
 * and attribute keys sorted, so the same graph always gives the same bytes. A file whose path ends in .gz
 * is gzip-compressed; readers recognise gzip by its bytes.
 */
import { gunzipSync } from "node:zlib";

import type { KgGraph } from "../graph/build-graph.ts";
import { type Attrs, encodePlain, GRAPH_FORMAT, type SerializedKgGraph } from "./graph-codec-common.ts";
import { decodeV2, VERSION_2 } from "./graph-codec-v2.ts";
import { scanGraphObject } from "./graph-file-scan.ts";
import { type ChunkOptions, decodeV3, type KeysOnly, graphFileChunksV3, type RecordSource, VERSION_3, VERSION_4 } from "./graph-codec-v3.ts";

export type { ChunkOptions, RecordSource, SerializedKgGraph };
export { GRAPH_FORMAT };
export const GRAPH_FORMAT_VERSION = VERSION_4;

/**
 * Canonical text of a graph in the current format (one trailing newline).
 * @example await writeFile("out/graph.json", serializeGraph(graph));
 */
export function serializeGraph(graph: KgGraph): string {
  return [...graphFileChunks(graph)].join("");
}

/**
 * The graph file's text in pieces (their concatenation is serializeGraph's text). Version 4 plans the rows
 * one at a time and holds their text (in UTF-8 buffers, about the size of the file, with provisional
 * references until the strings table is known; past 16 MB in a temporary file), not their values; it is made
 * final a chunk at a time.
 */
export function* graphFileChunks(graph: KgGraph, options: ChunkOptions = {}): Generator<string> {
  const chunks = graphFileChunksV3(graph, options);
  if (chunks !== null) {
    yield* chunks;
    return;
  }
  const data = graph.export();
  const { records } = options;
  // Version 1 holds every record as its Document node's attribute.
  if (records) {
    for (const node of data.nodes) {
      if (node.attributes?.label !== "Document" || node.attributes.record !== undefined) continue;
      const record = records(node.key);
      if (record !== undefined) node.attributes = { ...node.attributes, record };
    }
  }
  yield encodePlain(data);
}

/**
 * The graphology export held by a graph file's bytes (any version, gzip or not). `lean` (versions 3 and 4): every
 * node and relationship with its key, but of their attributes only those the keys are computed from, those written
 * as values, and each Document's record as an object (its JSON: JSON.stringify) (graph-file.ts readStoredDocuments).
 * `keysOnly` (versions 3 and 4, lean: graph-codec-v3.ts KeysOnly): each relationship's key and each Document are
 * handed to it as decoded; the export then holds neither relationships nor records. The bytes may be given as a function that hands
 * them over: they are then let go once decompressed and their text once parsed.
 * Throws an Error saying what is wrong when they are not a graph file.
 */
export function parseGraphFile(bytes: Buffer | (() => Buffer), options: { lean?: boolean; keysOnly?: KeysOnly } = {}): SerializedKgGraph {
  const keysOnly = options.lean === true ? options.keysOnly : undefined;
  const data = parsedJson(bytes, keysOnly !== undefined);
  if (data === null || typeof data !== "object") throw new Error("not a JSON object");
  if (data.format === undefined) {
    if (!Array.isArray(data.nodes)) throw new Error('no "nodes" list');
    return data as unknown as SerializedKgGraph;
  }
  if (data.format !== GRAPH_FORMAT) throw new Error(`unknown format ${JSON.stringify(data.format)}`);
  if (data.version === VERSION_4 || data.version === VERSION_3) return decodeV3(data, options.lean === true, keysOnly);
  if (data.version === VERSION_2) return decodeV2(data);
  throw new Error(`format version ${String(data.version)}, this kg reads versions 1 to ${GRAPH_FORMAT_VERSION}: re-import with this kg (kg import --wipe <paths>) or use the kg that wrote it`);
}

/**
 * The parsed JSON of a graph file's bytes (gunzipped when they are gzip); neither they nor their text outlive the
 * call. `scanned`: a version 3 or 4 file's `nodes` and `edges` are left in the bytes, read a chunk at a time as they
 * are decoded (graph-file-scan.ts); any other file, or one the scan cannot make out, is parsed whole.
 */
function parsedJson(bytes: Buffer | (() => Buffer), scanned: boolean): Attrs {
  const raw = decompressed(typeof bytes === "function" ? bytes() : bytes);
  if (scanned) {
    const data = scanGraphObject(raw, ["nodes", "edges"]);
    if (data !== null && data.format === GRAPH_FORMAT && (data.version === VERSION_4 || data.version === VERSION_3)) return data;
  }
  return JSON.parse(raw.toString("utf8")) as Attrs;
}

const decompressed = (b: Buffer): Buffer => (b[0] === 0x1f && b[1] === 0x8b ? gunzipSync(b) : b);
