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
import { canonicalOrder } from "./graph/order.ts";
import { collectFiles } from "./ingest/collect-files.ts";
import { defaultJobs, runFiles } from "./isolate/file-runner.ts";
import { failedFile, repeatedReport, type StageTimings } from "./isolate/process-file.ts";
import { forScoring, linksHold, prepOf, receivePrep, scoredBody } from "./isolate/report-prep.ts";
import { linkReport } from "./links/index.ts";
import { applyDecisions, type LoadedDecisions } from "./themes/decisions.ts";
import type { PreparedStatement } from "./themes/assign-themes.ts";
import { assignThemes, loadCodebook } from "./themes/index.ts";
import type { Codebook } from "./themes/index.ts";
import type { Diagnostic, DocumentExtraction, Extraction, Statement } from "./types.ts";
import { pushAll } from "./util/arrays.ts";
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
 * assemble() over all documents; if it throws, each document is tried alone and those it throws on
 * are left out with one diagnostic each (when the failure needs several documents together, it is rethrown).
 */
export function assembleIsolated(
  documents: DocumentExtraction[],
  codebook: Codebook,
  diagnostics: Diagnostic[],
  options: AssembleOptions = {},
): Extraction {
  try {
    return assemble(documents, codebook, diagnostics, options);
  } catch (error) {
    const kept: DocumentExtraction[] = [];
    for (const doc of documents) {
      try {
        assemble([doc], codebook, [], { decisions: options.decisions });
        kept.push(doc);
      } catch (alone) {
        diagnostics.push(failedFile(doc.document.source.path, "themes", alone));
      }
    }
    if (kept.length === documents.length) throw error;
    return assemble(kept, codebook, diagnostics, options);
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
  const { decisions, timings } = options;
  let t = timings ? performance.now() : 0;
  const documents = dedupeContent(input, diagnostics);
  const statements: Statement[] = [];
  const bodies = new Map<string, string>();
  // What the themes and links stages read of each statement: at most SCORED_CHARS of its text and of its body.
  const scored = new Map<string, Statement[]>();
  // What the workers computed of each statement (isolate/report-prep.ts), where they did, with this codebook.
  const prepared = new Map<string, PreparedStatement>();
  for (const doc of canonicalOrder(documents)) {
    for (const report of doc.reports) {
      const own = report.statements.map(forScoring);
      scored.set(report.segment.id, own);
      pushAll(statements, own);
      for (const st of own) bodies.set(st.id, scoredBody(doc.document.text, st));
      const prep = prepOf(report, codebook);
      if (prep) own.forEach((st, i) => prepared.set(st.id, receivePrep(prep.statements[i]!, codebook)));
    }
  }
  const assigned = assignThemes(statements, bodies, codebook, prepared);
  const result = decisions ? applyDecisions(assigned, statements, decisions, diagnostics) : assigned;
  const { themes, themeOf, explanations, scores } = result;
  if (timings) timings.themes = (timings.themes ?? 0) + performance.now() - t;
  t = performance.now();
  // The links stage reads the theme scores of this run instead of scoring every statement again.
  const themeScores = assigned.ranked && assigned.bodyRanked ? { ranked: assigned.ranked, bodyRanked: assigned.bodyRanked } : undefined;
  for (const doc of documents) {
    for (const report of doc.reports) {
      const own = scored.get(report.segment.id) ?? report.statements;
      // The links made with the report's document hold when its statements keep the codebook themes they were made with.
      const prep = prepOf(report, codebook);
      report.links = prep && linksHold(prep, own, themeOf) ? prep.links.slice() : linkReport(own, bodies, themeOf, codebook, themeScores);
    }
  }
  if (timings) timings.links = (timings.links ?? 0) + performance.now() - t;
  const assignments: Extraction["assignments"] = {};
  for (const [id, themeId] of themeOf) {
    const score = scores.get(id);
    assignments[id] = { themeId, reason: explanations.get(id) ?? "", ...(score !== undefined ? { score } : {}) };
  }
  return { documents, themes, assignments, diagnostics };
}

/** Drop documents with the bytes of an earlier one, and reports already held by an earlier document (path order). */
function dedupeContent(input: DocumentExtraction[], diagnostics: Diagnostic[]): DocumentExtraction[] {
  const keepDoc = new Set<DocumentExtraction>();
  const owner = new Map<string, DocumentExtraction>();
  const seenSha = new Map<string, string>();
  for (const doc of canonicalOrder(input)) {
    const { path, sha256 } = doc.document.source;
    const first = seenSha.get(sha256);
    if (first !== undefined) {
      diagnostics.push({ severity: "warning", origin: "pipeline:duplicate-document", path, message: `same bytes as ${first}; counted once` });
      continue;
    }
    seenSha.set(sha256, path);
    keepDoc.add(doc);
    for (const report of doc.reports) if (!owner.has(report.segment.id)) owner.set(report.segment.id, doc);
  }
  return input
    .filter((doc) => keepDoc.has(doc))
    .map((doc) => {
      const reports = doc.reports.filter((r) => owner.get(r.segment.id) === doc);
      for (const r of doc.reports) {
        if (owner.get(r.segment.id) !== doc) diagnostics.push(repeatedReport(doc.document.source.path, r.segment.startLine));
      }
      return reports.length === doc.reports.length ? doc : { ...doc, reports };
    });
}
