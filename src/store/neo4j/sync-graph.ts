/*
 * Order-independent import into Neo4j. The database holds, on each Document node, the extraction
 * record of that document (graph/records.ts). An import reads those records back, replaces the ones
 * of the documents it reads again (same path), recomputes everything across reports over the union
 * (themes, the analyst's decisions, links, recurrence: graph/records.ts buildStoreGraph), and then
 * makes the database equal that graph: nodes and relationships that are new or changed are written
 * (all properties replaced), and those the graph no longer has (themes no statement supports, their
 * INSTANCE_OF / RAISES / aggregated ADDRESSED_BY, replaced documents and their reports) are deleted, in
 * the same run, with parameterised batched Cypher. Unchanged rows are not written at all.
 *
 * Write order, so that a run cut short is repaired by any later import: Document nodes (with their
 * records) first, the first batch in one transaction with the deletion of the documents they replace;
 * then the other nodes, the relationships, and last the deletions.
 *
 * Imports into one database run one at a time: read, recompute and write happen under an import lock
 * (a KgLock node taken in a transaction, refreshed while the import runs, taken over when its holder
 * has not refreshed it for LOCK_STALE_MS or is a process of this machine that is gone), so two
 * concurrent imports queue instead of losing each other's documents.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";

import type { Driver, Session } from "neo4j-driver";
import neo4j from "neo4j-driver";

import { DEFAULT_BATCH_SIZE } from "../../config.ts";
import { StoreError } from "../../errors.ts";
import type { KgGraph } from "../../graph/build-graph.ts";
import { buildStoreGraph, documentFromRecord, type StoredDocument, aliasesOf, unionDocuments } from "../../graph/records.ts";
import { NODE_LABELS, type NodeLabel } from "../../graph/schema.ts";
import type { Codebook } from "../../themes/codebook.ts";
import type { LoadedDecisions } from "../../themes/decisions.ts";
import type { Diagnostic, DocumentExtraction, Extraction } from "../../types.ts";
import { fillTemplate, readCypher } from "./cypher.ts";
import { toStoreError } from "./errors.ts";
import { applySchema, chunk, planNodeRows, planRelRows, type NodeRow, type RelRow } from "./load-graph.ts";
import type { Neo4jProps } from "./props.ts";
import { readGraph } from "./read-graph.ts";

export interface SyncOptions {
  database?: string | undefined;
  batchSize?: number;
  codebook: Codebook;
  decisions?: LoadedDecisions | undefined;
  /** For messages only. */
  uri?: string;
  onProgress?: (done: number, total: number, what: string) => void;
  /** How long to wait for another import to finish (default LOCK_WAIT_MS). */
  lockWaitMs?: number;
}

/** Default wait for the import lock, and the age after which an unrefreshed lock counts as abandoned. */
export const LOCK_WAIT_MS = 120_000;
export const LOCK_STALE_MS = 120_000;
const LOCK_REFRESH_MS = 15_000;
const LOCK_NAME = "import";

/** What a sync did. */
export interface SyncSummary {
  /** Nodes / relationships of the graph after the import. */
  nodes: number;
  relationships: number;
  nodesWritten: number;
  relationshipsWritten: number;
  nodesDeleted: number;
  relationshipsDeleted: number;
  /** Nodes / relationships already there with the same properties (not written). */
  nodesUnchanged: number;
  relationshipsUnchanged: number;
  batches: number;
  durationMs: number;
  /** Milliseconds per phase (reading what is stored, comparing, writing nodes, relationships, deleting). */
  phases?: Record<string, number>;
}

/**
 * Import documents into Neo4j so that the database equals the graph of (stored ∪ incoming) documents.
 * Pass no documents to re-apply the codebook and decisions to what is stored.
 * @example await importDocumentsIntoNeo4j(driver, documents, { codebook, decisions }, diagnostics);
 */
export async function importDocumentsIntoNeo4j(
  driver: Driver,
  incoming: readonly DocumentExtraction[],
  options: SyncOptions,
  diagnostics: Diagnostic[],
): Promise<SyncSummary & { extraction: Extraction; graph: KgGraph }> {
  const where = { uri: options.uri ?? "the server", database: options.database };
  try {
    await applySchema(driver, { database: options.database });
  } catch (err) {
    throw toStoreError(err, where);
  }
  return withImportLock(driver, options, async () => {
    let stored: Awaited<ReturnType<typeof readStoredDocuments>>;
    try {
      stored = await readStoredDocuments(driver, options.database);
    } catch (err) {
      throw toStoreError(err, where);
    }
    const { graph, extraction } = buildStoreGraph(unionDocuments(stored.documents, incoming), options.codebook, options.decisions, diagnostics);
    const summary = await syncGraph(driver, graph, { ...options, storedRecords: stored.records });
    return { ...summary, extraction, graph };
  });
}

/**
 * Run `work` holding the database's import lock: waits (polling) while another import holds it, up to
 * `lockWaitMs`, then fails with one line saying who holds it.
 */
export async function withImportLock<T>(driver: Driver, options: Pick<SyncOptions, "database" | "uri" | "lockWaitMs">, work: () => Promise<T>): Promise<T> {
  const owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  const db = options.database ? { database: options.database } : {};
  const run = (name: string, params: Record<string, unknown> = {}) =>
    driver.executeQuery(readCypher(name), { name: LOCK_NAME, owner, ...params }, db).catch((err: unknown) => {
      throw toStoreError(err, { uri: options.uri ?? "the server", database: options.database });
    });
  const deadline = Date.now() + (options.lockWaitMs ?? LOCK_WAIT_MS);
  for (let wait = 50; ; wait = Math.min(wait * 2, 1000)) {
    const { records } = await run("sync/lock-acquire", { staleMs: neo4j.int(LOCK_STALE_MS) });
    const row = records[0];
    if (row?.get("mine") === true) break;
    // A holder on this machine whose process is gone (killed, crashed) is not waited for.
    const holder = String(row?.get("owner") ?? "");
    if (isDeadLocalOwner(holder)) {
      const taken = await run("sync/lock-takeover", { dead: holder });
      if (Number(taken.records[0]?.get("taken") ?? 0) === 1) break;
    }
    if (Date.now() >= deadline) {
      const holder = String(row?.get("owner") ?? "another import").split(":").slice(0, 2).join(" pid ");
      throw new StoreError(
        `another kg import (${holder}) is writing to this database since ${new Date(Number(row?.get("since") ?? 0)).toISOString()}; try again when it has finished.`,
        { unavailable: false, retriable: true },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  const timer = setInterval(() => void run("sync/lock-refresh").catch(() => undefined), LOCK_REFRESH_MS);
  timer.unref();
  try {
    return await work();
  } finally {
    clearInterval(timer);
    await run("sync/lock-release").catch(() => undefined);
  }
}

/** The documents stored in the database, rebuilt from their records, and the records as stored (by Document key). */
export async function readStoredDocuments(
  driver: Driver,
  database: string | undefined,
): Promise<{ documents: DocumentExtraction[]; records: Map<string, string> }> {
  const { records: rows } = await driver.executeQuery(readCypher("sync/stored-documents"), {}, database ? { database } : {});
  const documents: DocumentExtraction[] = [];
  const records = new Map<string, string>();
  for (const r of rows) {
    const stored = r.toObject() as unknown as StoredDocument & { key: string };
    documents.push(documentFromRecord(stored));
    for (const alias of aliasesOf(stored)) documents.push(documentFromRecord(stored, alias));
    if (typeof stored.record === "string") records.set(stored.key, stored.record);
  }
  return { documents, records };
}

/**
 * Make the database hold exactly `graph` (for the labels and types of the schema): write what is new
 * or changed, delete what the graph does not have.
 */
export async function syncGraph(
  driver: Driver,
  graph: KgGraph,
  options: Omit<SyncOptions, "codebook" | "decisions"> & {
    /** The Documents' records as just read (readStoredDocuments): then they are not read a second time. */
    storedRecords?: Map<string, string>;
  } = {},
): Promise<SyncSummary> {
  const started = Date.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const summary: SyncSummary = {
    nodes: graph.order,
    relationships: graph.size,
    nodesWritten: 0,
    relationshipsWritten: 0,
    nodesDeleted: 0,
    relationshipsDeleted: 0,
    nodesUnchanged: 0,
    relationshipsUnchanged: 0,
    batches: 0,
    durationMs: 0,
    phases: {},
  };
  let mark = Date.now();
  const phase = (name: string) => {
    const now = Date.now();
    summary.phases![name] = (summary.phases![name] ?? 0) + now - mark;
    mark = now;
  };
  const session = driver.session(options.database ? { database: options.database, defaultAccessMode: "WRITE" } : { defaultAccessMode: "WRITE" });
  try {
    const known = options.storedRecords;
    const current = await readGraph(driver, { database: options.database, records: known === undefined });
    const currentNodes = new Map(
      current.nodes.map((n) => {
        const attrs = n.attributes ?? {};
        const record = known?.get(n.key);
        return [n.key, record !== undefined ? { ...attrs, record } : attrs];
      }),
    );
    const currentEdges = new Map(current.edges.map((e) => [e.key ?? "", e]));
    phase("read");

    const nodeGroups = [...planNodeRows(graph)].map(([label, rows]) => {
      const changed = rows.filter((row) => !sameProps(row.props, currentNodes.get(row.key), "label"));
      summary.nodesUnchanged += rows.length - changed.length;
      return [label, changed] as const;
    });
    const relGroups = planRelRows(graph).map((g) => {
      const changed = g.rows.filter((row) => {
        const cur = currentEdges.get(row.key);
        return !cur || cur.source !== row.source || cur.target !== row.target || !sameProps(row.props, cur.attributes, "type");
      });
      summary.relationshipsUnchanged += g.rows.length - changed.length;
      return { ...g, rows: changed };
    });
    const staleNodes = new Map<NodeLabel, string[]>();
    for (const n of current.nodes) {
      if (graph.hasNode(n.key)) continue;
      const label = n.attributes?.label as NodeLabel;
      staleNodes.set(label, [...(staleNodes.get(label) ?? []), n.key]);
    }
    const staleRels = new Map<NodeLabel, { source: string; key: string }[]>();
    for (const e of current.edges) {
      const key = e.key ?? "";
      const kept = graph.hasEdge(key) && graph.source(key) === e.source && graph.target(key) === e.target;
      if (kept) continue;
      // A relationship whose source node goes anyway is deleted with it.
      if (!graph.hasNode(e.source)) continue;
      const label = graph.getNodeAttribute(e.source, "label");
      staleRels.set(label, [...(staleRels.get(label) ?? []), { source: e.source, key }]);
    }
    const total =
      nodeGroups.reduce((n, [, rows]) => n + rows.length, 0) +
      relGroups.reduce((n, g) => n + g.rows.length, 0) +
      [...staleNodes.values()].reduce((n, k) => n + k.length, 0) +
      [...staleRels.values()].reduce((n, k) => n + k.length, 0);
    phase("compare");
    let done = 0;
    const progress = (n: number, what: string) => options.onProgress?.((done += n), total, what);

    // 1. Documents and their records; the first batch in one transaction with the deletion of the
    // documents they replace. Batches are also bounded in bytes: records hold whole texts.
    const docRows = nodeGroups.find(([label]) => label === "Document")?.[1] ?? [];
    const staleDocs = staleNodes.get("Document") ?? [];
    const docBatches = chunkByBytes(docRows, batchSize, MAX_RECORD_BYTES_PER_BATCH);
    for (let i = 0; i < Math.max(1, docBatches.length); i++) {
      const batch = docBatches[i] ?? [];
      const deleting = i === 0 ? staleDocs : [];
      if (batch.length === 0 && deleting.length === 0) continue;
      await session.executeWrite(async (tx) => {
        if (deleting.length > 0) await tx.run(fillTemplate(readCypher("sync/delete-nodes"), { label: "Document" }), { keys: deleting });
        if (batch.length > 0) await tx.run(fillTemplate(readCypher("sync/replace-nodes"), { label: "Document" }), { rows: batch });
      });
      summary.nodesWritten += batch.length;
      summary.nodesDeleted += deleting.length;
      summary.batches += 1;
      progress(batch.length + deleting.length, "documents");
    }
    staleNodes.delete("Document");
    phase("documents");
    // 2. Other nodes, 3. relationships: new or changed rows only.
    for (const [label, rows] of nodeGroups) {
      if (label === "Document") continue;
      const query = fillTemplate(readCypher("sync/replace-nodes"), { label });
      for (const batch of chunk(rows, batchSize)) {
        await writeRows(session, query, batch);
        summary.nodesWritten += batch.length;
        summary.batches += 1;
        progress(batch.length, `${label} nodes`);
      }
    }
    phase("nodes");
    for (const group of relGroups) {
      const query = fillTemplate(readCypher("sync/replace-relationships"), { type: group.type, sourceLabel: group.sourceLabel, targetLabel: group.targetLabel });
      for (const batch of chunk(group.rows, batchSize)) {
        await writeRows(session, query, batch);
        summary.relationshipsWritten += batch.length;
        summary.batches += 1;
        progress(batch.length, `${group.type} relationships`);
      }
    }
    phase("relationships");
    // 4. What the graph no longer has.
    for (const [label, rows] of staleRels) {
      const query = fillTemplate(readCypher("sync/delete-relationships"), { sourceLabel: label });
      for (const batch of chunk(rows, batchSize)) {
        await session.executeWrite((tx) => tx.run(query, { rows: batch }));
        summary.relationshipsDeleted += batch.length;
        summary.batches += 1;
        progress(batch.length, "stale relationships");
      }
    }
    for (const label of NODE_LABELS) {
      const keys = staleNodes.get(label);
      if (!keys) continue;
      const query = fillTemplate(readCypher("sync/delete-nodes"), { label });
      for (const batch of chunk(keys, batchSize)) {
        await session.executeWrite((tx) => tx.run(query, { keys: batch }));
        summary.nodesDeleted += batch.length;
        summary.batches += 1;
        progress(batch.length, `stale ${label} nodes`);
      }
    }
    phase("deletions");
  } catch (err) {
    const error = toStoreError(err, { uri: options.uri ?? "the server", database: options.database });
    if (summary.batches === 0) throw error;
    // Some batches were committed: say so, and that re-running completes it (the records went first).
    throw new StoreError(
      `${error.message.replace(/\.?$/, ".")} The import stopped part-way: ${summary.batches} batch(es) were written, ` +
        "so the database now holds a partial import. Run the same `kg import` again to complete it (re-running is safe).",
      { unavailable: error.exitCode === 3, neo4jCode: error.neo4jCode, retriable: error.retriable, cause: err },
    );
  } finally {
    await session.close().catch(() => undefined);
  }
  summary.durationMs = Date.now() - started;
  return summary;
}

/** Whether a lock owner ("host:pid:uuid") is a process of this machine that no longer runs. */
function isDeadLocalOwner(owner: string): boolean {
  const [host, pid] = owner.split(":");
  if (host !== hostname() || !pid || !/^\d+$/.test(pid) || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** Most record text sent in one transaction. */
const MAX_RECORD_BYTES_PER_BATCH = 8 * 1024 * 1024;

/** Batches of at most `size` rows and (unless a single row is larger) `maxBytes` of record text. */
function chunkByBytes(rows: NodeRow[], size: number, maxBytes: number): NodeRow[][] {
  const out: NodeRow[][] = [];
  let current: NodeRow[] = [];
  let bytes = 0;
  for (const row of rows) {
    const record = row.props.record;
    const rowBytes = typeof record === "string" ? record.length * 3 : 0;
    if (current.length > 0 && (current.length >= size || bytes + rowBytes > maxBytes)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += rowBytes;
  }
  if (current.length > 0) out.push(current);
  return out;
}

async function writeRows(session: Session, query: string, rows: (NodeRow | RelRow)[]) {
  const result = await session.executeWrite((tx) => tx.run(query, { rows }));
  const merged = Number(result.records[0]?.get("merged") ?? 0);
  if (merged !== rows.length) throw new Error(`syncGraph: ${rows.length} rows sent but ${merged} written (a relationship end missing?).`);
}

/** Whether the properties to write equal what the database holds (integers compared as numbers). */
function sameProps(props: Neo4jProps, current: Record<string, unknown> | undefined, labelAttr: string): boolean {
  if (!current) return false;
  const { [labelAttr]: _drop, ...rest } = current;
  const have = canonical(rest);
  const want = canonical(props);
  return have === want;
}

function canonical(props: Record<string, unknown>): string {
  const plain = (v: unknown): unknown => (neo4j.isInt(v) ? (v as { toNumber(): number }).toNumber() : Array.isArray(v) ? v.map(plain) : v);
  const keys = Object.keys(props).filter((k) => k !== "key").sort();
  return JSON.stringify(keys.map((k) => [k, plain(props[k])]));
}
