/*
 * kg import into Neo4j without holding every document (issue 12, peak memory): importDocumentsIntoNeo4j
 * (sync-graph.ts) for documents waiting in a temporary file (sinks/graph-file-spooled.ts extractIntoSpool).
 * Under the import lock, the documents the database holds join them in the spool (those read again at the same
 * path left out, as graph/records.ts unionDocuments does); themes, decisions and links are found over the compact
 * forms (pipeline.ts crossReportIsolated); the graph is built reading the documents back one at a time in
 * canonical order (graph/build-graph.ts buildGraphOf), and each Document node given its record and aliases as
 * graph/records.ts buildStoreGraph gives them. The database is then synced to that graph (syncGraph): the same
 * nodes, relationships and properties as importDocumentsIntoNeo4j over the same documents.
 */
import type { Driver } from "neo4j-driver";

import { buildGraphOf, createKgGraph } from "../../graph/build-graph.ts";
import { nodeKey } from "../../graph/keys.ts";
import { aliasesOf, documentFromRecord, documentRecord, type StoredDocument } from "../../graph/records.ts";
import { type CompactDocument, compactDocument, crossReportIsolated } from "../../pipeline.ts";
import type { SpooledDocument } from "../../sinks/document-spool.ts";
import type { SpooledDocuments } from "../../sinks/graph-file-spooled.ts";
import type { Diagnostic, DocumentExtraction, ReportExtraction } from "../../types.ts";
import { pushAll } from "../../util/arrays.ts";
import { collectGarbage, HeapBound } from "../../util/gc.ts";
import { shareText, StringInterner } from "../../util/intern.ts";
import { plural } from "../../util/terminal.ts";
import { readCypher } from "./cypher.ts";
import { toStoreError } from "./errors.ts";
import { applySchema } from "./load-graph.ts";
import { type SyncOptions, type SyncSummary, syncGraph, withImportLock } from "./sync-graph.ts";

/**
 * Import the spooled documents into Neo4j so that the database equals the graph of (stored ∪ spooled) documents.
 * `spooled.compact` is emptied (its memory let go once the cross-report stages are done) unless `keepCompact`
 * (kg import --neo4j --out: the graph file is written from the same spool afterwards).
 */
export async function importSpooledIntoNeo4j(
  driver: Driver,
  spooled: SpooledDocuments,
  options: SyncOptions & { keepCompact?: boolean },
  diagnostics: Diagnostic[],
): Promise<SyncSummary> {
  const where = { uri: options.uri ?? "the server", database: options.database };
  try {
    await applySchema(driver, { database: options.database });
  } catch (err) {
    throw toStoreError(err, where);
  }
  return withImportLock(driver, options, async () => {
    const { spool } = spooled;
    options.onPhase?.("reading the documents the database holds");
    // The union: the stored documents not read again (written to the spool), then those read now. Per member: its
    // place in the spool and its compact form; metadata a document read again keeps from the database.
    const places: number[] = [];
    const compact: CompactDocument[] = [];
    const metadataOf = new Map<number, DocumentExtraction["metadata"]>();
    const records = new Map<string, string>();
    try {
      const { records: rows } = await driver.executeQuery(readCypher("sync/stored-documents"), {}, options.database ? { database: options.database } : {});
      const incoming = new Set(spooled.paths);
      const storedMetadata = new Map<string, NonNullable<DocumentExtraction["metadata"]>>();
      const strings = new StringInterner();
      for (let i = 0; i < rows.length; i++) {
        const stored = rows[i]!.toObject() as unknown as StoredDocument & { key: string };
        rows[i] = undefined as never; // each row let go once read
        for (const path of [stored.path, ...aliasesOf(stored)]) {
          const doc = documentFromRecord(stored, path);
          if (doc.metadata) storedMetadata.set(path, doc.metadata);
          if (incoming.has(path)) continue;
          places.push(spool.write(doc));
          compact.push(strings.internAll(compactDocument(doc, options.codebook, true)));
        }
        if (typeof stored.record === "string") records.set(stored.key, stored.record);
      }
      spooled.paths.forEach((p, i) => {
        const meta = spooled.withMetadata[i] ? undefined : storedMetadata.get(p);
        if (meta) metadataOf.set(places.length + i, meta);
      });
    } catch (err) {
      throw toStoreError(err, where);
    }
    spooled.paths.forEach((_p, i) => places.push(i));
    pushAll(compact, spooled.compact);
    if (!options.keepCompact) spooled.compact.length = 0;
    const count = compact.length;
    options.onPhase?.(`themes, links and the graph over ${plural(count, "document")}`);
    const paths = compact.map((d) => d.path);
    const shas = compact.map((d) => d.sha256);
    const cross = crossReportIsolated(compact, options.codebook, diagnostics, { decisions: options.decisions });
    compact.length = 0;
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    const read = (k: number): SpooledDocument => {
      const line = spool.read(places[k]!);
      const meta = metadataOf.get(k);
      return meta ? { ...line, metadata: meta } : line;
    };
    // The documents kept, in canonical order (graph/order.ts), read back one at a time with the reports they keep
    // and their links (as sinks/graph-file-spooled.ts does for the graph file).
    const canonical = [...Array(count).keys()]
      .filter((k) => cross.kept[k] !== undefined)
      .sort((a, b) => (paths[a]! < paths[b]! ? -1 : paths[a]! > paths[b]! ? 1 : shas[a]! < shas[b]! ? -1 : shas[a]! > shas[b]! ? 1 : 0));
    const rules = new StringInterner(400);
    const names = new StringInterner();
    const bound = new HeapBound();
    function* documents(): Generator<DocumentExtraction> {
      for (const k of canonical) {
        bound.check();
        const line = read(k);
        const text = line.document.source.text;
        for (const report of line.reports) {
          for (const st of report.statements) {
            st.rule = rules.intern(st.rule);
            shareText(st, text);
          }
          names.internAll(report.organisations);
          names.internAll(report.mechanisms);
        }
        const links = cross.links[k]!;
        cross.links[k] = [];
        const reports = cross.kept[k]!.map((r) => ({ ...line.reports[r]!, outline: [], links: links[r]! }) as ReportExtraction);
        yield { ...line, reports } as unknown as DocumentExtraction;
      }
    }
    const graph = buildGraphOf(documents(), cross.themes, cross.assignments, createKgGraph());
    cross.links.length = 0;
    // Each Document node's record (that of the document at the node's path) and the other paths with the same
    // bytes, as graph/records.ts buildStoreGraph gives them.
    const assembled = new Set(canonical.map((k) => shas[k]!));
    const bySha = new Map<string, number[]>();
    for (let k = 0; k < count; k++) {
      const sha = shas[k]!;
      if (!assembled.has(sha)) continue; // left out by the cross-report stages (diagnostic given)
      const list = bySha.get(sha) ?? [];
      list.push(k);
      bySha.set(sha, list);
    }
    for (const [sha, members] of bySha) {
      const key = nodeKey("Document", sha.slice(0, 16));
      if (!graph.hasNode(key)) throw new Error(`importSpooledIntoNeo4j: no Document node for ${paths[members[0]!]!}.`);
      const kept = graph.getNodeAttribute(key, "path") as string;
      const own = members.find((k) => paths[k] === kept) ?? members[0]!;
      const aliases = [...new Set(members.map((k) => paths[k]!))].filter((p) => p !== kept).sort();
      graph.mergeNodeAttributes(key, { record: documentRecord(read(own)), ...(aliases.length > 0 ? { aliases } : {}) });
    }
    bySha.clear();
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    options.onPhase?.("loading into Neo4j", `${graph.order} nodes, ${graph.size} relationships`);
    return syncGraph(driver, graph, { ...options, storedRecords: records });
  });
}
