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
import { IN_THREAD_BUDGET, type FileBudget } from "./budget.ts";
import { canonicalOrder } from "./graph/order.ts";
import { collectFiles } from "./ingest/collect-files.ts";
import { createFileRunner } from "./isolate/file-runner.ts";
import { failedFile } from "./isolate/process-file.ts";
import { linkReport } from "./links/index.ts";
import { applyDecisions, type LoadedDecisions } from "./themes/decisions.ts";
import { assignThemes, loadCodebook } from "./themes/index.ts";
import type { Codebook } from "./themes/index.ts";
import type { Diagnostic, DocumentExtraction, Extraction, Statement } from "./types.ts";
import { pushAll } from "./util/arrays.ts";

export interface PipelineOptions {
  /** Path of a user codebook (JSON) replacing the shipped one. */
  codebookPath?: string | undefined;
  /** The analyst's theme decisions, applied after theme assignment (see themes/decisions.ts). */
  decisions?: LoadedDecisions | undefined;
  /** Called after each document, for progress bars. */
  onProgress?: (done: number, total: number, what: string) => void;
  /** Per-file budgets (default: the size limit only, in this thread; the CLI passes resolveBudget()). */
  budget?: FileBudget | undefined;
}

/**
 * Run the whole extraction over files and folders (recursive).
 * @example const extraction = await runPipeline(["seeds/"]);
 */
export async function runPipeline(paths: string[], options: PipelineOptions = {}): Promise<Extraction> {
  const codebook = loadCodebook(options.codebookPath);
  const { documents, diagnostics } = await extractDocuments(paths, options);
  return assembleIsolated(documents, codebook, diagnostics, { decisions: options.decisions });
}

/**
 * The per-document stages (ingest → … → extract) over files and folders, without the cross-report
 * stages: every report a document holds is kept (a report repeated in another document is resolved by
 * `assemble`, in path order), themes and links are left empty.
 */
export async function extractDocuments(
  paths: string[],
  options: Pick<PipelineOptions, "onProgress" | "budget"> = {},
): Promise<{ documents: DocumentExtraction[]; diagnostics: Diagnostic[] }> {
  const { files, diagnostics } = await collectFiles(paths);
  const extracted: DocumentExtraction[] = [];
  const runner = createFileRunner(options.budget ?? IN_THREAD_BUDGET);
  try {
    for (let i = 0; i < files.length; i++) {
      const file = files[i]!;
      // Reports repeated across files are resolved by `assemble`, in path order, not here.
      const outcome = await runner.run(file, NO_REPORTS);
      pushAll(diagnostics, outcome.diagnostics);
      if (outcome.extraction) extracted.push(outcome.extraction);
      options.onProgress?.(i + 1, files.length, file.path);
    }
  } finally {
    await runner.close();
  }
  return { documents: extracted, diagnostics };
}

const NO_REPORTS: ReadonlySet<string> = new Set();

function repeatedReport(path: string, line: number): Diagnostic {
  return {
    severity: "warning",
    origin: "pipeline:duplicate-report",
    path,
    line,
    message: "this report repeats one read earlier (same text); it is counted once",
  };
}

export interface AssembleOptions {
  /** The analyst's theme decisions, applied after theme assignment and before links. */
  decisions?: LoadedDecisions | undefined;
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
        assemble([doc], codebook, [], options);
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
  const { decisions } = options;
  const documents = dedupeContent(input, diagnostics);
  const statements: Statement[] = [];
  const bodies = new Map<string, string>();
  for (const doc of canonicalOrder(documents)) {
    for (const report of doc.reports) {
      for (const st of report.statements) {
        statements.push(st);
        bodies.set(st.id, doc.document.text.slice(st.span.start, st.span.end));
      }
    }
  }
  const assigned = assignThemes(statements, bodies, codebook);
  const result = decisions ? applyDecisions(assigned, statements, decisions, diagnostics) : assigned;
  const { themes, themeOf, explanations, scores } = result;
  for (const doc of documents) {
    for (const report of doc.reports) report.links = linkReport(report.statements, bodies, themeOf, codebook);
  }
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
