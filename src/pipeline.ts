/*
 * The extraction pipeline composed from its stages:
 * ingest → normalise → segment → outline → classify → extract → themes → links.
 * Graph building and the sinks come after it, in graph/ and the commands.
 *
 * Isolation: each file's per-document stages run on their own (src/isolate), under the file budgets
 * of src/budget.ts; a file that fails or overruns becomes one diagnostic and the others go on. The
 * cross-report stages (themes, decisions, links) run once over all reports; should they fail, the files
 * they fail on are found by trying each alone and are left out with a diagnostic.
 */
import { performance } from "node:perf_hooks";

import { IN_THREAD_BUDGET, type FileBudget } from "./budget.ts";
import { collectFiles } from "./ingest/collect-files.ts";
import { defaultJobs, runFiles } from "./isolate/file-runner.ts";
import { failedFile, repeatedReport, type StageTimings } from "./isolate/process-file.ts";
import { compactReport, type CompactReport, linksHold, prepOf, receivePrep, type ReportPrep } from "./isolate/report-prep.ts";
import { linkReport } from "./links/index.ts";
import { applyDecisions, type LoadedDecisions } from "./themes/decisions.ts";
import type { PreparedStatement } from "./themes/assign-themes.ts";
import { assignThemes, loadCodebook } from "./themes/index.ts";
import type { Codebook } from "./themes/index.ts";
import type { Diagnostic, DocumentExtraction, Extraction, Link, ScoredStatement } from "./types.ts";
import { pushAll } from "./util/arrays.ts";
import { collectGarbage, HeapBound } from "./util/gc.ts";
import { StringInterner } from "./util/intern.ts";

export type { StageTimings } from "./isolate/process-file.ts";
export { SCORED_CHARS } from "./isolate/report-prep.ts";

export interface PipelineOptions {
  /** Path of a user codebook (JSON) replacing the shipped one. */
  codebookPath?: string | undefined;
  /** The analyst's theme decisions, applied after theme assignment (see themes/decisions.ts). */
  decisions?: LoadedDecisions | undefined;
  /** Called after each file (in input order), for progress bars. */
  onProgress?: (done: number, total: number, what: string) => void;
  /** Called when, every file extracted, the workers begin preparing the reports for the cross-report stages. */
  onPrepare?: ((workers: number) => void) | undefined;
  /** Per-file budgets (default: the size limit only; the CLI passes resolveBudget()). */
  budget?: FileBudget | undefined;
  /** Threads for the per-document stages (default: the number of cores); the output does not depend on it. */
  jobs?: number | undefined;
  /** When given, milliseconds per stage are added to it (for the benchmark). */
  timings?: StageTimings | undefined;
  /**
   * Drop, as each document arrives, what only the per-document stages read (each report's outline, the
   * document's line table): kg import and kg extract, which keep every document until the cross-report
   * stages, do not need them (neither the graph, nor the records, nor the extraction JSON hold them).
   */
  lean?: boolean | undefined;
}

/**
 * Run the whole extraction over files and folders (recursive). Files flow one at a time through the
 * per-document stages (isolate/process-file.ts), on a pool of worker threads (isolate/file-runner.ts).
 * @example const extraction = await runPipeline(["seeds/"]);
 */
export async function runPipeline(paths: string[], options: PipelineOptions = {}): Promise<Extraction> {
  const codebook = loadCodebook(options.codebookPath);
  const { documents, diagnostics } = await extractDocuments(paths, options);
  return assembleIsolated(documents, codebook, diagnostics, { decisions: options.decisions, timings: options.timings });
}

/**
 * The per-document stages (ingest → … → extract) over files and folders, without the cross-report
 * stages: every report a document holds is kept (a report repeated in another document is resolved by
 * `assemble`, in path order), themes and links are left empty.
 */
export async function extractDocuments(
  paths: string[],
  options: Pick<PipelineOptions, "codebookPath" | "onProgress" | "onPrepare" | "budget" | "jobs" | "timings" | "lean"> = {},
): Promise<{ documents: DocumentExtraction[]; diagnostics: Diagnostic[] }> {
  const { files, diagnostics } = await collectFiles(paths);
  const extracted: DocumentExtraction[] = [];
  // Every document is kept until the cross-report stages: its short recurring strings are shared with the others'.
  const strings = new StringInterner();
  // Outcomes arrive in input order whatever the number of jobs, so the output does not depend on it.
  // Reports repeated across files are resolved by `assemble`, in path order, not here.
  await runFiles(files, {
    budget: options.budget ?? IN_THREAD_BUDGET,
    jobs: options.jobs ?? defaultJobs(),
    lean: options.lean,
    timings: options.timings,
    // With two workers or more, each prepares the reports it extracted for the cross-report stages (isolate/report-prep.ts).
    prepare: { codebookPath: options.codebookPath },
    onPrepare: options.onPrepare,
    onFile: (i, outcome) => {
      pushAll(diagnostics, outcome.diagnostics);
      if (outcome.extraction) extracted.push(strings.internAll(outcome.extraction));
      options.onProgress?.(i + 1, files.length, files[i]!.path);
    },
  });
  return { documents: extracted, diagnostics };
}

export interface AssembleOptions {
  /** The analyst's theme decisions, applied after theme assignment and before links. */
  decisions?: LoadedDecisions | undefined;
  /** When given, milliseconds of the themes and links stages are added to it (for the benchmark). */
  timings?: StageTimings | undefined;
}

/**
 * What the cross-report stages need of one document: its path and hash (which copy of repeated content counts),
 * its reports as they read them (report-prep.ts compactReport), and the preparations a worker made of them.
 */
export interface CompactDocument {
  path: string;
  sha256: string;
  reports: CompactReport[];
  /** One per report, when a worker prepared them (isolate/report-prep.ts); used only when made with the same codebook. */
  preps?: readonly (ReportPrep | undefined)[] | undefined;
}

/** What the cross-report stages decide over a set of documents, by the documents' places in their input. */
export interface CrossReport {
  /** Per document: the places of the reports it keeps, in order; undefined when the whole document is left out. */
  kept: (number[] | undefined)[];
  /** Per document and report place: the report's links (kept reports only). */
  links: Link[][][];
  themes: Extraction["themes"];
  assignments: Extraction["assignments"];
}

/**
 * A document as the cross-report stages read it. With `own`, its strings hold their own characters (report-prep.ts
 * scoredStatement), so that keeping it does not keep the document.
 */
export function compactDocument(doc: DocumentExtraction, codebook: Codebook, own = false): CompactDocument {
  const reports = doc.reports.map((r) => compactReport(doc.document.text, r, own));
  const preps = doc.reports.map((r) => prepOf(r, codebook));
  return { path: doc.document.source.path, sha256: doc.document.source.sha256, reports, ...(preps.some(Boolean) ? { preps } : {}) };
}

/**
 * assemble() over all documents; if it throws, each document is tried alone and those it throws on
 * are left out with one diagnostic each (when the failure needs several documents together, it is rethrown).
 */
export function assembleIsolated(
  documents: DocumentExtraction[],
  codebook: Codebook,
  diagnostics: Diagnostic[],
  options: AssembleOptions = {},
): Extraction {
  const compact = documents.map((doc) => compactDocument(doc, codebook));
  return withCrossReport(documents, crossReportIsolated(compact, codebook, diagnostics, options), diagnostics);
}

/**
 * crossReport() over all documents; if it throws, each document is tried alone and those it throws on
 * are left out with one diagnostic each (when the failure needs several documents together, it is rethrown).
 */
export function crossReportIsolated(documents: CompactDocument[], codebook: Codebook, diagnostics: Diagnostic[], options: AssembleOptions = {}): CrossReport {
  try {
    return crossReport(documents, codebook, diagnostics, options);
  } catch (error) {
    const kept: number[] = [];
    for (const [i, doc] of documents.entries()) {
      try {
        crossReport([doc], codebook, [], { decisions: options.decisions });
        kept.push(i);
      } catch (alone) {
        diagnostics.push(failedFile(doc.path, "themes", alone));
      }
    }
    if (kept.length === documents.length) throw error;
    const some = crossReport(
      kept.map((i) => documents[i]!),
      codebook,
      diagnostics,
      options,
    );
    // Back to the places of the whole input: a document left out keeps nothing.
    const out: CrossReport = { ...some, kept: documents.map(() => undefined), links: documents.map(() => []) };
    kept.forEach((i, k) => {
      out.kept[i] = some.kept[k];
      out.links[i] = some.links[k]!;
    });
    return out;
  }
}

/**
 * The cross-report stages over a set of documents: repeated content is counted once (a document with
 * the same bytes as another, a report repeated in another document: the first in path order keeps it),
 * then themes over all statements, the analyst's decisions, and links within each report. The result
 * depends only on the set of documents, not on their order (documents keep their input order).
 */
export function assemble(
  input: DocumentExtraction[],
  codebook: Codebook,
  diagnostics: Diagnostic[],
  options: AssembleOptions = {},
): Extraction {
  const compact = input.map((doc) => compactDocument(doc, codebook));
  return withCrossReport(input, crossReport(compact, codebook, diagnostics, options), diagnostics);
}

/** The documents with what the cross-report stages decided: the documents and reports kept, links, themes. */
function withCrossReport(input: DocumentExtraction[], cross: CrossReport, diagnostics: Diagnostic[]): Extraction {
  const documents: DocumentExtraction[] = [];
  input.forEach((doc, i) => {
    const kept = cross.kept[i];
    if (!kept) return;
    for (const r of kept) doc.reports[r]!.links = cross.links[i]![r]!;
    documents.push(kept.length === doc.reports.length ? doc : { ...doc, reports: kept.map((r) => doc.reports[r]!) });
  });
  return { documents, themes: cross.themes, assignments: cross.assignments, diagnostics };
}

/**
 * The cross-report stages over compact documents (compactDocument): which documents and reports count (the
 * first in path order of repeated content), themes over all statements, the analyst's decisions, and links
 * within each report. What it decides depends only on the set of documents, not on their order.
 */
export function crossReport(input: CompactDocument[], codebook: Codebook, diagnostics: Diagnostic[], options: AssembleOptions = {}): CrossReport {
  const { decisions, timings } = options;
  let t = timings ? performance.now() : 0;
  const kept = dedupeContent(input, diagnostics);
  const order = canonicalPlaces(input).filter((i) => kept[i]);
  const statements: ScoredStatement[] = [];
  const bodies = new Map<string, string>();
  // What the themes and links stages read of each statement: at most SCORED_CHARS of its text and of its body.
  const scored = new Map<string, ScoredStatement[]>();
  // What the workers computed of each statement (isolate/report-prep.ts), where they did, with this codebook.
  const prepared = new Map<string, PreparedStatement>();
  for (const i of order) {
    for (const r of kept[i]!) {
      const report = input[i]!.reports[r]!;
      const own = report.statements;
      scored.set(report.id, own);
      pushAll(statements, own);
      own.forEach((st, k) => bodies.set(st.id, report.bodies[k]!));
      const prep = usablePrep(input[i]!, r, codebook);
      if (prep) own.forEach((st, k) => prepared.set(st.id, receivePrep(prep.statements[k]!, codebook)));
    }
  }
  const assigned = assignThemes(statements, bodies, codebook, prepared);
  const result = decisions ? applyDecisions(assigned, statements, decisions, diagnostics) : assigned;
  const { themes, themeOf, explanations, scores } = result;
  if (timings) timings.themes = (timings.themes ?? 0) + performance.now() - t;
  // The assignments before the links, and then the tables they were made from let go: the links stage reads only
  // the theme ids and the codebook's scores (kept for every statement until the output is written, no table twice).
  const assignments: Extraction["assignments"] = {};
  for (const [id, themeId] of themeOf) {
    const score = scores.get(id);
    assignments[id] = { themeId, reason: explanations.get(id) ?? "", ...(score !== undefined ? { score } : {}) };
  }
  for (const made of new Set([assigned, result])) {
    made.explanations.clear();
    made.scores.clear();
  }
  // What the themes stage computed and let go, collected before the links are made: at 100 MB of reports the heap
  // held about 800 MB there, of which 350 MB alive, and the links' bounded collections measured from that. Not for a
  // few statements (crossReportIsolated tries each document alone when the stages fail: a full collection each,
  // with the whole corpus alive, would take hours).
  if (statements.length >= COLLECT_FROM) collectGarbage();
  t = performance.now();
  // The links stage reads the theme scores of this run instead of scoring every statement again.
  const themeScores = assigned.ranked && assigned.bodyRanked ? { ranked: assigned.ranked, bodyRanked: assigned.bodyRanked } : undefined;
  const links: Link[][][] = input.map(() => []);
  // One copy of each link reason (links made alike are explained alike; all are kept until the output is written).
  const reasons = new StringInterner(Infinity);
  // (each report's scoring garbage once its links are made: collected as the heap grows)
  const bound = new HeapBound(64);
  input.forEach((doc, i) => {
    for (const r of kept[i] ?? []) {
      bound.check();
      const report = doc.reports[r]!;
      const own = scored.get(report.id) ?? report.statements;
      // The links made with the report's document hold when its statements keep the codebook themes they were made with.
      const prep = usablePrep(doc, r, codebook);
      const made = prep && linksHold(prep, own, themeOf) ? prep.links.slice() : linkReport(own, bodies, themeOf, codebook, themeScores);
      links[i]![r] = made.map((link) => ({ ...link, reason: reasons.intern(link.reason) }));
    }
  });
  if (timings) timings.links = (timings.links ?? 0) + performance.now() - t;
  return { kept, links, themes, assignments };
}

/** Statements from which a full collection before the links pays (the 1 MB bench corpus has about 3,700). */
const COLLECT_FROM = 10_000;

/** A report's preparation, if it was made with `codebook` (same key) for its statements. */
function usablePrep(doc: CompactDocument, report: number, codebook: Codebook): ReportPrep | undefined {
  const prep = doc.preps?.[report];
  return prep && prep.codebook === codebook.key && prep.statements.length === doc.reports[report]!.statements.length ? prep : undefined;
}

/** The places of documents in canonical order (graph/order.ts: by path, then content hash). */
function canonicalPlaces(documents: readonly CompactDocument[]): number[] {
  return documents
    .map((_, i) => i)
    .sort((a, b) => {
      const x = documents[a]!;
      const y = documents[b]!;
      return x.path < y.path ? -1 : x.path > y.path ? 1 : x.sha256 < y.sha256 ? -1 : x.sha256 > y.sha256 ? 1 : 0;
    });
}

/**
 * Which documents and reports count: a document with the bytes of an earlier one is left out, and a report
 * already held by an earlier document (path order). Per document, the places of the reports it keeps.
 */
function dedupeContent(input: CompactDocument[], diagnostics: Diagnostic[]): (number[] | undefined)[] {
  const keepDoc = new Set<number>();
  const owner = new Map<string, number>();
  const seenSha = new Map<string, string>();
  for (const i of canonicalPlaces(input)) {
    const { path, sha256 } = input[i]!;
    const first = seenSha.get(sha256);
    if (first !== undefined) {
      diagnostics.push({ severity: "warning", origin: "pipeline:duplicate-document", path, message: `same bytes as ${first}; counted once` });
      continue;
    }
    seenSha.set(sha256, path);
    keepDoc.add(i);
    for (const report of input[i]!.reports) if (!owner.has(report.id)) owner.set(report.id, i);
  }
  return input.map((doc, i) => {
    if (!keepDoc.has(i)) return undefined;
    const reports: number[] = [];
    doc.reports.forEach((r, k) => {
      if (owner.get(r.id) === i) reports.push(k);
      else diagnostics.push(repeatedReport(doc.path, r.startLine));
    });
    return reports;
  });
}
