/*
 * A graph store for writing the graph file (kg import; issue 12, peak memory): the part of graphology's API that
 * graph/build-graph.ts, graph/aggregates.ts, graph/report-metadata.ts and the graph file's writer
 * (sinks/graph-codec-v3.ts) use, over a few flat lists. graphology keeps, per node, an object with maps of its
 * neighbours, and per relationship an object linking it to both ends: about half of the memory of a whole corpus's
 * graph. Here a node is its key and attributes, a relationship its key, attributes and the places of its ends;
 * the relationships into each node are listed only when asked for (assignAggregates, once).
 * Same semantics as graphology's where they are used: attribute objects are the ones given (not copied), merging
 * assigns, merging a relationship adds missing ends with no attributes and refuses a key with other ends or a
 * loop, iteration is in insertion order. Two differences that only memory sees: a relationship whose attributes
 * are its type alone holds one frozen object shared by all of that type, and a short list of plain values on a
 * relationship (a MENTIONS' lines, contexts, surfaces) one frozen list shared by all equal ones (both copied
 * before a merge changes them); and once settled, a relationship's key that is the one kg derives (graph/keys.ts
 * relKey) is not held but derived again when asked for. Anything else (the viewer, serve, Neo4j) reads the file or gets a
 * graphology graph (toGraphology).
 */
import { createKgGraph, type KgGraph } from "./build-graph.ts";
import { relKey } from "./keys.ts";
import type { KgEdgeAttributes, KgGraphAttributes, KgNodeAttributes, RelType } from "./schema.ts";
import { LineSpool } from "../util/line-spool.ts";

type NodeAttrs = KgNodeAttributes;
/** The attributes of a spilled node still held (CompactGraph.spill): those the graph file's writer reads of other nodes. */
const SLIM_FIELDS = ["label", "path", "reportKey", "themeKey", "kind", "name"] as const;
/** A longer list of lines, the new places -1. */
function growLines(lines: Int32Array, length: number): Int32Array {
  const out = new Int32Array(Math.max(length, lines.length * 2)).fill(-1);
  out.set(lines);
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
/** Lists of this many plain values or fewer are shared between relationships (most lines, contexts, surfaces). */
const SHARED_LIST = 3;
/** At most this many different shared lists (a corpus of 100 MB of reports needs far fewer). */
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
  /** The relationships by key; null once settle() has let it go (made again when next asked for). */
  private edgeIndex: Map<string, number> | null = new Map<string, number>();
  /** null: the key kg derives from the relationship's type and ends (relKey), let go by settle(). */
  private edgeKeys: (string | null)[] = [];
  private edgeAttrs: EdgeAttrs[] = [];
  private sources: number[] = [];
  private targets: number[] = [];
  /**
   * Per node, its line in `spool` when its attributes are held there (spill()): nodeAttrs then holds only those
   * of SLIM_FIELDS. null: none spilled.
   */
  private lines: Int32Array | null = null;
  private spool: LineSpool | null = null;
  /** Per node, the places of the relationships into it (built when first asked for; dropped on any change). */
  private inEdges: { start: Int32Array; list: Int32Array } | null = null;

  get order(): number {
    return this.nodeKeys.length;
  }
  get size(): number {
    return this.edgeKeys.length;
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
    return this.edgeLookup().has(key);
  }
  nodes(): string[] {
    return this.nodeKeys.slice();
  }
  edges(): string[] {
    return this.edgeKeys.map((_k, e) => this.edgeKey(e));
  }
  /** A relationship's key, by its place. */
  private edgeKey(e: number): string {
    return this.edgeKeys[e] ?? relKey(this.edgeAttrs[e]!.type as RelType, this.nodeKeys[this.sources[e]!]!, this.nodeKeys[this.targets[e]!]!);
  }
  /** A relationship's attributes, to be changed: a shared object or list in them is copied first, its key held. */
  private ownEdgeAttrs(e: number): EdgeAttrs {
    if (this.edgeKeys[e] === null) this.edgeKeys[e] = this.edgeKey(e);
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
    if (this.lines !== null && this.lines.length < this.nodeKeys.length) this.lines = growLines(this.lines, this.nodeKeys.length);
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
    return (this.attrsAt(this.node(key, "getNodeAttribute")) as Record<string, unknown>)[name];
  }
  getNodeAttributes(key: string): NodeAttrs {
    return this.ownAttrs(this.node(key, "getNodeAttributes"));
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
    const edgeIndex = this.edgeLookup();
    const at = edgeIndex.get(key);
    if (at !== undefined) {
      if (this.nodeKeys[this.sources[at]!] !== source || this.nodeKeys[this.targets[at]!] !== target) {
        throw new Error(`CompactGraph.mergeEdgeWithKey: inconsistency detected when attempting to merge the "${key}" edge with "${source}" source & "${target}" target.`);
      }
      if (attributes) Object.assign(this.ownEdgeAttrs(at), attributes);
      return [key, false, false, false];
    }
    let s = this.nodeIndex.get(source);
    const sourceAdded = s === undefined;
    s ??= this.addNode(source, {} as NodeAttrs);
    let t = this.nodeIndex.get(target);
    const targetAdded = t === undefined;
    t ??= this.addNode(target, {} as NodeAttrs);
    edgeIndex.set(key, this.edgeKeys.push(key) - 1);
    this.edgeAttrs.push(this.shared((attributes ?? {}) as EdgeAttrs));
    this.sources.push(s);
    this.targets.push(t);
    this.inEdges = null;
    return [key, true, sourceAdded, targetAdded];
  }
  mergeEdgeAttributes(key: string, attributes: Partial<EdgeAttrs>): void {
    const at = this.edgeLookup().get(key);
    if (at === undefined) throw new Error(`CompactGraph.mergeEdgeAttributes: could not find the "${key}" edge in the graph.`);
    Object.assign(this.ownEdgeAttrs(at), attributes);
  }

  /** Frozen attributes of a type alone, by type; frozen short lists of plain values, by their values. */
  private typeOnly = new Map<unknown, EdgeAttrs>();
  private lists = new Map<string, unknown[]>();
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
    const type = attributes.type;
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
  /** All of a node's attributes, to be read only (a spilled node's read back); undefined for no such node. */
  nodeAttributes(key: string): NodeAttrs | undefined {
    const at = this.nodeIndex.get(key);
    return at === undefined ? undefined : this.attrsAt(at);
  }

  /**
   * Hold the attributes of the nodes `which` picks in a temporary file, but for SLIM_FIELDS (kg import, once the
   * graph is built: at 100 MB of reports the statements' and figures' attributes were about half of the graph,
   * and the graph file's writer reads each once). Nodes whose attributes JSON would not give back exactly stay.
   * Reading them is as before; changing one holds it again. release() removes the file.
   */
  spill(which: (attributes: NodeAttrs) => boolean): void {
    const lines = (this.lines ??= new Int32Array(this.nodeKeys.length).fill(-1));
    for (let i = 0; i < this.nodeKeys.length; i++) {
      const a = this.nodeAttrs[i]!;
      if (lines[i]! >= 0 || !which(a) || !roundTrips(a)) continue;
      this.spool ??= new LineSpool({ command: "kg import", prefix: "kg-graph-nodes-", room: "the attributes of the graph's statements" });
      lines[i] = this.spool.write(a);
      const slim: Record<string, unknown> = {};
      for (const k of SLIM_FIELDS) if (k in a) slim[k] = (a as Record<string, unknown>)[k];
      this.nodeAttrs[i] = slim as NodeAttrs;
    }
  }
  filterNodes(predicate: (key: string, attributes: NodeAttrs) => boolean): string[] {
    const out: string[] = [];
    this.forEachNode((k, a) => predicate(k, a) && out.push(k));
    return out;
  }
  forEachEdge(callback: (key: string, attributes: EdgeAttrs, source: string, target: string, sourceAttributes: NodeAttrs, targetAttributes: NodeAttrs, undirected: boolean) => void): void {
    for (let e = 0; e < this.edgeKeys.length; e++) this.visitEdge(e, callback);
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
    callback(this.edgeKey(e), this.edgeAttrs[e]!, this.nodeKeys[s]!, this.nodeKeys[t]!, this.attrsAt(s), this.attrsAt(t), false);
  }
  /** The relationships into each node, in insertion order (counting sort by target). */
  private inEdgeLists(): { start: Int32Array; list: Int32Array } {
    if (this.inEdges) return this.inEdges;
    const start = new Int32Array(this.nodeKeys.length + 1);
    for (const t of this.targets) start[t + 1]!++;
    for (let i = 0; i < this.nodeKeys.length; i++) start[i + 1]! += start[i]!;
    const fill = start.slice(0, -1);
    const list = new Int32Array(this.targets.length);
    this.targets.forEach((t, e) => (list[fill[t]!++] = e));
    return (this.inEdges = { start, list });
  }

  /** The index of the relationships by key, made again if settle() let it go. */
  private edgeLookup(): Map<string, number> {
    if (this.edgeIndex === null) {
      this.edgeIndex = new Map();
      for (let e = 0; e < this.edgeKeys.length; e++) this.edgeIndex.set(this.edgeKey(e), e);
    }
    return this.edgeIndex;
  }

  /**
   * Let the index of the relationships by key go, once the graph is built: the graph file's writer reads them in
   * order only (at 100 MB of reports, 2.6 million keys). Made again if a relationship is then looked up by key.
   */
  settle(): void {
    this.edgeIndex = null;
    this.inEdges = null;
    this.lists = new Map();
    const { edgeKeys, edgeAttrs, nodeKeys, sources, targets } = this;
    for (let e = 0; e < edgeKeys.length; e++) {
      const type = edgeAttrs[e]!.type;
      if (typeof type === "string" && edgeKeys[e] === relKey(type, nodeKeys[sources[e]!]!, nodeKeys[targets[e]!]!)) edgeKeys[e] = null;
    }
  }

  /**
   * Every relationship as forEachEdge gives it, but with undefined for a key that is the one kg derives from its
   * type and ends (relKey): once settled, those are not held (the graph file's writer derives them when it must).
   */
  forEachEdgeDerived(callback: (key: string | undefined, attributes: EdgeAttrs, source: string, target: string) => void): void {
    const { edgeKeys, edgeAttrs, nodeKeys, sources, targets } = this;
    for (let e = 0; e < edgeKeys.length; e++) callback(edgeKeys[e] ?? undefined, edgeAttrs[e]!, nodeKeys[sources[e]!]!, nodeKeys[targets[e]!]!);
  }

  /** Let every node and relationship go (kg import, once the graph file's rows are planned): the graph is then empty. */
  release(): void {
    this.nodeIndex = new Map();
    this.nodeKeys = [];
    this.nodeAttrs = [];
    this.lines = null;
    this.spool?.close();
    this.spool = null;
    this.edgeIndex = new Map();
    this.edgeKeys = [];
    this.edgeAttrs = [];
    this.sources = [];
    this.targets = [];
    this.inEdges = null;
    this.typeOnly = new Map();
    this.lists = new Map();
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
