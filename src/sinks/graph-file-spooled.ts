/*
 * `kg import` into the graph file in memory that does not hold every document (issue 12, peak memory). As each
 * document arrives from the per-document stages it is written to a temporary file (sinks/document-spool.ts) and
 * only what the cross-report stages read is kept (pipeline.ts compactDocument). Under the graph file's lock, the
 * documents the file holds (unless --wipe) join them there, those read again at the same path left out; themes,
 * decisions and links are found over the compact forms; the graph is built reading the documents back one at a
 * time in canonical order (graph/build-graph.ts buildGraphOf); and each Document's extraction record is not put
 * on the graph but read back again when the file writes it (graph-codec.ts RecordSource). The file is the same,
 * byte for byte, as importDocumentsIntoGraphFile's over the same documents (test/sinks/graph-file-spooled.test.ts).
 */
import { basename } from "node:path";

import { IN_THREAD_BUDGET, type FileBudget } from "../budget.ts";
import { buildGraphOf, type KgGraph } from "../graph/build-graph.ts";
import { CompactGraph } from "../graph/compact-graph.ts";
import { nodeKey } from "../graph/keys.ts";
import type { ReportMetadata } from "../graph/report-metadata.ts";
import { documentRecord, documentRecordValue } from "../graph/records.ts";
import { collectFiles } from "../ingest/collect-files.ts";
import { defaultJobs, runFiles } from "../isolate/file-runner.ts";
import { type CompactDocument, compactDocument, crossReportIsolated } from "../pipeline.ts";
import type { Codebook } from "../themes/codebook.ts";
import type { LoadedDecisions } from "../themes/decisions.ts";
import type { Diagnostic, DocumentExtraction, ReportExtraction } from "../types.ts";
import { pushAll } from "../util/arrays.ts";
import { collectGarbage, extractionBound, HeapBound } from "../util/gc.ts";
import { shareText, StringInterner } from "../util/intern.ts";
import { plural } from "../util/terminal.ts";
import { DocumentSpool, type SpooledDocument } from "./document-spool.ts";
import { assertReplaceableFile, type LockOptions, removeStaleTempFiles, withFileLock } from "./file-lock.ts";
import { type GraphFileSummary, keyDiff, readStoredDocuments, writeGraphFile } from "./graph-file.ts";

/** The documents read now, waiting in a temporary file; close() removes it (the caller must, also on failure). */
export interface SpooledDocuments {
  spool: DocumentSpool;
  /** Per document read now (its place in the spool): its compact form, with strings of its own. */
  compact: CompactDocument[];
  /** Per document read now: its path, and whether it came with metadata. */
  paths: string[];
  withMetadata: boolean[];
  /** Reports of the documents read now. */
  reports: number;
  /** Documents read now given a --metadata row. */
  matched: number;
  diagnostics: Diagnostic[];
  close(): void;
}

export interface SpoolOptions {
  codebook: Codebook;
  budget?: FileBudget | undefined;
  jobs?: number | undefined;
  /** --metadata: the row for each path (or file name). */
  metadata?: Map<string, ReportMetadata> | null | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/**
 * The per-document stages over files and folders, each document written to a temporary file as it arrives and
 * only its compact form kept (as pipeline.ts extractDocuments, without the workers' preparations: the
 * cross-report stages compute them, as with one job, instead of holding them for every statement at once).
 */
export async function extractIntoSpool(paths: string[], options: SpoolOptions): Promise<SpooledDocuments> {
  const spool = new DocumentSpool();
  try {
    const { files, diagnostics } = await collectFiles(paths);
    const compact: CompactDocument[] = [];
    const docPaths: string[] = [];
    const withMetadata: boolean[] = [];
    const strings = new StringInterner();
    const bound = extractionBound();
    let reports = 0;
    let matched = 0;
    await runFiles(files, {
      budget: options.budget ?? IN_THREAD_BUDGET,
      jobs: options.jobs ?? defaultJobs(),
      lean: true,
      onFile: (i, outcome) => {
        bound.check();
        pushAll(diagnostics, outcome.diagnostics);
        const doc = outcome.extraction;
        if (doc) {
          const path = doc.document.source.path;
          const meta = options.metadata?.get(path) ?? options.metadata?.get(basename(path));
          if (meta) {
            doc.metadata = meta;
            matched += 1;
          }
          spool.write(doc);
          compact.push(strings.internAll(compactDocument(doc, options.codebook, true)));
          docPaths.push(path);
          withMetadata.push(doc.metadata !== undefined);
          reports += doc.reports.length;
        }
        options.onProgress?.(i + 1, files.length);
      },
    });
    // (bound, not a closure here: one would hold this scope, the interner of every compact form's strings included,
    // as long as the documents wait: about 30 MB at 100 MB of reports, through the writer's peak)
    return { spool, compact, paths: docPaths, withMetadata, reports, matched, diagnostics, close: spool.close.bind(spool) };
  } catch (error) {
    spool.close();
    throw error;
  }
}

export interface SpooledImportOptions {
  wipe?: boolean;
  codebook: Codebook;
  decisions?: LoadedDecisions | undefined;
  lock?: LockOptions;
  onPhase?: (phase: string, detail?: string) => void;
}

/**
 * importDocumentsIntoGraphFile (graph-file.ts) for documents waiting in a temporary file: the same file, without
 * holding the documents. `spooled.compact` is emptied (its memory let go once the cross-report stages are done).
 */
export async function importSpooledIntoGraphFile(
  spooled: SpooledDocuments,
  path: string,
  options: SpooledImportOptions,
  diagnostics: Diagnostic[],
): Promise<GraphFileSummary> {
  await assertReplaceableFile(path);
  return withFileLock(path, () => rebuild(spooled, path, options, diagnostics), options.lock);
}

async function rebuild(spooled: SpooledDocuments, path: string, options: SpooledImportOptions, diagnostics: Diagnostic[]): Promise<GraphFileSummary> {
  await removeStaleTempFiles(path);
  const union = unionBuilder(spooled, options.codebook);
  let storedCount = 0;
  // The stored documents, each into the spool as it is read (the file's graph is not built: only its keys are kept).
  let before = options.wipe
    ? null
    : await readStoredDocuments(
        path,
        (doc) => {
          storedCount += 1;
          union.addStored(doc);
        },
        () => options.onPhase?.(`reading ${path}`),
      );
  const existing = before !== null;
  const members = union.addIncoming();
  options.onPhase?.(`themes, links and the graph over ${plural(members.compact.length, "document")}${existing ? ` (${storedCount} in the file, ${spooled.paths.length} read now)` : ""}`);
  // Each document's text as read here, which the graph's quotes are pieces of: the writer uses it for the record's.
  let docTexts = new Map<string, string>();
  // Held in a compact store (graph/compact-graph.ts), not a graphology instance: only the file is written from it.
  const store = new CompactGraph();
  // Statements, figures and relationships wait in the store's temporary file as the graph grows (in batches, each
  // in key order).
  const building = { ...options, onAdded: () => store.spillNew(true) };
  const { graph, read, documentNodes } = await graphOfSpooled(members, store.asKgGraph(), building, diagnostics, (line) => {
    const p = line.document.source.path;
    if (!docTexts.has(p)) docTexts.set(p, line.document.source.text);
  });
  // Each Document's record is read back when the file is written.
  const recordOwner = withAliases(graph, documentNodes);
  const diff = keyDiff(before, graph);
  before = null;
  // The writer reads each spilled attribute once, when its row is planned (released with the store).
  await spillBuilt(store, true);
  const { order: nodes, size: edges } = graph;
  options.onPhase?.(`writing ${path}`, `${nodes} nodes, ${edges} relationships`);
  // Each record as a value made from the document read back (JSON, so the writer need not parse and check its
  // text); with metadata kept from the file it was stored in, as text (the writer checks it).
  const records = (key: string): string | { parsed: Record<string, unknown> } | undefined => {
    const k = recordOwner.get(key);
    if (k === undefined) return undefined;
    const doc = read(k);
    return members.metadataOf.has(k) ? documentRecord(doc) : { parsed: documentRecordValue(doc) as unknown as Record<string, unknown> };
  };
  // Once the rows are planned the graph is let go: only their text (in a temporary file) is then written.
  const onPlanned = () => {
    store.release();
    docTexts = new Map();
  };
  // The relationships with the keys kg derives left out (the store does not hold them), and with only their type
  // where their attributes wait in the temporary file.
  const edgesOf = (visit: (key: string | undefined, attributes: Record<string, unknown>, source: string, target: string, line: number) => void) =>
    store.forEachEdgeDerived((k, a, s, t, line) => visit(k, a as unknown as Record<string, unknown>, s, t, line));
  const edgeAttributes = (line: number) => store.spilledEdgeAttributes(line) as unknown as Record<string, unknown>;
  const nodesOf = {
    forEach: (visit: (key: string, attributes: Record<string, unknown>) => void) => store.forEachNodeHeld((k, a) => visit(k, a as unknown as Record<string, unknown>)),
    held: (key: string) => store.nodeAttributesHeld(key) as unknown as Record<string, unknown> | undefined,
    full: (key: string) => store.nodeAttributes(key) as unknown as Record<string, unknown> | undefined,
    number: (key: string) => store.nodeNumber(key),
  };
  try {
    await writeGraphFile(graph, path, { collect: true, records, onPlanned, texts: (p) => docTexts.get(p), edges: edgesOf, edgeAttributes, nodes: nodesOf });
  } finally {
    store.release();
  }
  return { path, nodes, edges, ...diff, merged: existing };
}

/**
 * Put on each Document node of a graph graphOfSpooled built the other paths with the same bytes (`aliases`, as
 * buildStoreGraph does); returns each one's place among the documents read back, where its record is read from.
 */
export function withAliases(graph: KgGraph, documentNodes: Map<string, { own: number; aliases: string[] }>): Map<string, number> {
  const owners = new Map<string, number>();
  for (const [key, { own, aliases }] of documentNodes) {
    if (aliases.length > 0) graph.mergeNodeAttributes(key, { aliases });
    owners.set(key, own);
  }
  return owners;
}

/**
 * Once the graph is built in `store` (kg import, into the graph file and into Neo4j): what building left collected
 * (else the spill, which replaces attributes by less, grew the heap past it: at 100 MB of reports the import's
 * peak), the store settled, the statements', figures' and relationships' attributes in its temporary file
 * (`inKeyOrder`: in the order the graph file's writer reads them; CompactGraph.spillBuilt), what the stages before
 * left collected (graph-file.ts rebuildFile says why), then its lists trimmed (CompactGraph.trim) and what they
 * replace collected too.
 */
export async function spillBuilt(store: CompactGraph, inKeyOrder: boolean): Promise<void> {
  collectGarbage();
  store.settle();
  store.spillBuilt(inKeyOrder);
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  store.trim();
  collectGarbage();
}

/**
 * The union, as graph/records.ts unionDocuments makes it: the stored documents not read again (addStored, in the
 * order stored), then those read now (addIncoming, once). A document read again keeps the metadata stored with it
 * unless it came with its own. `spooled.compact` is emptied unless `keepCompact`.
 */
export function unionBuilder(spooled: SpooledDocuments, codebook: Codebook) {
  const union: SpooledUnion = { spool: spooled.spool, places: [], compact: [], metadataOf: new Map() };
  const incoming = new Set(spooled.paths);
  const storedMetadata = new Map<string, DocumentExtraction["metadata"]>();
  // (let go once the union is made: these closures live as long as the import)
  let strings = new StringInterner();
  return {
    addStored(doc: DocumentExtraction): void {
      const p = doc.document.source.path;
      if (incoming.has(p)) {
        if (doc.metadata) storedMetadata.set(p, doc.metadata);
        return;
      }
      union.places.push(spooled.spool.write(doc));
      union.compact.push(strings.internAll(compactDocument(doc, codebook, true)));
    },
    addIncoming(keepCompact = false): SpooledUnion {
      spooled.paths.forEach((p, i) => {
        const meta = spooled.withMetadata[i] ? undefined : storedMetadata.get(p);
        if (meta) union.metadataOf.set(union.places.length + i, meta);
      });
      spooled.paths.forEach((_p, i) => union.places.push(i));
      pushAll(union.compact, spooled.compact);
      if (!keepCompact) spooled.compact.length = 0;
      storedMetadata.clear();
      strings = new StringInterner();
      return union;
    },
  };
}

/** The union of the stored documents and those read now, as graphOfSpooled reads it. */
export interface SpooledUnion {
  spool: DocumentSpool;
  /** Per member: its place in the spool. */
  places: number[];
  /** Per member: its compact form (emptied once the cross-report stages are done). */
  compact: CompactDocument[];
  /** Per member that keeps metadata from where it was stored: that metadata. */
  metadataOf: Map<number, DocumentExtraction["metadata"]>;
}

/**
 * How to read a member of the union back, with the metadata kept from where it was stored. Made here, not in
 * graphOfSpooled: a closure there would hold all that its scope holds (the cross-report stages' themes, links and
 * assignments: about 50 MB at 100 MB of reports) for as long as the caller reads the documents back.
 */
function memberReader({ spool, places, metadataOf }: SpooledUnion): (k: number) => SpooledDocument {
  return (k) => {
    const line = spool.read(places[k]!);
    const meta = metadataOf.get(k);
    return meta ? { ...line, metadata: meta } : line;
  };
}

/**
 * The graph of a spooled union, built into `graph` (kg import into the graph file and into Neo4j): themes, decisions
 * and links found over the compact forms; the documents kept read back one at a time in canonical order
 * (graph/order.ts) with the reports they keep and their links (`onRead` sees each as read). Gives, per Document
 * node, the member whose record it keeps (that of the document at the node's path) and the other paths with the
 * same bytes, as graph/records.ts buildStoreGraph gives them; and how to read a member back. `options.onAdded` is
 * called once each document is on the graph (kg import spills what the graph holds there: CompactGraph.spillNew).
 */
export async function graphOfSpooled<G extends KgGraph>(
  union: SpooledUnion,
  graph: G,
  options: { codebook: Codebook; decisions?: LoadedDecisions | undefined; onAdded?: (() => void) | undefined },
  diagnostics: Diagnostic[],
  onRead?: (line: SpooledDocument) => void,
): Promise<{ graph: G; read: (k: number) => SpooledDocument; documentNodes: Map<string, { own: number; aliases: string[] }> }> {
  const { compact } = union;
  const count = compact.length;
  const paths = compact.map((d) => d.path);
  const shas = compact.map((d) => d.sha256);
  const cross = crossReportIsolated(compact, options.codebook, diagnostics, { decisions: options.decisions });
  compact.length = 0;
  // What the cross-report stages left (their tables over every statement) is collected before the graph is built.
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  const read = memberReader(union);
  // The documents kept, in canonical order, each document's links let go once it is read (each is read once).
  const canonical = [...Array(count).keys()]
    .filter((k) => cross.kept[k] !== undefined)
    .sort((a, b) => (paths[a]! < paths[b]! ? -1 : paths[a]! > paths[b]! ? 1 : shas[a]! < shas[b]! ? -1 : shas[a]! > shas[b]! ? 1 : 0));
  // A statement's rule in words, a mention's context and surface, an entity's name recur across documents: one
  // copy each on the graph (each line read has its own).
  const rules = new StringInterner(400);
  const names = new StringInterner();
  // Each document read back is parsed whole and let go once on the graph: that garbage is collected whenever the
  // heap has grown by a tenth past what was alive at the last collection, plus 48 MB (V8 let it grow to about twice
  // that: at 50 MB of reports the peak of kg import was reached here).
  const bound = HeapBound.tight();
  function* documents(): Generator<DocumentExtraction> {
    for (const k of canonical) {
      bound.check();
      const line = read(k);
      onRead?.(line);
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
      options.onAdded?.();
    }
  }
  buildGraphOf(documents(), cross.themes, cross.assignments, graph);
  const kept = new Set(canonical.map((k) => shas[k]!));
  const bySha = new Map<string, number[]>();
  for (let k = 0; k < count; k++) {
    const sha = shas[k]!;
    if (!kept.has(sha)) continue; // left out by the cross-report stages (diagnostic given)
    const list = bySha.get(sha) ?? [];
    list.push(k);
    bySha.set(sha, list);
  }
  const documentNodes = new Map<string, { own: number; aliases: string[] }>();
  for (const [sha, members] of bySha) {
    const key = nodeKey("Document", sha.slice(0, 16));
    if (!graph.hasNode(key)) throw new Error(`kg import: no Document node for ${paths[members[0]!]!}.`);
    const path = graph.getNodeAttribute(key, "path") as string;
    const own = members.find((k) => paths[k] === path) ?? members[0]!;
    documentNodes.set(key, { own, aliases: [...new Set(members.map((k) => paths[k]!))].filter((p) => p !== path).sort() });
  }
  return { graph, read, documentNodes };
}
