/*
 * Version 2 of the graph file's format (what kg wrote before version 3; still read, and written by
 * graphFileChunksV2 for tests and comparisons only). It is a compact JSON form of graphology's
 * `graph.export()` that reads back into exactly the same graph:
 *
 *   {"format":"kg-graph","version":2,"attributes":{…},"options":{…},"strings":[…],"shapes":[[keys…],…],
 *    "nodes":[[key,shape,values…],…],"edges":[[sourceIndex,targetIndex,0 or [key],shape,values…],…]}
 *
 * - Every string value of four characters or more that occurs more than once (a path, a report key, a
 *   statement's text that is also its quote and sits in its document's record, a reason …) is stored once
 *   in `strings` and referenced as "\uE000" + its index in base 36.
 * - A node's or edge's attributes are a shape (the sorted list of their keys, stored once in `shapes`) and
 *   the values in that order.
 * - An edge names its nodes by their place in `nodes`; its key is 0 when it is the key kg derives from
 *   its type and nodes (graph/keys.ts relKey, computed again when reading), else [key].
 * - A Document's extraction record (a JSON string, graph/records.ts) is stored as a value, not as a string
 *   within a string: every object in it as [shape, values…] (its keys in their own order), every array as
 *   [-1, items…], its strings interned too; reading gives back the same string.
 * Nodes and edges are sorted by key and attribute keys sorted, so the same graph always gives the
 * same bytes. A file whose path ends in .gz is gzip-compressed; readers recognise gzip by its bytes.
 * Version 1 (a plain graphology export, written by older kg) is still read. A graph whose strings use
 * the private-use character U+E000 this format reserves is written as version 1.
 */
import type { KgGraph } from "../graph/build-graph.ts";
import { relKey } from "../graph/keys.ts";
import type { KgGraphAttributes, RelType } from "../graph/schema.ts";
import { type Attrs, byCodeUnits, encodePlain, GRAPH_FORMAT, propertyOrder, REF, type SerializedKgGraph, stringTable } from "./graph-codec-common.ts";

export const VERSION_2 = 2;
/** Strings shorter than this are written out (a reference would save little). */
const MIN_INTERNED = 4;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Rows per chunk of graphFileChunks. */
const CHUNK_ROWS = 2_000;

/**
 * The graph file's text in pieces (their concatenation is serializeGraph's text), read from the graph as it is:
 * nothing is copied but the rows of one chunk, so writing a large graph needs little memory beyond the graph.
 */
export function* graphFileChunksV2(graph: KgGraph): Generator<string> {
  const nodeKeys = graph.nodes().sort(byCodeUnits);
  const edgeKeys = graph.edges().sort(byCodeUnits);
  const options = { allowSelfLoops: graph.allowSelfLoops, multi: graph.multi, type: graph.type };
  // Records as JSON values (kept as strings when they would not read back as the same string). Each is
  // parsed when counted and again when written, never all held at once.
  const withRecord = new Set<string>();
  const parseRecord = (a: Attrs): Json | undefined => {
    if (a.label !== "Document" || typeof a.record !== "string") return undefined;
    try {
      return JSON.parse(a.record) as Json;
    } catch {
      return undefined;
    }
  };
  // Count the strings, collect the keys of objects written as objects; refuse what the format reserves.
  const counts = new Map<string, number>();
  const keys = new Set<string>(["allowSelfLoops", "multi", "type"]);
  let reserved = false;
  const count = (v: unknown, objectKeys: boolean): void => {
    if (typeof v === "string") {
      if (v.length >= MIN_INTERNED) {
        const c = counts.get(v);
        if (c === undefined) {
          counts.set(v, 1);
          if (v.includes(REF)) reserved = true;
        } else counts.set(v, c + 1);
      } else if (v.includes(REF)) reserved = true;
    } else if (Array.isArray(v)) {
      for (const x of v) count(x, objectKeys);
    } else if (v !== null && typeof v === "object") {
      for (const k of Object.keys(v)) {
        if (k.includes(REF)) reserved = true;
        if (objectKeys) keys.add(k);
        count((v as Attrs)[k], objectKeys);
      }
    }
  };
  count(graph.getAttributes(), true);
  for (const k of nodeKeys) {
    const a = graph.getNodeAttributes(k) as Attrs;
    let r = parseRecord(a);
    if (r !== undefined && JSON.stringify(r) !== a.record) r = undefined;
    if (r !== undefined) withRecord.add(k);
    for (const name in a) {
      if (name.includes(REF)) reserved = true;
      if (!(name === "record" && r !== undefined)) count(a[name], true);
    }
    if (r !== undefined) count(r, false);
  }
  for (const e of edgeKeys) {
    if (graph.isUndirected(e)) reserved = true;
    count(graph.getEdgeAttributes(e), true);
  }
  if (reserved) {
    yield encodePlain(graph.export());
    return;
  }
  const { strings, ref } = stringTable(counts);
  const list = propertyOrder(keys);
  // Rows with an object inside are written with the sorted key list (JSON.stringify's slow path); others without.
  let objectInRow = false;
  const enc = (v: unknown): unknown => {
    if (typeof v === "string") return ref.get(v) ?? v;
    if (Array.isArray(v)) return v.map(enc);
    if (v !== null && typeof v === "object") {
      objectInRow = true;
      const out: Attrs = {};
      for (const k in v as Attrs) {
        const x = (v as Attrs)[k];
        if (x !== undefined) out[k] = enc(x);
      }
      return out;
    }
    return v;
  };
  // An object's keys are written once per shape (a list of keys), its values in that order.
  const shapes: string[][] = [];
  const shapeIndex = new Map<string, number>();
  const shapeOf = (names: string[]): number => {
    const id = names.join("\u0000");
    let n = shapeIndex.get(id);
    if (n === undefined) shapeIndex.set(id, (n = shapes.push(names) - 1));
    return n;
  };
  // Within a record every object is [shape, values…] (keys in their own order, so the record reads back as the
  // same string) and every array [-1, items…].
  const encRecord = (v: Json): unknown => {
    if (typeof v === "string") return ref.get(v) ?? v;
    if (Array.isArray(v)) return [-1, ...v.map(encRecord)];
    if (v !== null && typeof v === "object") {
      const names = Object.keys(v);
      return [shapeOf(names), ...names.map((k) => encRecord(v[k]!))];
    }
    return v;
  };
  const row = (head: unknown[], attrs: Attrs, record?: Json): unknown[] => {
    const names = Object.keys(attrs).filter((k) => attrs[k] !== undefined).sort();
    head.push(shapeOf(names));
    for (const k of names) head.push(k === "record" && record !== undefined ? encRecord(record) : enc(attrs[k]));
    return head;
  };
  const index = new Map(nodeKeys.map((k, i) => [k, i]));
  function* rows(from: string[], make: (key: string) => unknown[]): Generator<string> {
    for (let i = 0; i < from.length; i += CHUNK_ROWS) {
      const part = from.slice(i, i + CHUNK_ROWS).map((k) => {
        objectInRow = false;
        const r = make(k);
        return objectInRow ? JSON.stringify(r, list) : JSON.stringify(r);
      });
      yield (i > 0 ? "," : "") + part.join(",");
    }
  }
  // Top-level keys in code-unit order, as every object of the file.
  yield `{"attributes":${JSON.stringify(enc(graph.getAttributes()), list)},"edges":[`;
  yield* rows(edgeKeys, (e) => {
    const a = graph.getEdgeAttributes(e) as Attrs;
    const source = graph.source(e);
    const target = graph.target(e);
    // The key kg gives a relationship (graph/keys.ts) is computed again when reading; another key is kept.
    const derived = typeof a.type === "string" && e === relKey(a.type as RelType, source, target);
    return row([index.get(source), index.get(target), derived ? 0 : [e]], a);
  });
  yield `],"format":${JSON.stringify(GRAPH_FORMAT)},"nodes":[`;
  yield* rows(nodeKeys, (k) => {
    const a = graph.getNodeAttributes(k) as Attrs;
    return row([k], a, withRecord.has(k) ? parseRecord(a) : undefined);
  });
  yield `],"options":${JSON.stringify(options, list)},"shapes":${JSON.stringify(shapes)},"strings":${JSON.stringify(strings)},"version":${VERSION_2}}\n`;
}

/** The graphology export held by a version 2 file's parsed JSON. */
export function decodeV2(data: Attrs): SerializedKgGraph {
  const strings = data.strings as string[];
  const dec = (v: unknown): unknown => {
    if (typeof v === "string") {
      if (v.charCodeAt(0) !== 0xe000) return v;
      const s = strings[parseInt(v.slice(1), 36)];
      if (s === undefined) throw new Error(`a reference to string ${v.slice(1)} of ${strings.length}`);
      return s;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = dec(v[i]);
      return v;
    }
    if (v !== null && typeof v === "object") {
      for (const k in v as Attrs) (v as Attrs)[k] = dec((v as Attrs)[k]);
      return v;
    }
    return v;
  };
  const shapes = data.shapes as string[][];
  const attrsOf = (r: unknown[], from: number): Attrs => {
    const keys = shapes[r[from] as number];
    if (!keys) throw new Error(`shape ${String(r[from])} of ${shapes.length}`);
    const out: Attrs = {};
    keys.forEach((k, i) => (out[k] = dec(r[from + 1 + i])));
    return out;
  };
  const decRecord = (v: unknown): unknown => {
    if (!Array.isArray(v)) return v;
    if (v[0] === -1) return v.slice(1).map(decRecord);
    const keys = shapes[v[0] as number];
    if (!keys) throw new Error(`record shape ${String(v[0])} of ${shapes.length}`);
    const out: Attrs = {};
    keys.forEach((k, i) => (out[k] = decRecord(v[i + 1])));
    return out;
  };
  const rows = data.nodes as unknown[][];
  const nodes = rows.map((r) => {
    const attributes = attrsOf(r, 1);
    if (attributes.label === "Document" && Array.isArray(attributes.record)) attributes.record = JSON.stringify(decRecord(attributes.record));
    return { key: r[0] as string, attributes };
  });
  const edges = (data.edges as unknown[][]).map((r) => {
    const attributes = attrsOf(r, 3);
    const source = rows[r[0] as number]?.[0] as string | undefined;
    const target = rows[r[1] as number]?.[0] as string | undefined;
    if (source === undefined || target === undefined) throw new Error(`an edge to node ${String(source === undefined ? r[0] : r[1])} of ${rows.length}`);
    const key = Array.isArray(r[2]) ? (r[2][0] as string) : relKey(attributes.type as RelType, source, target);
    return { key, source, target, attributes };
  });
  return { options: data.options, attributes: dec(data.attributes) as KgGraphAttributes, nodes, edges } as SerializedKgGraph;
}
