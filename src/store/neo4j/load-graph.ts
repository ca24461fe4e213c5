/*
 * KgGraph (graphology) → Neo4j. Applies cypher/schema.cypher, then writes nodes (label by label,
 * from the NODE_LABELS whitelist) and relationships (type by type) in batches of
 * `UNWIND $rows … MERGE … SET += row.props` inside managed transactions, then recomputes the
 * recurrence counts in Cypher over everything in the database, so loading a second batch of
 * reports adds to the counts. MERGE on deterministic keys makes a repeated load change nothing.
 */
import type Graph from "graphology";
import type { Driver, Session } from "neo4j-driver";

import { DEFAULT_BATCH_SIZE } from "../../config.ts";
import { edgeNumbering, forEachEdgeHeld, forEachNodeHeld } from "../../graph/held.ts";
import { NODE_LABELS, REL_TYPES } from "../../graph/schema.ts";
import type { KgEdgeAttributes, KgGraphAttributes, KgNodeAttributes, NodeLabel, RelType } from "../../graph/schema.ts";
import { StoreError } from "../../errors.ts";
import { toStoreError } from "./errors.ts";
import { fillTemplate, readCypher, splitStatements } from "./cypher.ts";
import { toNeo4jProps, type Neo4jProps } from "./props.ts";

type AnyKgGraph = Graph<KgNodeAttributes, KgEdgeAttributes, KgGraphAttributes>;

export interface LoadOptions {
  /** Target database; undefined = the server's default. */
  database?: string | undefined;
  batchSize?: number;
  /** Called after each batch: rows written so far, rows in all, and what was written. */
  onProgress?: (done: number, total: number, what: string) => void;
  /** For messages only. */
  uri?: string;
}

/** What a load did, from the server's own counters. */
export interface LoadSummary {
  /** Rows sent (nodes and relationships of the graph). */
  nodes: number;
  relationships: number;
  nodesCreated: number;
  /** Nodes that were already there (matched by key; properties refreshed). */
  nodesMatched: number;
  relationshipsCreated: number;
  relationshipsMatched: number;
  propertiesSet: number;
  constraintsAdded: number;
  indexesAdded: number;
  batches: number;
  durationMs: number;
}

export interface NodeRow {
  key: string;
  props: Neo4jProps;
}
export interface RelRow extends NodeRow {
  source: string;
  target: string;
}
/** One group of relationship rows that share a query text. */
export interface RelGroup {
  type: RelType;
  sourceLabel: NodeLabel;
  targetLabel: NodeLabel;
  rows: RelRow[];
}
/** A group of relationships by key (planRelKeys). */
export interface RelKeyGroup extends Omit<RelGroup, "rows"> {
  keys: string[];
}
/** A group of relationships by number (planRelNumbers; graph/held.ts edgeNumbering). */
export interface RelNumberGroup extends Omit<RelGroup, "rows"> {
  numbers: Int32Array;
}

const RECOMPUTE = ["load/recompute-theme-counts", "load/recompute-entity-counts", "load/recompute-addressed-by"];

/**
 * Load a graph into Neo4j (schema first, nodes before relationships, then recurrence counts).
 * @example const summary = await loadGraph(driver, buildGraph(extraction), { batchSize: 500 });
 */
export async function loadGraph(driver: Driver, graph: AnyKgGraph, options: LoadOptions = {}): Promise<LoadSummary> {
  const started = Date.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const nodeGroups = planNodeRows(graph);
  const relGroups = planRelRows(graph);
  const summary = emptySummary();
  summary.nodes = graph.order;
  summary.relationships = graph.size;
  const total = graph.order + graph.size;
  let done = 0;
  const session = openSession(driver, options.database);
  try {
    const schema = await applySchemaIn(session);
    summary.constraintsAdded = schema.constraintsAdded;
    summary.indexesAdded = schema.indexesAdded;
    for (const [label, rows] of nodeGroups) {
      const query = fillTemplate(readCypher("load/merge-nodes"), { label });
      for (const batch of chunk(rows, batchSize)) {
        const stats = await writeBatch(session, query, batch);
        summary.nodesCreated += stats.nodesCreated;
        summary.propertiesSet += stats.propertiesSet;
        summary.batches += 1;
        options.onProgress?.((done += batch.length), total, `${label} nodes`);
      }
    }
    for (const group of relGroups) {
      const query = fillTemplate(readCypher("load/merge-relationships"), {
        type: group.type,
        sourceLabel: group.sourceLabel,
        targetLabel: group.targetLabel,
      });
      for (const batch of chunk(group.rows, batchSize)) {
        const stats = await writeBatch(session, query, batch);
        summary.relationshipsCreated += stats.relationshipsCreated;
        summary.propertiesSet += stats.propertiesSet;
        summary.batches += 1;
        options.onProgress?.((done += batch.length), total, `${group.type} relationships`);
      }
    }
    for (const name of RECOMPUTE) await session.executeWrite((tx) => tx.run(readCypher(name)));
  } catch (err) {
    const error = toStoreError(err, { uri: options.uri ?? "the server", database: options.database });
    if (summary.batches === 0) throw error;
    // Some batches were committed: say so, and that re-running the same import completes it (MERGE on keys).
    throw new StoreError(
      `${error.message.replace(/\.?$/, ".")} The import stopped part-way: ${done} of ${total} nodes and relationships were written, ` +
        "so the database now holds a partial import with stale counts. Run the same `kg import` again to complete it (re-running is safe).",
      { unavailable: error.exitCode === 3, neo4jCode: error.neo4jCode, retriable: error.retriable, cause: err },
    );
  } finally {
    await session.close().catch(() => undefined);
  }
  summary.nodesMatched = summary.nodes - summary.nodesCreated;
  summary.relationshipsMatched = summary.relationships - summary.relationshipsCreated;
  summary.durationMs = Date.now() - started;
  return summary;
}

/** Apply cypher/schema.cypher (idempotent) and wait for the indexes to come online. */
export async function applySchema(driver: Driver, options: { database?: string | undefined } = {}) {
  const session = openSession(driver, options.database);
  try {
    return await applySchemaIn(session);
  } finally {
    await session.close();
  }
}

async function applySchemaIn(session: Session) {
  let constraintsAdded = 0;
  let indexesAdded = 0;
  const statements = splitStatements(readCypher("schema"));
  // Every import applies the schema: when all its constraints and indexes exist and are online (one
  // read), the ~30 statements and the wait are skipped.
  if (await schemaInPlace(session, statements)) return { constraintsAdded, indexesAdded };
  for (const statement of statements) {
    const result = await session.executeWrite((tx) => tx.run(statement));
    const updates = result.summary.counters.updates();
    constraintsAdded += updates.constraintsAdded;
    indexesAdded += updates.indexesAdded;
  }
  await session.run("CALL db.awaitIndexes(300)");
  return { constraintsAdded, indexesAdded };
}

/** Names the schema statements create (`CREATE … <name> IF NOT EXISTS`). */
export function schemaNames(statements: readonly string[]): string[] {
  return statements.map((st) => /^CREATE\s+(?:CONSTRAINT|(?:FULLTEXT\s+|RANGE\s+|TEXT\s+)?INDEX)\s+(\w+)\s+IF\s+NOT\s+EXISTS/i.exec(st)?.[1] ?? "");
}

async function schemaInPlace(session: Session, statements: readonly string[]): Promise<boolean> {
  const wanted = schemaNames(statements);
  if (wanted.some((n) => n === "")) return false; // a statement this check does not understand: apply them all
  // A uniqueness constraint is backed by an index of the same name: ONLINE means usable.
  const result = await session.executeRead((tx) => tx.run("SHOW INDEXES YIELD name, state RETURN name, state"));
  const online = new Set(result.records.filter((r) => r.get("state") === "ONLINE").map((r) => String(r.get("name"))));
  return wanted.every((n) => online.has(n));
}

// The wipe sized for the server's transaction memory lives in its own module.
export { wipeDatabase } from "./wipe.ts";

/** Nodes per label and relationships per type in the database. */
export interface GraphCounts {
  nodes: number;
  relationships: number;
  labels: Record<string, number>;
  types: Record<string, number>;
}

/** Count what the database holds, per label and per relationship type. */
export async function countGraph(driver: Driver, options: { database?: string | undefined; uri?: string } = {}): Promise<GraphCounts> {
  const config = options.database ? { database: options.database } : {};
  try {
    const [labels, types, nodes] = await Promise.all([
      driver.executeQuery(readCypher("load/count-labels"), {}, config),
      driver.executeQuery(readCypher("load/count-types"), {}, config),
      driver.executeQuery("MATCH (n) RETURN count(n) AS count", {}, config),
    ]);
    const tally = (records: typeof labels.records, field: string) =>
      Object.fromEntries(records.map((r) => [String(r.get(field)), Number(r.get("count"))]));
    const typeCounts = tally(types.records, "type");
    return {
      nodes: Number(nodes.records[0]?.get("count") ?? 0),
      relationships: Object.values(typeCounts).reduce((a, b) => a + b, 0),
      labels: tally(labels.records, "label"),
      types: typeCounts,
    };
  } catch (err) {
    throw toStoreError(err, { uri: options.uri ?? "the server", database: options.database });
  }
}

/** Node rows grouped by label, in NODE_LABELS order, each group sorted by key. */
export function planNodeRows(graph: AnyKgGraph): Map<NodeLabel, NodeRow[]> {
  return new Map([...planNodeKeys(graph)].map(([label, keys]) => [label, keys.map((key) => nodeRow(graph, key))]));
}

/** Relationship rows grouped by (type, source label, target label), in REL_TYPES order. */
export function planRelRows(graph: AnyKgGraph): RelGroup[] {
  return planRelKeys(graph).map(({ keys, ...g }) => ({ ...g, rows: keys.map((key) => relRow(graph, key)) }));
}

/**
 * planNodeRows with only the keys: the row of each is made when it is sent (nodeRow), so that the rows of a large
 * graph (each property converted, integers as objects) are not all held at once (kg import --neo4j; peak memory).
 */
export function planNodeKeys(graph: AnyKgGraph): Map<NodeLabel, string[]> {
  const groups = new Map<NodeLabel, string[]>(NODE_LABELS.map((l) => [l, []]));
  forEachNodeHeld(graph, (key, attrs) => {
    const keys = groups.get(attrs.label);
    if (!keys) throw new Error(`loadGraph: node "${key}" has label "${String(attrs.label)}", which is not in NODE_LABELS.`);
    keys.push(key);
  });
  for (const [label, keys] of groups) {
    if (keys.length === 0) groups.delete(label);
    else keys.sort(compareKeys);
  }
  return groups;
}

/** planRelRows with only the keys (relRow makes each row), each group sorted by key. */
export function planRelKeys(graph: AnyKgGraph): RelKeyGroup[] {
  const edges = edgeNumbering(graph);
  return planRelNumbers(graph).map(({ numbers, ...g }) => ({ ...g, keys: Array.from(numbers, (e) => edges.keyAt(e)).sort(compareKeys) }));
}

/**
 * planRelKeys with only the relationships' numbers (graph/held.ts edgeNumbering), each group in the graph's order: at
 * 100 MB of reports the keys of every relationship (2.6 million strings, the most of them made again from the
 * relationship's hash when asked for) took some 150 MB while they were loaded.
 */
export function planRelNumbers(graph: AnyKgGraph): RelNumberGroup[] {
  type Counted = Omit<RelGroup, "rows"> & { count: number };
  // Each group's place in `listed`, by type and end labels.
  const groups = new Map<string, number>();
  const listed: Counted[] = [];
  // Each relationship's group, by number (there are a few dozen groups).
  const groupOf = new Uint16Array(graph.size);
  let e = 0;
  forEachEdgeHeld(graph, (key, attrs, _source, _target, sourceAttrs, targetAttrs) => {
    if (!(REL_TYPES as readonly string[]).includes(attrs.type)) {
      throw new Error(`loadGraph: relationship "${key}" has type "${String(attrs.type)}", which is not in REL_TYPES.`);
    }
    const id = `${attrs.type}|${sourceAttrs.label}|${targetAttrs.label}`;
    let at = groups.get(id);
    if (at === undefined) {
      groups.set(id, (at = listed.length));
      listed.push({ type: attrs.type, sourceLabel: sourceAttrs.label, targetLabel: targetAttrs.label, count: 0 });
    }
    listed[at]!.count++;
    groupOf[e++] = at;
  });
  const numbers = listed.map((g) => new Int32Array(g.count));
  const filled = new Int32Array(listed.length);
  for (let n = 0; n < groupOf.length; n++) numbers[groupOf[n]!]![filled[groupOf[n]!]!++] = n;
  const order = (g: Omit<RelGroup, "rows">) => REL_TYPES.indexOf(g.type);
  return listed
    .map(({ type, sourceLabel, targetLabel }, i) => ({ type, sourceLabel, targetLabel, numbers: numbers[i]! }))
    .sort((a, b) => order(a) - order(b) || a.sourceLabel.localeCompare(b.sourceLabel) || a.targetLabel.localeCompare(b.targetLabel));
}

/** The row of the node at `key`. */
export function nodeRow(graph: AnyKgGraph, key: string): NodeRow {
  return { key, props: toNeo4jProps({ ...graph.getNodeAttributes(key), key }, ["label"]) };
}

/** The row of the relationship at `key`. */
export function relRow(graph: AnyKgGraph, key: string): RelRow {
  return { key, source: graph.source(key), target: graph.target(key), props: toNeo4jProps({ ...graph.getEdgeAttributes(key), key }, ["type"]) };
}

/** Split rows into batches of at most `size`. */
export function chunk<T>(rows: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`chunk: batch size must be a positive integer, got ${size}.`);
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

async function writeBatch(session: Session, query: string, rows: NodeRow[]) {
  const result = await session.executeWrite((tx) => tx.run(query, { rows }));
  const merged = Number(result.records[0]?.get("merged") ?? 0);
  if (merged !== rows.length) {
    throw new Error(`loadGraph: ${rows.length} rows sent but ${merged} merged (a relationship end missing?).`);
  }
  return result.summary.counters.updates();
}

function openSession(driver: Driver, database: string | undefined): Session {
  return driver.session(database ? { database, defaultAccessMode: "WRITE" } : { defaultAccessMode: "WRITE" });
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function emptySummary(): LoadSummary {
  return {
    nodes: 0,
    relationships: 0,
    nodesCreated: 0,
    nodesMatched: 0,
    relationshipsCreated: 0,
    relationshipsMatched: 0,
    propertiesSet: 0,
    constraintsAdded: 0,
    indexesAdded: 0,
    batches: 0,
    durationMs: 0,
  };
}
