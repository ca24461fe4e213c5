/*
 * The extraction pipeline composed from its stages:
 * ingest → normalise → segment → outline → classify → extract → themes → links.
 * Graph building and the sinks come after it, in graph/ and the commands.
 *
 * Isolation: each file's per-document stages run on their own (src/isolate), under the file budgets
 * of src/budget.ts; a file that fails or overruns becomes one diagnostic and the others go on. The
 * cross-report stages (themes, links) run once over all reports; should they fail, the files they
 * fail on are found by trying each alone and are left out with a diagnostic.
 */
import { IN_THREAD_BUDGET, type FileBudget } from "./budget.ts";
import { collectFiles } from "./ingest/collect-files.ts";
import { createFileRunner } from "./isolate/file-runner.ts";
import { failedFile } from "./isolate/process-file.ts";
import { linkReport } from "./links/index.ts";
import { assignThemes, loadCodebook } from "./themes/index.ts";
import type { Diagnostic, DocumentExtraction, Extraction, Statement } from "./types.ts";
import { pushAll } from "./util/arrays.ts";

export interface PipelineOptions {
  /** Path of a user codebook (JSON) replacing the shipped one. */
  codebookPath?: string | undefined;
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
  const { files, diagnostics } = await collectFiles(paths);
  const extracted: DocumentExtraction[] = [];
  const seenReports = new Set<string>();
  const runner = createFileRunner(options.budget ?? IN_THREAD_BUDGET);
  try {
    for (let i = 0; i < files.length; i++) {
      const file = files[i]!;
      const outcome = await runner.run(file, seenReports);
      pushAll(diagnostics, outcome.diagnostics);
      if (outcome.extraction) {
        for (const report of outcome.extraction.reports) seenReports.add(report.segment.id);
        extracted.push(outcome.extraction);
      }
      options.onProgress?.(i + 1, files.length, file.path);
    }
  } finally {
    await runner.close();
  }
  return assembleIsolated(extracted, codebook, diagnostics);
}

type Codebook = ReturnType<typeof loadCodebook>;

/**
 * assemble() over all documents; if it throws, each document is tried alone and those it throws on
 * are left out with one diagnostic each (when the failure needs several documents together, it is rethrown).
 */
function assembleIsolated(documents: DocumentExtraction[], codebook: Codebook, diagnostics: Diagnostic[]): Extraction {
  try {
    return assemble(documents, codebook, diagnostics);
  } catch (error) {
    const kept: DocumentExtraction[] = [];
    for (const doc of documents) {
      try {
        assemble([doc], codebook, []);
        kept.push(doc);
      } catch (alone) {
        diagnostics.push(failedFile(doc.document.source.path, "themes", alone));
      }
    }
    if (kept.length === documents.length) throw error;
    return assemble(kept, codebook, diagnostics);
  }
}

/** Themes across all reports, then links within each report. */
function assemble(documents: DocumentExtraction[], codebook: Codebook, diagnostics: Diagnostic[]): Extraction {
  const statements: Statement[] = [];
  const bodies = new Map<string, string>();
  for (const doc of documents) {
    for (const report of doc.reports) {
      for (const st of report.statements) {
        statements.push(st);
        bodies.set(st.id, doc.document.text.slice(st.span.start, st.span.end));
      }
    }
  }
  const { themes, themeOf, explanations, scores } = assignThemes(statements, bodies, codebook);
  for (const doc of documents) {
    for (const report of doc.reports) report.links = linkReport(report.statements, bodies, themeOf, codebook);
  }
  const assignments: Extraction["assignments"] = {};
  for (const [id, themeId] of themeOf) assignments[id] = { themeId, reason: explanations.get(id) ?? "", score: scores.get(id) };
  return { documents, themes, assignments, diagnostics };
}
