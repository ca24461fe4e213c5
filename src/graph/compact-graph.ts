/*
 * A graph store for kg import into the graph file and into Neo4j (issue 12, peak memory): the part of graphology's
 * API that graph/build-graph.ts, graph/aggregates.ts, graph/report-metadata.ts, the graph file's writer
 * (sinks/graph-codec-v3.ts) and the Neo4j sync (store/neo4j/sync-graph.ts, load-graph.ts) use, over a few flat
 * lists. graphology keeps, per node, an object with maps of its neighbours, and per relationship an object linking it
 * to both ends: about half of the memory of a whole corpus's graph. Here a node is its key and attributes, a
 * relationship its key, attributes and the places of its ends; the relationships into each node are listed only
 * when asked for (assignAggregates, once).
 * Same semantics as graphology's where they are used: attribute objects are the ones given (not copied), merging
 * assigns, merging a relationship adds missing ends with no attributes and refuses a key with other ends or a
 * loop, iteration is in insertion order. Two differences that only memory sees: a relationship whose attributes
 * are its type alone holds one frozen object shared by all of that type, and a short list of plain values on a
 * relationship (a MENTIONS' lines, contexts, surfaces) one frozen list shared by all equal ones (both copied
 * before a merge changes them); and a relationship's key that is the one kg derives (graph/keys.ts relKey) is not
 * held but found by its hash, type and ends, and made again when asked for. Once the graph is built, the
 * attributes of its statements, figures and relationships can wait in a temporary file (spill, spillEdges).
 * Anything else (the viewer, serve) reads the file or gets a graphology graph (toGraphology).
 */
import { createKgGraph, type KgGraph } from "./build-graph.ts";
import { relKey } from "./keys.ts";
import type { KgEdgeAttributes, KgGraphAttributes, KgNodeAttributes, RelType } from "./schema.ts";
import { byCodeUnits } from "../sinks/graph-codec-common.ts";
import { HeapBound } from "../util/gc.ts";
import { LineSpool } from "../util/line-spool.ts";

type NodeAttrs = KgNodeAttributes;
/** The attributes of a spilled node still held (CompactGraph.spill): those the graph file's writer reads of other nodes. */
const SLIM_FIELDS = ["label", "path", "reportKey", "themeKey", "kind", "name"] as const;
/** The same values in a list at least twice as long (and at least `length`), the new places `fill`. */
function grown<T extends Int32Array<ArrayBuffer> | Uint8Array<ArrayBuffer>>(list: T, length = 0, fill = 0): T {
  const out = new (list.constructor as new (size: number) => T)(Math.max(length, list.length * 2));
  if (fill !== 0) out.fill(fill);
  out.set(list);
  return out;
}
/** Whether JSON gives `v` back exactly (strings, finite numbers but -0, booleans, null, plain lists and objects of them; undefined properties left out). */
function roundTrips(v: unknown, top = true): boolean {
  if (v === null || typeof v === "string" || typeof v === "boolean") return true;
  if (typeof v === "number") return Number.isFinite(v) && !Object.is(v, -0);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (!(i in v) || !roundTrips(v[i], false)) return false;
    return true;
  }
  if (typeof v !== "object" || Object.getPrototypeOf(v) !== Object.prototype) return false;
  for (const k of Object.keys(v)) {
    if (k === "__proto__") return false;
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined ? !top : !roundTrips(x, false)) return false;
  }
  return true;
}
/** The last 32 bits of a key kg derives (relKey: a type, ":" and 16 hex digits), as an integer; null for another key. */
function derivedHash(key: string): number | null {
  const colon = key.lastIndexOf(":");
  if (colon < 0 || key.length - colon !== 17) return null;
  const hex = key.slice(colon + 1);
  return /^[0-9a-f]{16}$/.test(hex) ? Number.parseInt(hex.slice(8), 16) | 0 : null;
}
/** The places from `from` up to (not including) `to`, in order. */
function range(from: number, to: number): Uint32Array<ArrayBuffer> {
  const places = new Uint32Array(to - from);
  for (let i = 0; i < places.length; i++) places[i] = from + i;
  return places;
}
/**
 * `items` ordered by `keyOf` (an integer from 0 to `keys` - 1), items of the same key in the order given: a stable
 * counting sort, into `into` when given (not `items` itself).
 */
function countingSort(items: Uint32Array, keyOf: (item: number) => number, keys: number, into = new Uint32Array(items.length)): Uint32Array {
  const start = new Uint32Array(keys + 1);
  for (let i = 0; i < items.length; i++) start[keyOf(items[i]!) + 1]!++;
  for (let k = 0; k < keys; k++) start[k + 1]! += start[k]!;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    into[start[keyOf(item)]!++] = item;
  }
  return into;
}
/** Each byte as 2 hex digits. */
const HEX2 = Array.from({ length: 256 }, (_v, i) => i.toString(16).padStart(2, "0"));
/** A 32-bit integer as 8 hex digits (byte by byte: a fifth of the cost of toString(16), which every relationship's key paid at each visit). */
function hex8(x: number): string {
  return HEX2[x >>> 24]! + HEX2[(x >>> 16) & 255]! + HEX2[(x >>> 8) & 255]! + HEX2[x & 255]!;
}
/** Whether a relationship's attributes hold a defined value besides its type. */
function hasMoreThanType(a: object): boolean {
  for (const k in a) if (k !== "type" && (a as Record<string, unknown>)[k] !== undefined) return true;
  return false;
}
/** The temporary file of spilled attributes (spill, spillEdges). */
const SPILL_FILE = { command: "kg import", prefix: "kg-graph-nodes-", room: "the attributes of the graph's statements and relationships", streams: 40 };
/**
 * Nodes added between two spills while the graph is built (spillNew): at 100 MB of reports about 25 batches, each
 * a run of lines in key order that the graph file's writer reads back merged (SPILL_FILE follows 40 runs at once).
 */
const SPILL_BATCH = 32_768;
/**
 * What a relationship spilled while the graph is built holds besides its type (spillNew): the counts and scores
 * graph/aggregates.ts reads (a MENTIONS' mentionCount, an ADDRESSED_BY's score). Once built, its type alone.
 */
const EDGE_SLIM_FIELDS = ["mentionCount", "score"] as const;
/** The nodes whose attributes are spilled: statements and figures (about half of the nodes, most of their text). */
const statementOrFigure = (a: NodeAttrs): boolean => a.label === "Statement" || a.label === "Figure";
/**
 * How far the heap may grow while spilling before a full collection (HeapBound): each node's or relationship's
 * attributes become garbage as they are written, replaced by less, so the heap shrinks as it goes if collected
 * (at 100 MB of reports it otherwise grew by 150 MB, the import's peak).
 */
const SPILL_SLACK_MB = 48;
/** Lists of this many plain values or fewer are shared between relationships (most lines, contexts, surfaces). */
const SHARED_LIST = 3;
/** At most this many different shared lists, and as many shared attributes of spilled relationships (slimEdge; a corpus of 100 MB of reports needs far fewer). */
const MAX_SHARED_LISTS = 200_000;
type EdgeAttrs = KgEdgeAttributes;

export class CompactGraph {
  readonly type = "directed";
  readonly multi = true;
  readonly allowSelfLoops = false;
  private attributes: KgGraphAttributes = { schemaVersion: 1, generator: "kg" } as KgGraphAttributes;
  private nodeIndex = new Map<string, number>();
  private nodeKeys: string[] = [];
  private nodeAttrs: NodeAttrs[] = [];
  /** The relationships whose key is not the one kg derives (relKey), by key. */
  private edgeIndex = new Map<string, number>();
  /**
   * The relationships whose key is the one kg derives from their type and ends (relKey), by the last 32 bits of
   * its hash: an open-addressing table of places + 1 (0: empty), and per relationship its hash and whether it is
   * in the table. Their keys are not held (about 100 bytes each with a Map's entry: 2.6 million at 100 MB of
   * reports) but derived again when asked for.
   */
  private derivedSlots: Int32Array | null = new Int32Array(1024);
  private derivedHashes: Int32Array<ArrayBuffer> = new Int32Array(1024);
  /** The first 32 bits of the hash, with which the key is made again without hashing (edgeKey). */
  private derivedHigh: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private inDerived: Uint8Array<ArrayBuffer> = new Uint8Array(1024);
  private derivedCount = 0;
  /** The relationships' number. */
  private edgeCount = 0;
  /** The keys held, by place: of those whose key is not the one kg derives, and of those changed since added. */
  private heldKeys = new Map<number, string>();
  private edgeAttrs: EdgeAttrs[] = [];
  /** Per relationship, the places of its ends (the first `edgeCount`). */
  private sources: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private targets: Int32Array<ArrayBuffer> = new Int32Array(1024);
  /**
   * Per node, its line in `spool` when its attributes are held there (spill()): nodeAttrs then holds only those
   * of SLIM_FIELDS. null: none spilled.
   */
  private lines: Int32Array<ArrayBuffer> | null = null;
  /**
   * Per relationship, its line in `spool` when its attributes are held there (spillEdges()): edgeAttrs then holds
   * the shared object of its type alone. null: none spilled.
   */
  private edgeLines: Int32Array<ArrayBuffer> | null = null;
  private spool: LineSpool | null = null;
  /** Nodes and relationships before these places have been offered to spillNew. */
  private offered = 0;
  private offeredEdges = 0;
  /** Per node, the places of the relationships into it (built when first asked for; dropped on any change). */
  private inEdges: { start: Int32Array; list: Int32Array } | null = null;

  get order(): number {
    return this.nodeKeys.length;
  }
  get size(): number {
    return this.edgeCount;
  }

  getAttributes(): KgGraphAttributes {
    return this.attributes;
  }
  replaceAttributes(attributes: KgGraphAttributes): void {
    this.attributes = attributes;
  }

  hasNode(key: string): boolean {
    return this.nodeIndex.has(key);
  }
  hasEdge(key: string): boolean {
    return this.findEdge(key) >= 0;
  }
  nodes(): string[] {
    return this.nodeKeys.slice();
  }
  edges(): string[] {
    return Array.from({ length: this.edgeCount }, (_k, e) => this.edgeKey(e));
  }
  /** A relationship's key, by its place. */
  private edgeKey(e: number): string {
    // A key not held is a derived one (mergeEdgeWithKey holds every other), made again from its 64 bits of hash.
    // (joined, not concatenated, for a flat string: graph/keys.ts says why)
    return this.heldKeys.get(e) ?? [this.edgeAttrs[e]!.type, hex8(this.derivedHigh[e]!) + hex8(this.derivedHashes[e]!)].join(":");
  }
  /** A relationship's attributes, to be read only: a spilled one's read back (a copy). */
  private edgeAttrsAt(e: number): EdgeAttrs {
    const line = this.edgeLines === null ? -1 : this.edgeLines[e]!;
    return line < 0 ? this.edgeAttrs[e]! : (JSON.parse(this.spool!.read(line)) as EdgeAttrs);
  }
  /** A relationship's attributes, to be changed: a shared object or list in them is copied first, its key held. */
  private ownEdgeAttrs(e: number): EdgeAttrs {
    if (!this.heldKeys.has(e)) this.heldKeys.set(e, this.edgeKey(e));
    const line = this.edgeLines === null ? -1 : this.edgeLines[e]!;
    if (line >= 0) {
      this.edgeLines![e] = -1;
      return (this.edgeAttrs[e] = JSON.parse(this.spool!.read(line)) as EdgeAttrs);
    }
    let a = this.edgeAttrs[e]!;
    if (Object.isFrozen(a)) this.edgeAttrs[e] = a = { ...a };
    for (const k in a) {
      const v = (a as Record<string, unknown>)[k];
      if (Array.isArray(v) && Object.isFrozen(v)) (a as Record<string, unknown>)[k] = v.slice();
    }
    return a;
  }

  mergeNode(key: string, attributes?: Partial<NodeAttrs>): [string, boolean] {
    const at = this.nodeIndex.get(key);
    if (at !== undefined) {
      if (attributes) Object.assign(this.ownAttrs(at), attributes);
      return [key, false];
    }
    this.addNode(key, (attributes ?? {}) as NodeAttrs);
    return [key, true];
  }
  private addNode(key: string, attributes: NodeAttrs): number {
    const at = this.nodeKeys.push(key) - 1;
    this.nodeAttrs.push(attributes);
    if (this.lines !== null && this.lines.length < this.nodeKeys.length) this.lines = grown(this.lines, this.nodeKeys.length, -1);
    this.nodeIndex.set(key, at);
    this.inEdges = null;
    return at;
  }
  private node(key: string, method: string): number {
    const at = this.nodeIndex.get(key);
    if (at === undefined) throw new Error(`CompactGraph.${method}: could not find the "${key}" node in the graph.`);
    return at;
  }
  getNodeAttribute(key: string, name: string): unknown {
    const at = this.node(key, "getNodeAttribute");
    // A spilled node holds its SLIM_FIELDS as they are: one of those is read without reading the node back.
    const held = this.lines === null || this.lines[at]! < 0 || (SLIM_FIELDS as readonly string[]).includes(name);
    return ((held ? this.nodeAttrs[at]! : this.attrsAt(at)) as Record<string, unknown>)[name];
  }
  /** A node's attributes, to be read only (a spilled node's read back: a copy); change them with the methods below. */
  getNodeAttributes(key: string): NodeAttrs {
    return this.attrsAt(this.node(key, "getNodeAttributes"));
  }
  setNodeAttribute(key: string, name: string, value: unknown): void {
    (this.ownAttrs(this.node(key, "setNodeAttribute")) as Record<string, unknown>)[name] = value;
  }
  mergeNodeAttributes(key: string, attributes: Partial<NodeAttrs>): void {
    Object.assign(this.ownAttrs(this.node(key, "mergeNodeAttributes")), attributes);
  }
  /** A node's attributes, to be read only: a spilled node's read back (a copy). */
  private attrsAt(at: number): NodeAttrs {
    const line = this.lines === null ? -1 : this.lines[at]!;
    return line < 0 ? this.nodeAttrs[at]! : (JSON.parse(this.spool!.read(line)) as NodeAttrs);
  }
  /** A node's attributes, to be changed: a spilled node's read back and held again. */
  private ownAttrs(at: number): NodeAttrs {
    const line = this.lines === null ? -1 : this.lines[at]!;
    if (line < 0) return this.nodeAttrs[at]!;
    this.lines![at] = -1;
    return (this.nodeAttrs[at] = JSON.parse(this.spool!.read(line)) as NodeAttrs);
  }

  mergeEdgeWithKey(key: string, source: string, target: string, attributes?: Partial<EdgeAttrs>): [string, boolean, boolean, boolean] {
    if (source === target) throw new Error(`CompactGraph.mergeEdgeWithKey: source & target are the same ("${source}"), thus creating a loop explicitly forbidden by this graph.`);
    let s = this.nodeIndex.get(source);
    let t = this.nodeIndex.get(target);
    const type = attributes?.type;
    // Whether the key is the one kg derives (the graph's own relationships all have it): then found by its ends.
    const derived = typeof type === "string" && key === relKey(type as RelType, source, target);
    // (With an end not in the graph yet, only a key held can name a relationship: with other ends, refused below.)
    const at = s === undefined || t === undefined ? (this.edgeIndex.get(key) ?? -1) : derived ? this.findDerivedOf(key, type, s, t) : this.findEdge(key);
    if (at >= 0) {
      if (this.nodeKeys[this.sources[at]!] !== source || this.nodeKeys[this.targets[at]!] !== target) {
        throw new Error(`CompactGraph.mergeEdgeWithKey: inconsistency detected when attempting to merge the "${key}" edge with "${source}" source & "${target}" target.`);
      }
      if (attributes) Object.assign(this.ownEdgeAttrs(at), attributes);
      return [key, false, false, false];
    }
    const sourceAdded = s === undefined;
    s ??= this.addNode(source, {} as NodeAttrs);
    const targetAdded = t === undefined;
    t ??= this.addNode(target, {} as NodeAttrs);
    const e = this.edgeCount++;
    if (derived) this.addDerived(e, derivedHash(key)!, Number.parseInt(key.slice(-16, -8), 16) | 0);
    else {
      this.heldKeys.set(e, key);
      this.edgeIndex.set(key, e);
    }
    this.edgeAttrs.push(this.shared((attributes ?? {}) as EdgeAttrs));
    if (this.edgeLines !== null && this.edgeLines.length < this.edgeCount) this.edgeLines = grown(this.edgeLines, this.edgeCount, -1);
    if (e >= this.sources.length) {
      this.sources = grown(this.sources);
      this.targets = grown(this.targets);
    }
    this.sources[e] = s;
    this.targets[e] = t;
    this.inEdges = null;
    return [key, true, sourceAdded, targetAdded];
  }
  /** A relationship's source, by its key (graphology's `source`). */
  source(key: string): string {
    return this.nodeKeys[this.sources[this.edge(key, "source")]!]!;
  }
  /** A relationship's target, by its key (graphology's `target`). */
  target(key: string): string {
    return this.nodeKeys[this.targets[this.edge(key, "target")]!]!;
  }
  /** A relationship's attributes, by its key, to be read only (a spilled one's read back: a copy). */
  getEdgeAttributes(key: string): EdgeAttrs {
    return this.edgeAttrsAt(this.edge(key, "getEdgeAttributes"));
  }
  private edge(key: string, method: string): number {
    const at = this.findEdge(key);
    if (at < 0) throw new Error(`CompactGraph.${method}: could not find the "${key}" edge in the graph.`);
    return at;
  }
  mergeEdgeAttributes(key: string, attributes: Partial<EdgeAttrs>): void {
    Object.assign(this.ownEdgeAttrs(this.edge(key, "mergeEdgeAttributes")), attributes);
  }

  /** The place of the relationship with `key`, -1 for none. */
  private findEdge(key: string): number {
    const at = this.edgeIndex.get(key);
    if (at !== undefined) return at;
    const hash = derivedHash(key);
    return hash === null ? -1 : this.probeDerived(hash, (e) => this.edgeKey(e) === key);
  }
  /** The place of the relationship whose derived key is `key`, of `type`, from node `s` to node `t`; -1 for none. */
  private findDerivedOf(key: string, type: unknown, s: number, t: number): number {
    const held = this.edgeIndex.get(key);
    if (held !== undefined) return held;
    const { heldKeys, edgeAttrs, sources, targets } = this;
    // Same type and ends: the same derived key (unless its key is held: its type may have changed since).
    return this.probeDerived(derivedHash(key)!, (e) => {
      const k = heldKeys.get(e);
      return k !== undefined ? k === key : edgeAttrs[e]!.type === type && sources[e] === s && targets[e] === t;
    });
  }
  private probeDerived(hash: number, match: (e: number) => boolean): number {
    const slots = this.slotsOfDerived();
    const hashes = this.derivedHashes;
    const mask = slots.length - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const v = slots[i]!;
      if (v === 0) return -1;
      if (hashes[v - 1] === hash && match(v - 1)) return v - 1;
    }
  }
  private addDerived(e: number, hash: number, high: number): void {
    if (e >= this.derivedHashes.length) {
      this.derivedHashes = grown(this.derivedHashes, e + 1);
      this.derivedHigh = grown(this.derivedHigh, e + 1);
      this.inDerived = grown(this.inDerived, e + 1);
    }
    this.derivedHashes[e] = hash;
    this.derivedHigh[e] = high;
    this.inDerived[e] = 1;
    const slots = this.slotsOfDerived();
    if (++this.derivedCount * 2 > slots.length) this.fillSlots(slots.length * 2);
    else this.insertSlot(e);
  }
  /** The table of derived keys, made again if settle() let it go. */
  private slotsOfDerived(): Int32Array {
    if (this.derivedSlots === null) {
      let size = 1024;
      while (size < this.derivedCount * 2) size *= 2;
      this.fillSlots(size);
    }
    return this.derivedSlots!;
  }
  private fillSlots(size: number): void {
    this.derivedSlots = new Int32Array(size);
    for (let x = 0; x < this.edgeCount; x++) if (this.inDerived[x] === 1) this.insertSlot(x);
  }
  private insertSlot(e: number): void {
    const slots = this.derivedSlots!;
    const mask = slots.length - 1;
    let i = this.derivedHashes[e]! & mask;
    while (slots[i] !== 0) i = (i + 1) & mask;
    slots[i] = e + 1;
  }

  /** Frozen attributes of a type alone, by type; frozen short lists of plain values, by their values. */
  private typeOnly = new Map<unknown, EdgeAttrs>();
  private lists = new Map<string, unknown[]>();
  /** Frozen attributes of spilled relationships while the graph is built (slimEdge), by type and values. */
  private slimShared = new Map<string, EdgeAttrs>();
  /**
   * A new relationship's attributes as held: the shared object when they are its type alone; else the same
   * object, its short lists of plain values (at most SHARED_LIST items) replaced by shared ones.
   */
  private shared(attributes: EdgeAttrs): EdgeAttrs {
    let only = true;
    for (const k in attributes) {
      if (k !== "type") only = false;
      const v = (attributes as Record<string, unknown>)[k];
      if (Array.isArray(v) && v.length <= SHARED_LIST) {
        const list = this.sharedList(v);
        if (list !== v) (attributes as Record<string, unknown>)[k] = list;
      }
    }
    if (!only || !("type" in attributes)) return attributes;
    return this.typeAlone(attributes.type);
  }
  /** The shared, frozen attributes of a relationship of `type` with no other. */
  private typeAlone(type: unknown): EdgeAttrs {
    let one = this.typeOnly.get(type);
    if (one === undefined) this.typeOnly.set(type, (one = Object.freeze({ type }) as EdgeAttrs));
    return one;
  }
  private sharedList(v: unknown[]): unknown[] {
    let id = "";
    for (const x of v) {
      if (typeof x === "string") id += `s${x.length}:${x}`;
      else if (typeof x === "number") id += `n${x};`;
      else return v;
    }
    const known = this.lists.get(id);
    if (known !== undefined) return known;
    if (this.lists.size >= MAX_SHARED_LISTS) return v;
    const list = Object.freeze(v.slice()) as unknown[];
    this.lists.set(id, list);
    return list;
  }

  /** Every node and its attributes (a spilled node's read back: a copy, changed only through the methods above). */
  forEachNode(callback: (key: string, attributes: NodeAttrs) => void): void {
    for (let i = 0; i < this.nodeKeys.length; i++) callback(this.nodeKeys[i]!, this.attrsAt(i));
  }
  /** Every node with the attributes held: a spilled node's SLIM_FIELDS only (the graph file's writer reads those of any node). */
  forEachNodeHeld(callback: (key: string, attributes: NodeAttrs) => void): void {
    for (let i = 0; i < this.nodeKeys.length; i++) callback(this.nodeKeys[i]!, this.nodeAttrs[i]!);
  }
  /**
   * Every relationship with the attributes held, and its ends' (a spilled relationship's type alone, a spilled
   * node's SLIM_FIELDS): for what reads only labels and types of a spilled graph (the Neo4j sync's plan of keys,
   * store/neo4j/load-graph.ts) without reading every statement and relationship back.
   */
  forEachEdgeHeld(callback: (key: string, attributes: EdgeAttrs, source: string, target: string, sourceAttributes: NodeAttrs, targetAttributes: NodeAttrs) => void): void {
    for (let e = 0; e < this.edgeCount; e++) this.visitEdgeHeld(e, callback);
  }
  /** The relationships into a node as forEachEdgeHeld gives them (graph/aggregates.ts, while statements are spilled). */
  forEachInEdgeHeld(node: string, callback: (key: string, attributes: EdgeAttrs, source: string, target: string, sourceAttributes: NodeAttrs, targetAttributes: NodeAttrs) => void): void {
    const at = this.node(node, "forEachInEdgeHeld");
    const { start, list } = this.inEdgeLists();
    for (let i = start[at]!; i < start[at + 1]!; i++) this.visitEdgeHeld(list[i]!, callback);
  }
  private visitEdgeHeld(e: number, callback: (key: string, attributes: EdgeAttrs, source: string, target: string, sa: NodeAttrs, ta: NodeAttrs) => void): void {
    const s = this.sources[e]!;
    const t = this.targets[e]!;
    callback(this.edgeKey(e), this.edgeAttrs[e]!, this.nodeKeys[s]!, this.nodeKeys[t]!, this.nodeAttrs[s]!, this.nodeAttrs[t]!);
  }
  /** A node's attributes as held: a spilled node's SLIM_FIELDS only (as forEachNodeHeld); undefined for no such node. */
  nodeAttributesHeld(key: string): NodeAttrs | undefined {
    const at = this.nodeIndex.get(key);
    return at === undefined ? undefined : this.nodeAttrs[at];
  }
  /** A node's number: its place in the order nodes were added (0 to order - 1); undefined for no such node. */
  nodeNumber(key: string): number | undefined {
    return this.nodeIndex.get(key);
  }
  /** The key of the node numbered `n` (nodeNumber). */
  nodeKeyAt(n: number): string {
    const key = this.nodeKeys[n];
    if (key === undefined) throw new Error(`CompactGraph.nodeKeyAt: no node numbered ${n}.`);
    return key;
  }
  /** A relationship's number: its place in the order relationships were added (0 to size - 1), forEachEdgeHeld's; undefined for none. */
  edgeNumber(key: string): number | undefined {
    const e = this.findEdge(key);
    return e < 0 ? undefined : e;
  }
  /** The key of the relationship numbered `e` (edgeNumber): a derived key is made again, not held. */
  edgeKeyAt(e: number): string {
    if (!Number.isInteger(e) || e < 0 || e >= this.edgeCount) throw new Error(`CompactGraph.edgeKeyAt: no relationship numbered ${e}.`);
    return this.edgeKey(e);
  }
  /** All of a node's attributes, to be read only (a spilled node's read back); undefined for no such node. */
  nodeAttributes(key: string): NodeAttrs | undefined {
    const at = this.nodeIndex.get(key);
    return at === undefined ? undefined : this.attrsAt(at);
  }

  /**
   * Hold the attributes of the nodes `which` picks in a temporary file, but for SLIM_FIELDS (kg import, in batches as the
   * graph is built and once built: at 100 MB of reports the statements' and figures' attributes were about half of the graph,
   * and the graph file's writer reads each once). Nodes whose attributes JSON would not give back exactly stay.
   * Reading them is as before; changing one holds it again. release() removes the file. `order`: every node's
   * place, in the order their lines are to be written (default: the graph's).
   */
  spill(which: (attributes: NodeAttrs) => boolean, order?: Uint32Array): void {
    const lines = (this.lines ??= new Int32Array(this.nodeKeys.length).fill(-1));
    // Each line written is garbage once in the file: collected as the heap grows (at 100 MB of reports the heap
    // otherwise grew by half while spilling).
    const bound = new HeapBound(4096, 0, SPILL_SLACK_MB);
    const count = order?.length ?? this.nodeKeys.length;
    for (let at = 0; at < count; at++) {
      bound.check();
      const i = order === undefined ? at : order[at]!;
      const a = this.nodeAttrs[i]!;
      if (lines[i]! >= 0 || !which(a) || !roundTrips(a)) continue;
      this.spool ??= new LineSpool(SPILL_FILE);
      lines[i] = this.spool.write(a);
      const slim: Record<string, unknown> = {};
      for (const k of SLIM_FIELDS) if (k in a) slim[k] = (a as Record<string, unknown>)[k];
      this.nodeAttrs[i] = slim as NodeAttrs;
    }
  }
  /**
   * Hold the attributes of every relationship that has more than its type in the temporary file (kg import, once
   * the graph is built: at 100 MB of reports they were about a third of the graph). Relationships whose attributes
   * JSON would not give back exactly stay. Reading them is as before (forEachEdgeDerived says which are spilled);
   * changing one holds it again. release() removes the file. `order`: every relationship's place, in the order
   * their lines are to be written (default: the graph's).
   */
  spillEdges(order?: Uint32Array, slim = false): void {
    const lines = (this.edgeLines ??= new Int32Array(this.edgeCount).fill(-1));
    const bound = new HeapBound(4096, 0, SPILL_SLACK_MB);
    const count = order?.length ?? this.edgeCount;
    for (let at = 0; at < count; at++) {
      bound.check();
      const e = order === undefined ? at : order[at]!;
      const a = this.edgeAttrs[e]!;
      if (lines[e]! >= 0) {
        // Spilled while the graph was built (spillNew): from now on its type alone is held.
        if (!slim) this.edgeAttrs[e] = this.typeAlone(a.type);
        continue;
      }
      if (Object.isFrozen(a) || typeof a.type !== "string" || !hasMoreThanType(a) || !roundTrips(a)) continue;
      this.spool ??= new LineSpool(SPILL_FILE);
      lines[e] = this.spool.write(a);
      this.edgeAttrs[e] = slim ? this.slimEdge(a) : this.typeAlone(a.type);
    }
  }
  /**
   * A spilled relationship's attributes as held while the graph is built: its type and EDGE_SLIM_FIELDS, in one
   * frozen object shared by all with the same (a few hundred different at 10 MB of reports, for half of the
   * relationships: an object each held about 120 MB at 100 MB, when the graph was built).
   */
  private slimEdge(a: EdgeAttrs): EdgeAttrs {
    let slim: Record<string, unknown> | null = null;
    let id = String(a.type);
    for (const k of EDGE_SLIM_FIELDS) {
      const v = (a as Record<string, unknown>)[k];
      if (typeof v !== "number") continue;
      (slim ??= { type: a.type })[k] = v;
      id += `\u0000${k}\u0000${v}`;
    }
    if (slim === null) return this.typeAlone(a.type);
    const known = this.slimShared.get(id);
    if (known !== undefined) return known;
    if (this.slimShared.size >= MAX_SHARED_LISTS) return slim as EdgeAttrs;
    const frozen = Object.freeze(slim) as EdgeAttrs;
    this.slimShared.set(id, frozen);
    return frozen;
  }
  /**
   * Once the graph is built (kg import, into the graph file and into Neo4j): the attributes of its statements and
   * figures (about half of its nodes, most of their text) and of every relationship that has more than its type
   * wait in the temporary file, each read back when its row is made. `inKeyOrder`: written in the order the graph
   * file's writer reads them (nodes by key, relationships by their ends' keys), so that reading them back reads
   * the file from start to end (util/line-spool.ts reads ahead); otherwise in the order the graph holds them (the
   * order the Neo4j sync reads them in).
   */
  spillBuilt(inKeyOrder = false): void {
    if (!inKeyOrder) {
      this.spill(statementOrFigure);
      this.spillEdges();
      return;
    }
    const { nodeKeys, sources, targets } = this;
    const nodes = range(0, nodeKeys.length);
    nodes.sort((x, y) => byCodeUnits(nodeKeys[x]!, nodeKeys[y]!));
    this.spill(statementOrFigure, nodes);
    const rank = new Uint32Array(nodes.length);
    nodes.forEach((node, at) => (rank[node] = at));
    // By source, then target, in key order, ties in the graph's order: two stable counting sorts (a sort with a
    // comparator copied the 2.6 million places of 100 MB of reports into two lists on the heap, at the peak).
    const all = range(0, this.edgeCount);
    const byTarget = countingSort(all, (e) => rank[targets[e]!]!, nodes.length);
    const edges = countingSort(byTarget, (e) => rank[sources[e]!]!, nodes.length, all);
    this.spillEdges(edges);
  }
  /**
   * While the graph is built (kg import, after each document): once `batch` nodes have been added since the
   * last time, the attributes of the statements and figures among them wait in the temporary file, in key order
   * (`inKeyOrder`) or the graph's. Building reads only their labels, report and theme keys (held: SLIM_FIELDS;
   * graph/held.ts); a node merged again is read back and held again, and spillBuilt spills it once more. Without
   * this the graph held every statement's text, quote and provenance until built: at 100 MB of reports about 400
   * MB, the import's peak.
   */
  spillNew(inKeyOrder: boolean, batch = SPILL_BATCH): void {
    const from = this.offered;
    const to = this.nodeKeys.length;
    if (to - from < batch) return;
    const order = range(from, to);
    const { nodeKeys, sources, targets } = this;
    if (inKeyOrder) order.sort((x, y) => byCodeUnits(nodeKeys[x]!, nodeKeys[y]!));
    this.spill(statementOrFigure, order);
    this.offered = to;
    // And the relationships added since, by their ends' keys (the order the writer reads them in).
    const edges = range(this.offeredEdges, this.edgeCount);
    if (inKeyOrder) edges.sort((x, y) => byCodeUnits(nodeKeys[sources[x]!]!, nodeKeys[sources[y]!]!) || byCodeUnits(nodeKeys[targets[x]!]!, nodeKeys[targets[y]!]!) || x - y);
    this.spillEdges(edges, true);
    this.offeredEdges = this.edgeCount;
  }
  /** The attributes of a spilled relationship, by its line (forEachEdgeDerived gives it): a copy. */
  spilledEdgeAttributes(line: number): EdgeAttrs {
    return JSON.parse(this.spool!.read(line)) as EdgeAttrs;
  }
  filterNodes(predicate: (key: string, attributes: NodeAttrs) => boolean): string[] {
    const out: string[] = [];
    this.forEachNode((k, a) => predicate(k, a) && out.push(k));
    return out;
  }
  forEachEdge(callback: (key: string, attributes: EdgeAttrs, source: string, target: string, sourceAttributes: NodeAttrs, targetAttributes: NodeAttrs, undirected: boolean) => void): void {
    for (let e = 0; e < this.edgeCount; e++) this.visitEdge(e, callback);
  }
  forEachInEdge(
    node: string,
    callback: (key: string, attributes: EdgeAttrs, source: string, target: string, sourceAttributes: NodeAttrs, targetAttributes: NodeAttrs, undirected: boolean) => void,
  ): void {
    const at = this.node(node, "forEachInEdge");
    const { start, list } = this.inEdgeLists();
    for (let i = start[at]!; i < start[at + 1]!; i++) this.visitEdge(list[i]!, callback);
  }
  private visitEdge(e: number, callback: (key: string, attributes: EdgeAttrs, source: string, target: string, sa: NodeAttrs, ta: NodeAttrs, undirected: boolean) => void): void {
    const s = this.sources[e]!;
    const t = this.targets[e]!;
    callback(this.edgeKey(e), this.edgeAttrsAt(e), this.nodeKeys[s]!, this.nodeKeys[t]!, this.attrsAt(s), this.attrsAt(t), false);
  }
  /** The relationships into each node, in insertion order (counting sort by target). */
  private inEdgeLists(): { start: Int32Array; list: Int32Array } {
    if (this.inEdges) return this.inEdges;
    const start = new Int32Array(this.nodeKeys.length + 1);
    const targets = this.targets.subarray(0, this.edgeCount);
    for (const t of targets) start[t + 1]!++;
    for (let i = 0; i < this.nodeKeys.length; i++) start[i + 1]! += start[i]!;
    const fill = start.slice(0, -1);
    const list = new Int32Array(targets.length);
    targets.forEach((t, e) => (list[fill[t]!++] = e));
    return (this.inEdges = { start, list });
  }

  /**
   * Let go what only building the graph needed, once it is built: the relationships into each node, the shared
   * short lists' index and the table of derived keys (made again if a relationship is then looked up by key).
   */
  settle(): void {
    this.inEdges = null;
    this.lists = new Map();
    this.slimShared = new Map();
    this.derivedSlots = null;
  }
  /**
   * The per-relationship lists at their length, not the doubled one they grew to (at 100 MB of reports, 2.6
   * million relationships in lists of 4.2 million: about 27 MB). A relationship added later grows them again.
   * The lists replaced are garbage: kg import trims once the spill is collected, where the heap is at its lowest.
   */
  trim(): void {
    const n = Math.max(this.edgeCount, 1024);
    const fit = <T extends Int32Array<ArrayBuffer> | Uint8Array<ArrayBuffer>>(list: T): T => (list.length > n ? (list.slice(0, n) as T) : list);
    this.sources = fit(this.sources);
    this.targets = fit(this.targets);
    this.derivedHashes = fit(this.derivedHashes);
    this.derivedHigh = fit(this.derivedHigh);
    this.inDerived = fit(this.inDerived);
    if (this.lines !== null && this.lines.length > this.nodeKeys.length) this.lines = this.lines.slice(0, Math.max(this.nodeKeys.length, 1));
    if (this.edgeLines !== null) this.edgeLines = fit(this.edgeLines);
  }

  /**
   * Every relationship as forEachEdge gives it, but with undefined for a key that is the one kg derives from its
   * type and ends (relKey): those are not held (the graph file's writer derives them when it must);
   * and for a relationship whose attributes are spilled (spillEdges), only its type, and the line to read them
   * from (spilledEdgeAttributes), -1 for the others.
   */
  forEachEdgeDerived(callback: (key: string | undefined, attributes: EdgeAttrs, source: string, target: string, line: number) => void): void {
    const { heldKeys, edgeAttrs, nodeKeys, sources, targets, edgeLines } = this;
    for (let e = 0; e < this.edgeCount; e++) callback(heldKeys.get(e), edgeAttrs[e]!, nodeKeys[sources[e]!]!, nodeKeys[targets[e]!]!, edgeLines === null ? -1 : edgeLines[e]!);
  }

  /** Let every node and relationship go (kg import, once the graph file's rows are planned): the graph is then empty. */
  release(): void {
    this.nodeIndex = new Map();
    this.nodeKeys = [];
    this.nodeAttrs = [];
    this.lines = null;
    this.edgeLines = null;
    this.offered = 0;
    this.offeredEdges = 0;
    this.spool?.close();
    this.spool = null;
    this.edgeIndex = new Map();
    this.derivedSlots = new Int32Array(1024);
    this.derivedHashes = new Int32Array(1024);
    this.derivedHigh = new Int32Array(1024);
    this.inDerived = new Uint8Array(1024);
    this.derivedCount = 0;
    this.edgeCount = 0;
    this.heldKeys = new Map();
    this.edgeAttrs = [];
    this.sources = new Int32Array(1024);
    this.targets = new Int32Array(1024);
    this.inEdges = null;
    this.typeOnly = new Map();
    this.lists = new Map();
    this.slimShared = new Map();
  }

  /** The same graph as a graphology instance (for what needs graphology's whole API or its export). */
  toGraphology(): KgGraph {
    const graph = createKgGraph();
    graph.replaceAttributes(this.attributes);
    this.forEachNode((k, a) => graph.addNode(k, a));
    this.forEachEdge((k, a, s, t) => graph.addDirectedEdgeWithKey(k, s, t, a));
    return graph;
  }
  export(): ReturnType<KgGraph["export"]> {
    return this.toGraphology().export();
  }

  /** Typed as the graphology graph it stands for, where only the methods above are used. */
  asKgGraph(): KgGraph {
    return this as unknown as KgGraph;
  }
}
