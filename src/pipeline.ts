/*
 * The extraction pipeline composed from its stages:
 * ingest → normalise → segment → outline → classify → extract → themes → links.
 * Graph building and the sinks come after it, in graph/ and the commands.
 */
import { performance } from "node:perf_hooks";

import { collectFiles } from "./ingest/index.ts";
import { linkReport } from "./links/index.ts";
import type { StageTimings } from "./pipeline/document.ts";
import { defaultJobs, processFiles } from "./pipeline/pool.ts";
import { assignThemes, loadCodebook } from "./themes/index.ts";
import type { Diagnostic, DocumentExtraction, Extraction, Statement } from "./types.ts";

export type { StageTimings } from "./pipeline/document.ts";

export interface PipelineOptions {
  /** Path of a user codebook (JSON) replacing the shipped one. */
  codebookPath?: string | undefined;
  /** Called after each file, for progress bars. */
  onProgress?: (done: number, total: number, what: string) => void;
  /** Threads for the per-document stages (default: the number of cores); the output does not depend on it. */
  jobs?: number | undefined;
  /** When given, milliseconds per stage are added to it (for the benchmark). */
  timings?: StageTimings | undefined;
}

/**
 * Run the whole extraction over files and folders (recursive). Files flow one at a time through the
 * per-document stages (pipeline/document.ts), on a pool of worker threads (pipeline/pool.ts).
 * @example const extraction = await runPipeline(["seeds/"]);
 */
export async function runPipeline(paths: string[], options: PipelineOptions = {}): Promise<Extraction> {
  const codebook = loadCodebook(options.codebookPath);
  const { files, diagnostics } = await collectFiles(paths);
  const later: Diagnostic[] = [];
  const extracted: DocumentExtraction[] = [];
  const seenReports = new Set<string>();
  await processFiles(files, {
    jobs: options.jobs ?? defaultJobs(),
    timings: options.timings,
    onFile: (i, processed) => {
      // Diagnostics keep the order of a sequential run: all reading first, then document by document.
      diagnostics.push(...processed.readDiagnostics);
      options.onProgress?.(i + 1, files.length, files[i]!.path);
      const { document } = processed;
      if (!document) return;
      later.push(...processed.diagnostics);
      const reports = [];
      for (const { report, diagnostics: reportDiagnostics } of processed.reports) {
        if (seenReports.has(report.segment.id)) {
          later.push(repeatedReport(document.source.path, report.segment.startLine));
          continue;
        }
        seenReports.add(report.segment.id);
        later.push(...reportDiagnostics);
        reports.push(report);
      }
      extracted.push({ document, reports });
    },
  });
  diagnostics.push(...later);
  return assemble(extracted, codebook, diagnostics, options.timings);
}

function repeatedReport(path: string, line: number): Diagnostic {
  return {
    severity: "warning",
    origin: "pipeline:duplicate-report",
    path,
    line,
    message: "this report repeats one read earlier (same text); it is counted once",
  };
}

/** Themes across all reports, then links within each report. */
function assemble(documents: DocumentExtraction[], codebook: ReturnType<typeof loadCodebook>, diagnostics: Diagnostic[], timings?: StageTimings): Extraction {
  let t = performance.now();
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
  const { themes, themeOf, explanations } = assignThemes(statements, bodies, codebook);
  if (timings) timings.themes = (timings.themes ?? 0) + performance.now() - t;
  t = performance.now();
  for (const doc of documents) {
    for (const report of doc.reports) report.links = linkReport(report.statements, bodies, themeOf, codebook);
  }
  if (timings) timings.links = (timings.links ?? 0) + performance.now() - t;
  const assignments: Extraction["assignments"] = {};
  for (const [id, themeId] of themeOf) assignments[id] = { themeId, reason: explanations.get(id) ?? "" };
  return { documents, themes, assignments, diagnostics };
}

