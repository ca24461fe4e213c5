/*
 * Extraction records: what a document's per-report stages found (reports, statements, entities,
 * figures, and the decoded text their quotes point into), stored on its Document node as the
 * `record` property (JSON), in the graph file and in Neo4j alike. They are the unit of storage for
 * order-independent imports: each import takes the stored records, replaces those of the documents it
 * reads again (same path), adds the new ones, and recomputes everything across reports (themes, the
 * analyst's decisions, links, recurrence) over that union. The graph is therefore a function of the
 * set of documents, whatever the order, batching or repetition of the imports that brought them.
 */
import { InputError } from "../errors.ts";
import { forgetPrep } from "../isolate/report-prep.ts";
import { normaliseDocument } from "../normalise/index.ts";
import { assembleIsolated } from "../pipeline.ts";
import type { Codebook } from "../themes/codebook.ts";
import type { LoadedDecisions } from "../themes/decisions.ts";
import type { Diagnostic, DocumentExtraction, Extraction, ReportExtraction } from "../types.ts";
import { buildGraph, type KgGraph } from "./build-graph.ts";
import { nodeKey } from "./keys.ts";

export const RECORD_VERSION = 1;

/** What is stored per document (path, sha256 and encoding are properties of the node itself). */
export interface DocumentRecord {
  version: typeof RECORD_VERSION;
  /** The decoded text, as written: quotes and offsets point into it. */
  text: string;
  reports: Omit<ReportExtraction, "outline" | "links">[];
  /** The analyst's metadata for the file (kg import --metadata), when given. */
  metadata?: DocumentExtraction["metadata"];
}

/** The Document node attributes a record is read back from. */
export interface StoredDocument {
  path: string;
  sha256: string;
  encoding: string;
  record?: unknown;
  aliases?: unknown;
}

/** What a record is made of: a document's text, its reports (their outline and links are not read) and metadata. */
export interface RecordedDocument {
  document: { source: { text: string } };
  reports: readonly (Omit<ReportExtraction, "outline" | "links"> & Partial<Pick<ReportExtraction, "outline" | "links">>)[];
  metadata?: DocumentExtraction["metadata"];
}

/** JSON of a document's record (the outline and the links, which are recomputed, are left out). */
export function documentRecord(doc: RecordedDocument): string {
  return JSON.stringify(documentRecordValue(doc));
}

/** A document's record as the value documentRecord writes (sharing the document's values, not copying them). */
export function documentRecordValue(doc: RecordedDocument): DocumentRecord {
  return {
    version: RECORD_VERSION,
    text: doc.document.source.text,
    reports: doc.reports.map(({ outline: _o, links: _l, ...rest }) => rest),
    ...(doc.metadata ? { metadata: doc.metadata } : {}),
  };
}

/** A DocumentExtraction again from a stored record (normalised text recomputed from the text; no outline). */
export function documentFromRecord(stored: StoredDocument, path = stored.path): DocumentExtraction {
  if (typeof stored.record !== "string") {
    throw new InputError(`graph: document "${stored.path}" was imported by an older kg, without its extraction record; re-import everything once with --wipe.`);
  }
  let record: DocumentRecord;
  try {
    record = JSON.parse(stored.record) as DocumentRecord;
  } catch (err) {
    throw new InputError(`graph: the extraction record of document "${stored.path}" is damaged (${(err as Error).message}); re-import with --wipe.`, { cause: err });
  }
  if (record.version !== RECORD_VERSION) {
    throw new InputError(`graph: document "${stored.path}" has an extraction record of version ${String(record.version)}, this kg reads ${RECORD_VERSION}; re-import with --wipe.`);
  }
  const source = { path, sha256: stored.sha256, encoding: stored.encoding, text: record.text };
  const { document } = normaliseDocument(source, { findNoise: false });
  return { document, reports: record.reports.map((r) => ({ ...r, outline: [], links: [] })), ...(record.metadata ? { metadata: record.metadata } : {}) };
}

/** Every document stored in a graph (one per path: a node, and one per alias path with the same bytes). */
export function documentsOfGraph(graph: KgGraph): DocumentExtraction[] {
  const out: DocumentExtraction[] = [];
  graph.forEachNode((_key, attrs) => documentsOfNode(attrs, (doc) => out.push(doc)));
  return out;
}

/** The documents a node's attributes store (none unless a Document: one at its path, one per alias), one at a time. */
export function documentsOfNode(attrs: { label?: unknown }, visit: (doc: DocumentExtraction) => void): void {
  if (attrs.label !== "Document") return;
  const stored = attrs as unknown as StoredDocument;
  visit(documentFromRecord(stored));
  for (const alias of aliasesOf(stored)) visit(documentFromRecord(stored, alias));
}

/** Other paths holding the same bytes as a stored document. */
export function aliasesOf(stored: StoredDocument): string[] {
  return Array.isArray(stored.aliases) ? stored.aliases.filter((a): a is string => typeof a === "string") : [];
}

/**
 * The union of stored and incoming documents: an incoming document replaces the stored one at the
 * same path (a file read again, changed or not); the others are kept.
 */
export function unionDocuments(stored: readonly DocumentExtraction[], incoming: readonly DocumentExtraction[]): DocumentExtraction[] {
  const incomingPaths = new Set(incoming.map((d) => d.document.source.path));
  // Metadata given for a path stays with it until new metadata is given (a re-read file keeps its title).
  const storedMetadata = new Map(stored.flatMap((d) => (d.metadata ? [[d.document.source.path, d.metadata] as const] : [])));
  const kept = incoming.map((d) => {
    const metadata = d.metadata ?? storedMetadata.get(d.document.source.path);
    return metadata && !d.metadata ? { ...d, metadata } : d;
  });
  return [...stored.filter((d) => !incomingPaths.has(d.document.source.path)), ...kept];
}

export interface StoreGraph {
  graph: KgGraph;
  extraction: Extraction;
}

/**
 * The graph of a set of documents, as stored: the cross-report stages recomputed over all of them
 * (`assemble`), the graph built, and each Document node given its record and the other paths with
 * the same bytes (`aliases`), so that the next import can recompute again.
 */
export function buildStoreGraph(
  documents: readonly DocumentExtraction[],
  codebook: Codebook,
  decisions: LoadedDecisions | undefined,
  diagnostics: Diagnostic[],
  options: { forgetPreparations?: boolean } = {},
): StoreGraph {
  // assemble sets report.links on the reports it is given: hand it copies, keep the records whole.
  const copies = documents.map((d) => ({ ...d, reports: d.reports.map((r) => ({ ...r, links: [] })) }));
  // Isolated: a file the cross-report stages fail on is left out with one diagnostic, the others go on.
  const extraction = assembleIsolated(copies, codebook, diagnostics, { decisions });
  // The workers' preparations (theme scores, links) are used: let them go before the graph and the records are made.
  if (options.forgetPreparations) for (const doc of documents) for (const report of doc.reports) forgetPrep(report);
  const graph = buildGraph(extraction);
  const bySha = new Map<string, DocumentExtraction[]>();
  const assembled = new Set(extraction.documents.map((d) => d.document.source.sha256));
  for (const doc of documents) {
    if (!assembled.has(doc.document.source.sha256)) continue; // left out by assembleIsolated (diagnostic given)
    const list = bySha.get(doc.document.source.sha256) ?? [];
    list.push(doc);
    bySha.set(doc.document.source.sha256, list);
  }
  for (const [sha, docs] of bySha) {
    const key = nodeKey("Document", sha.slice(0, 16));
    if (!graph.hasNode(key)) throw new Error(`buildStoreGraph: no Document node for ${docs[0]!.document.source.path}.`);
    const kept = graph.getNodeAttribute(key, "path") as string;
    const own = docs.find((d) => d.document.source.path === kept) ?? docs[0]!;
    const aliases = [...new Set(docs.map((d) => d.document.source.path))].filter((p) => p !== kept).sort();
    graph.mergeNodeAttributes(key, { record: documentRecord(own), ...(aliases.length > 0 ? { aliases } : {}) });
  }
  return { graph, extraction };
}
