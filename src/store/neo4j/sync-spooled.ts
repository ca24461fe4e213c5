/*
 * kg import into Neo4j without holding every document (issue 12, peak memory): importDocumentsIntoNeo4j
 * (sync-graph.ts) for documents waiting in a temporary file (sinks/graph-file-spooled.ts extractIntoSpool).
 * Under the import lock, the documents the database holds join them in the spool (those read again at the same
 * path left out, as graph/records.ts unionDocuments does), streamed a few at a time with only each record's digest
 * kept; themes, decisions and links are found over the compact forms and the graph is built reading the documents
 * back one at a time (sinks/graph-file-spooled.ts graphOfSpooled, as for the graph file), and each Document node
 * given its aliases as graph/records.ts buildStoreGraph gives them. Its record is not put on the graph: syncGraph
 * reads it back from the spool when the node's row is made (recordOf). The database is then synced to that graph
 * (syncGraph): the same nodes, relationships and properties as importDocumentsIntoNeo4j over the same documents.
 */
import { type Driver, isRetryableError, Neo4jError } from "neo4j-driver";

import { CompactGraph } from "../../graph/compact-graph.ts";
import { aliasesOf, documentFromRecord, documentRecord } from "../../graph/records.ts";
import { graphOfSpooled, spillBuilt, type SpooledDocuments, unionBuilder, withAliases } from "../../sinks/graph-file-spooled.ts";
import type { Diagnostic } from "../../types.ts";
import { plural } from "../../util/terminal.ts";
import { toStoreError } from "./errors.ts";
import { forEachStoredDocument, type SyncOptions, type SyncSummary, syncGraph, withSchemaAndImportLock } from "./sync-graph.ts";

/** Attempts at reading the stored documents when the server answers with a transient error. */
const READ_ATTEMPTS = 3;

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
  return withSchemaAndImportLock(driver, options, async () => {
    options.onPhase?.("reading the documents the database holds");
    // The union: the stored documents not read again (written to the spool), then those read now.
    let union = unionBuilder(spooled, options.codebook);
    let digests: Map<string, string>;
    for (let attempt = 1; ; attempt++) {
      try {
        // Streamed: each stored Document's row is let go once written to the spool; only its record's digest is kept.
        digests = await forEachStoredDocument(driver, options.database, (stored) => {
          for (const path of [stored.path, ...aliasesOf(stored)]) union.addStored(documentFromRecord(stored, path));
        });
        break;
      } catch (err) {
        if (!(err instanceof Neo4jError && isRetryableError(err)) || attempt >= READ_ATTEMPTS) throw toStoreError(err, where);
        // A transient error (a leader change, a connection lost): read them all again into a fresh union (what the
        // first attempt wrote to the spool stays there unread).
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
        union = unionBuilder(spooled, options.codebook);
      }
    }
    const members = union.addIncoming(options.keepCompact);
    options.onPhase?.(`themes, links and the graph over ${plural(members.compact.length, "document")}`);
    // Held in a compact store (graph/compact-graph.ts), not a graphology instance: at 10 MB of reports a graphology
    // graph took twice the memory, and the sync reads it only through the few methods the store has.
    const store = new CompactGraph();
    try {
      // Statements, figures and relationships wait in the store's temporary file as the graph grows (in batches, in
      // its order).
      const building = { ...options, onAdded: () => store.spillNew(false) };
      const { graph, read, documentNodes } = await graphOfSpooled(members, store.asKgGraph(), building, diagnostics);
      // Each Document's record is not put on the graph but read back from the spool when its row is made (to
      // compare it, and when it is written).
      const own = withAliases(graph, documentNodes);
      documentNodes.clear();
      // Each spilled attribute is read back when its row is made (at 100 MB of reports the graph held about 700 MB
      // until loaded), in the order the graph holds them, which is the sync's.
      await spillBuilt(store, false);
      options.onPhase?.("loading into Neo4j", `${graph.order} nodes, ${graph.size} relationships`);
      const recordOf = (key: string): string => {
        const k = own.get(key);
        if (k === undefined) throw new Error(`kg import: no document read for ${key}.`);
        return documentRecord(read(k));
      };
      return await syncGraph(driver, graph, { ...options, storedDigests: digests, recordOf });
    } finally {
      // The store and its temporary file, also when building or loading fails.
      store.release();
    }
  });
}
