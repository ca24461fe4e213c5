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
import { createHash, randomUUID } from "node:crypto";
import { hostname } from "node:os";

import type { Driver } from "neo4j-driver";
import neo4j from "neo4j-driver";

import { DEFAULT_BATCH_SIZE } from "../../config.ts";
import { StoreError } from "../../errors.ts";
import type { KgGraph } from "../../graph/build-graph.ts";
import { edgeNumbering, nodeNumbering } from "../../graph/held.ts";
import { buildStoreGraph, documentFromRecord, type StoredDocument, aliasesOf, unionDocuments } from "../../graph/records.ts";
import { NODE_LABELS, type NodeLabel, REL_TYPES } from "../../graph/schema.ts";
import type { Codebook } from "../../themes/codebook.ts";
import type { LoadedDecisions } from "../../themes/decisions.ts";
import type { Diagnostic, DocumentExtraction, Extraction } from "../../types.ts";
import { HeapBound } from "../../util/gc.ts";
import { plural } from "../../util/terminal.ts";
import { fillTemplate, readCypher } from "./cypher.ts";
import { toStoreError } from "./errors.ts";
import { ElementIds } from "./element-ids.ts";
import { applySchema, chunk, nodeRow, planNodeKeys, planRelNumbers, relRow, type NodeRow, type RelRow } from "./load-graph.ts";
import { type Neo4jProps, toNeo4jProps } from "./props.ts";

export interface SyncOptions {
  database?: string | undefined;
  batchSize?: number;
  codebook: Codebook;
  decisions?: LoadedDecisions | undefined;
  /** For messages only. */
  uri?: string;
  onProgress?: (done: number, total: number, what: string) => void;
  /** Told when each long step before the load starts (reading what is stored, recomputing), for progress. */
  onPhase?: (phase: string, detail?: string) => void;
  /** Write transactions run at once (default DEFAULT_PARALLEL). */
  parallel?: number;
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
  return withSchemaAndImportLock(driver, options, async () => {
    let stored: Awaited<ReturnType<typeof readStoredDocuments>>;
    options.onPhase?.("reading the documents the database holds");
    try {
      stored = await readStoredDocuments(driver, options.database);
    } catch (err) {
      throw toStoreError(err, where);
    }
    const all = unionDocuments(stored.documents, incoming);
    options.onPhase?.(`themes, links and the graph over ${plural(all.length, "document")}`);
    const { graph, extraction } = buildStoreGraph(all, options.codebook, options.decisions, diagnostics);
    options.onPhase?.("loading into Neo4j", `${graph.order} nodes, ${graph.size} relationships`);
    const summary = await syncGraph(driver, graph, { ...options, storedDigests: stored.digests });
    return { ...summary, extraction, graph };
  });
}

/** Apply the schema (constraints, indexes), then run `work` holding the database's import lock (withImportLock). */
export async function withSchemaAndImportLock<T>(driver: Driver, options: Pick<SyncOptions, "database" | "uri" | "lockWaitMs">, work: () => Promise<T>): Promise<T> {
  try {
    await applySchema(driver, { database: options.database });
  } catch (err) {
    throw toStoreError(err, { uri: options.uri ?? "the server", database: options.database });
  }
  return withImportLock(driver, options, work);
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

/** The documents stored in the database, rebuilt from their records, and the digest of each record as stored (by Document key). */
export async function readStoredDocuments(
  driver: Driver,
  database: string | undefined,
): Promise<{ documents: DocumentExtraction[]; digests: Map<string, string> }> {
  const documents: DocumentExtraction[] = [];
  const digests = await forEachStoredDocument(driver, database, (stored) => {
    documents.push(documentFromRecord(stored));
    for (const alias of aliasesOf(stored)) documents.push(documentFromRecord(stored, alias));
  });
  return { documents, digests };
}

/** Stored Document rows fetched at a time: each holds a whole document's text and extraction. */
const STORED_FETCH_SIZE = 16;

/**
 * Visit each stored Document's row as it arrives (streamed, a few rows at a time; each let go once visited), and
 * return the SHA-256 of each record (recordDigest) by Document key: all syncGraph compares of it. Not retried (the
 * visitor's work cannot be undone); a failure is thrown.
 */
export async function forEachStoredDocument(
  driver: Driver,
  database: string | undefined,
  visit: (stored: StoredDocument & { key: string }) => void,
): Promise<Map<string, string>> {
  const digests = new Map<string, string>();
  const session = driver.session({ ...(database ? { database } : {}), defaultAccessMode: "READ", fetchSize: STORED_FETCH_SIZE });
  // Each row (a whole record, and what the visitor parses from it) is garbage once visited: collected as it piles up.
  const bound = new HeapBound(STORED_FETCH_SIZE);
  try {
    for await (const row of session.run(readCypher("sync/stored-documents"))) {
      bound.check();
      const stored = row.toObject() as unknown as StoredDocument & { key: string };
      if (typeof stored.record === "string") digests.set(stored.key, recordDigest(stored.record));
      visit(stored);
    }
  } finally {
    await session.close().catch(() => undefined);
  }
  return digests;
}

/** What syncGraph keeps of a stored Document's record: its SHA-256 (base64). */
export function recordDigest(record: string): string {
  return createHash("sha256").update(record).digest("base64");
}

/**
 * Make the database hold exactly `graph` (for the labels and types of the schema): write what is new
 * or changed, delete what the graph does not have.
 */
export async function syncGraph(
  driver: Driver,
  graph: KgGraph,
  options: Omit<SyncOptions, "codebook" | "decisions"> & {
    /** The digest of each stored Document's record (forEachStoredDocument), as just read: then they are not read a second time. */
    storedDigests?: Map<string, string>;
    /**
     * The record of each Document node, when the graph does not hold it (kg import reads it back from its spool):
     * called when the node's row is made (to compare it, and again when it is written).
     */
    recordOf?: (key: string) => string;
  } = {},
): Promise<SyncSummary> {
  const started = Date.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const parallel = Math.max(1, options.parallel ?? DEFAULT_PARALLEL);
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
  const recordOf = options.recordOf;
  // A node's row, with a Document's record when the graph does not hold it.
  const rowOf = (key: string): NodeRow =>
    recordOf !== undefined && graph.getNodeAttribute(key, "label") === "Document"
      ? { key, props: toNeo4jProps({ ...graph.getNodeAttributes(key), key, record: recordOf(key) }, ["label"]) }
      : nodeRow(graph, key);
  const sessionConfig = { ...(options.database ? { database: options.database } : {}), defaultAccessMode: "WRITE" as const };
  const session = driver.session(sessionConfig);
  try {
    const known = options.storedDigests ?? (await forEachStoredDocument(driver, options.database, () => undefined));
    // What the database holds is compared with the graph row by row as it is read (streamed), and only the outcome
    // kept: the element id of each node the graph has (returned too by the batches that create nodes), which of
    // them differ, the state of each relationship the graph has, and the keys and ends of what is stale. Held by the
    // numbers of the graph's nodes and relationships, not by key (at 100 MB of reports, 750,000 nodes and 2.6
    // million relationships).
    const nodes = nodeNumbering(graph);
    const edges = edgeNumbering(graph);
    const ids = new ElementIds(nodes);
    const changedNodes = new Uint8Array(nodes.size);
    const staleNodes = new Map<NodeLabel, string[]>();
    const edgeStates = new Uint8Array(edges.size);
    const staleRels = new Map<NodeLabel, { source: string; target: string; key: string }[]>();
    const noteIds = (result: { records: { get(key: string): unknown }[] }) => {
      const record = result.records[0] as { has?(key: string): boolean; get(key: string): unknown } | undefined;
      if (!record?.has?.("ids")) return; // a batch that replaced nodes: their ids were read already
      for (const [key, id] of record.get("ids") as [string, string][]) ids.set(key, id);
    };
    await streamRead(
      driver,
      options.database,
      "sync/current-nodes",
      { labels: [...NODE_LABELS] },
      () => {
        ids.clear();
        changedNodes.fill(0);
        staleNodes.clear();
      },
      (r) => {
        const key = String(r.get("key"));
        const n = nodes.numberOf(key);
        if (n === undefined) {
          const label = String(r.get("label")) as NodeLabel;
          let keys = staleNodes.get(label);
          if (!keys) staleNodes.set(label, (keys = []));
          keys.push(key);
          return;
        }
        ids.set(key, String(r.get("id")));
        const { key: _k, record: _r, ...props } = r.get("props") as Record<string, unknown>;
        changedNodes[n] = sameNodeProps(rowOf(key).props, props, known.get(key)) ? 0 : 1;
      },
    );
    await streamRead(
      driver,
      options.database,
      "sync/current-relationships",
      { types: [...REL_TYPES] },
      () => {
        edgeStates.fill(EdgeState.Absent);
        staleRels.clear();
      },
      (r) => {
        const key = String(r.get("key"));
        const source = String(r.get("source"));
        const target = String(r.get("target"));
        const e = edges.numberOf(key);
        const kept = e !== undefined && graph.source(key) === source && graph.target(key) === target;
        if (e !== undefined) {
          // Held with other ends: created anew (the old one is stale, below).
          const { key: _k, ...props } = r.get("props") as Record<string, unknown>;
          edgeStates[e] = !kept ? EdgeState.Moved : sameProps(relRow(graph, key).props, props, "type") ? EdgeState.Same : EdgeState.Changed;
        }
        if (kept) return;
        // A relationship whose source node goes anyway is deleted with it.
        if (!graph.hasNode(source)) return;
        const label = graph.getNodeAttribute(source, "label");
        let rows = staleRels.get(label);
        if (!rows) staleRels.set(label, (rows = []));
        rows.push({ source, target, key });
      },
    );
    phase("read");

    // Rows the database does not hold are created (CREATE: no lookup, no lock on an existing entry);
    // rows it holds with other properties are replaced (MERGE … SET); equal rows are not sent at all.
    // What is absent is known because everything was read under the import lock. Only the keys are held: each
    // row is made when its batch is sent (a row per node and relationship of a large graph, each property
    // converted, took more memory than the graph).
    const nodeGroups = [...planNodeKeys(graph)].map(([label, keys]) => {
      const created: string[] = [];
      const changed: string[] = [];
      for (const key of keys) {
        const n = nodes.numberOf(key)!;
        if (!ids.hasAt(n)) created.push(key);
        else if (changedNodes[n] === 1) changed.push(key);
      }
      summary.nodesUnchanged += keys.length - created.length - changed.length;
      return { label, created, changed };
    });
    const relGroups = planRelNumbers(graph).map(({ numbers, ...g }) => {
      const created = numbers.filter((e) => edgeStates[e] === EdgeState.Absent || edgeStates[e] === EdgeState.Moved);
      const changed = numbers.filter((e) => edgeStates[e] === EdgeState.Changed);
      summary.relationshipsUnchanged += numbers.length - created.length - changed.length;
      return { ...g, created, changed };
    });
    const count = <T>(xs: Iterable<T[]>) => [...xs].reduce((n, x) => n + x.length, 0);
    const total =
      nodeGroups.reduce((n, g) => n + g.created.length + g.changed.length, 0) +
      relGroups.reduce((n, g) => n + g.created.length + g.changed.length, 0) +
      count(staleNodes.values()) +
      count(staleRels.values());
    phase("compare");
    let done = 0;
    const progress = (n: number, what: string) => options.onProgress?.((done += n), total, what);

    // 1. Documents and their records; the first batch in one transaction with the deletion of the
    // documents they replace. Batches are also bounded in bytes: records hold whole texts.
    const docs = nodeGroups.find((g) => g.label === "Document");
    const staleDocs = staleNodes.get("Document") ?? [];
    // Each batch's rows are made when it is sent (records read back one batch at a time).
    function* docBatches(): Generator<{ rows: NodeRow[]; create: boolean }> {
      for (const [keys, create] of [[docs?.changed ?? [], false], [docs?.created ?? [], true]] as const) {
        for (const rows of chunkByBytes(keysToRows(keys), batchSize, MAX_RECORD_BYTES_PER_BATCH)) yield { rows, create };
      }
    }
    function* keysToRows(keys: readonly string[]): Generator<NodeRow> {
      for (const key of keys) yield rowOf(key);
    }
    const batches = docBatches();
    // The records of the batches written (and what reading them back parsed) are garbage: collected as they pile up
    // (V8 let them add 350 MB while the 10 MB corpus's Documents were written).
    const docBound = new HeapBound();
    const pull = () => {
      docBound.check();
      return batches.next();
    };
    // At least one pass: the first deletes the replaced documents, with or without a batch.
    for (let i = 0, next = pull(); i === 0 || !next.done; i++, next = pull()) {
      const batch = next.done ? [] : next.value.rows;
      const create = next.done ? false : next.value.create;
      const deleting = i === 0 ? staleDocs : [];
      if (batch.length === 0 && deleting.length === 0) continue;
      const replace = fillTemplate(readCypher("sync/replace-nodes"), { label: "Document" });
      let attempt = 0;
      const write = (firstQuery: string) =>
        session.executeWrite(async (tx) => {
          const query = attempt++ === 0 ? firstQuery : replace;
          if (deleting.length > 0) await tx.run(fillTemplate(readCypher("sync/delete-nodes"), { label: "Document" }), { keys: deleting });
          if (batch.length === 0) return;
          const result = await tx.run(query, { rows: batch });
          checkWritten(result, batch.length);
          noteIds(result);
        });
      // As for the other nodes: only the first attempt CREATEs; a retry MERGEs (the first may have committed unseen).
      await write(create ? fillTemplate(readCypher("sync/create-nodes"), { label: "Document" }) : replace);
      summary.nodesWritten += batch.length;
      summary.nodesDeleted += deleting.length;
      summary.batches += 1;
      progress(batch.length + deleting.length, "documents");
    }
    staleNodes.delete("Document");
    phase("documents");

    // 2. Other nodes; labels are independent (creating nodes of one label locks nothing another
    // label's batch needs), so several transactions run at once.
    const nodeTasks: WriteTask[] = [];
    for (const g of nodeGroups) {
      if (g.label === "Document") continue;
      for (const [keys, name] of [[g.changed, "sync/replace-nodes"], [g.created, "sync/create-nodes"]] as const) {
        const query = fillTemplate(readCypher(name), { label: g.label });
        const retry = fillTemplate(readCypher("sync/replace-nodes"), { label: g.label });
        for (const batch of chunk(keys, batchSize)) {
          nodeTasks.push({ query, retry, count: batch.length, rows: () => batch.map((key) => nodeRow(graph, key)), what: `${g.label} nodes`, onResult: noteIds });
        }
      }
    }
    await runTasks(driver, sessionConfig, nodeTasks, parallel, (task) => {
      summary.nodesWritten += task.count;
      summary.batches += 1;
      progress(task.count, task.what);
    });
    phase("nodes");

    // 3. Relationships, between nodes that now all exist. Several transactions at once: a
    // relationship write locks its two end nodes, so two batches that share a node may deadlock;
    // the server detects that, and the managed transaction is retried (a transient error).
    const relTasks: WriteTask[] = [];
    for (const g of relGroups) {
      const labels = { type: g.type, sourceLabel: g.sourceLabel, targetLabel: g.targetLabel };
      for (const [keys, name] of [[g.changed, "sync/replace-relationships"], [g.created, "sync/create-relationships"]] as const) {
        const query = fillTemplate(readCypher(name), labels);
        const retry = fillTemplate(readCypher(name === "sync/create-relationships" ? "sync/insert-relationships-retry" : name), labels);
        const row = (e: number) => relRow(graph, edges.keyAt(e));
        const withIds = (e: number) => {
          const r = row(e);
          return { ...r, sourceId: ids.get(r.source) ?? null, targetId: ids.get(r.target) ?? null };
        };
        const make = name === "sync/create-relationships" ? withIds : row;
        for (let i = 0; i < keys.length; i += batchSize) {
          const batch = keys.subarray(i, i + batchSize);
          relTasks.push({ query, retry, count: batch.length, rows: () => Array.from(batch, make), what: `${g.type} relationships` });
        }
      }
    }
    await runTasks(driver, sessionConfig, relTasks, parallel, (task) => {
      summary.relationshipsWritten += task.count;
      summary.batches += 1;
      progress(task.count, task.what);
    });
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

/** Transactions kg import runs at once (node labels, relationship batches); SyncOptions.parallel overrides (the bench: --parallel). */
export const DEFAULT_PARALLEL = 3;

interface WriteTask {
  query: string;
  /** The rows, made when the batch is sent (and let go once it is written). */
  rows: () => (NodeRow | RelRow)[];
  count: number;
  what: string;
  /**
   * Run instead of `query` when the driver retries the batch after a transient error: the first
   * attempt may have committed without the driver seeing it, so a CREATE is retried as a MERGE.
   */
  retry: string;
  onResult?: (result: { records: { get(key: string): unknown }[] }) => void;
}

/**
 * Run write batches, `parallel` at a time, each in its own managed transaction (retried on transient
 * errors: deadlocks, leader changes). Stops at the first failure: the tasks already running finish,
 * no new one starts, and the first error is thrown.
 */
async function runTasks(
  driver: Driver,
  sessionConfig: { database?: string; defaultAccessMode: "WRITE" },
  tasks: readonly WriteTask[],
  parallel: number,
  onDone: (task: WriteTask) => void,
): Promise<void> {
  let next = 0;
  let failed: unknown;
  // Each batch's rows are garbage once written: collected whenever the heap has grown by a tenth past what was
  // alive at the last collection, plus 48 MB (V8, given kg's large heap limit, let it grow by 700 MB while the
  // relationships of the 10 MB corpus were written; with a quarter plus 64 MB, the 100 MB corpus's relationships
  // took the import from 0.9 to 1.2 GB).
  const bound = HeapBound.tight();
  const worker = async () => {
    const session = driver.session(sessionConfig);
    try {
      while (failed === undefined && next < tasks.length) {
        const task = tasks[next++]!;
        try {
          let attempt = 0;
          bound.check();
          const rows = task.rows();
          const result = await session.executeWrite((tx) => tx.run(attempt++ === 0 ? task.query : task.retry, { rows }));
          checkWritten(result, rows.length);
          task.onResult?.(result);
          onDone(task);
        } catch (err) {
          failed ??= err;
        }
      }
    } finally {
      await session.close().catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, tasks.length) }, worker));
  if (failed !== undefined) throw failed;
}

/** Throws when the server wrote fewer rows than were sent (a relationship end missing). */
function checkWritten(result: { records: { get(key: string): unknown }[] }, sent: number): void {
  const merged = Number(result.records[0]?.get("merged") ?? 0);
  if (merged !== sent) throw new Error(`syncGraph: ${sent} rows sent but ${merged} written (a relationship end missing?).`);
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

/** Batches of at most `size` rows and (unless a single row is larger) `maxBytes` of record text, each made when pulled. */
function* chunkByBytes(rows: Iterable<NodeRow>, size: number, maxBytes: number): Generator<NodeRow[]> {
  let current: NodeRow[] = [];
  let bytes = 0;
  for (const row of rows) {
    const record = row.props.record;
    const rowBytes = typeof record === "string" ? record.length * 3 : 0;
    if (current.length > 0 && (current.length >= size || bytes + rowBytes > maxBytes)) {
      yield current;
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += rowBytes;
  }
  if (current.length > 0) yield current;
}

/** A relationship of the graph, against what the database holds of the same key. */
const EdgeState = { /** Not held. */ Absent: 0, Same: 1, Changed: 2, /** Between other nodes. */ Moved: 3 } as const;
type EdgeState = (typeof EdgeState)[keyof typeof EdgeState];

/**
 * Run a read query, visiting each row as it arrives (streamed; each let go once visited), in a managed
 * transaction: `reset` is called before each attempt (a transient error retries it from the start).
 */
async function streamRead(
  driver: Driver,
  database: string | undefined,
  name: string,
  params: Record<string, unknown>,
  reset: () => void,
  visit: (row: { get(key: string): unknown }) => void,
): Promise<void> {
  const session = driver.session({ ...(database ? { database } : {}), defaultAccessMode: "READ" });
  // Each row, and what is made to compare it (the graph's row, both canonical forms, a Document's record read back),
  // is garbage once visited: collected as it piles up (V8, under kg's large heap limit, let it reach 600 MB at 10 MB).
  const bound = new HeapBound(256);
  try {
    await session.executeRead(async (tx) => {
      reset();
      for await (const row of tx.run(readCypher(name), params)) {
        bound.check();
        visit(row);
      }
    });
  } finally {
    await session.close().catch(() => undefined);
  }
}

/**
 * sameProps for a node whose record is compared by digest: the properties but the record as sameProps compares
 * them, and the record to write against the digest of the stored one (`storedDigest`; undefined: none stored).
 */
function sameNodeProps(props: Neo4jProps, current: Record<string, unknown>, storedDigest: string | undefined): boolean {
  const { record, ...rest } = props;
  if (record === undefined ? storedDigest !== undefined : typeof record !== "string" || storedDigest === undefined || recordDigest(record) !== storedDigest) return false;
  return sameProps(rest, current, "label");
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
