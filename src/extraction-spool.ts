/*
 * `kg extract --json` in memory that does not grow with the documents (issue 12, "Streaming"). Files flow one at
 * a time through the per-document stages (isolate/); as each document arrives it is written to a temporary file
 * (one JSON line; os.tmpdir(), removed at the end, on an error and on SIGINT/SIGTERM/SIGHUP) and only what the
 * cross-report stages read is kept (pipeline.ts compactDocument: ids, kinds, each statement's normalised text
 * and item body as scored; the workers prepare nothing, see below). Themes and links run over those; then the JSON is written
 * by reading the documents back one at a time, in input order, with their themes and links attached: the same
 * text as extractionJsonChunks over the whole extraction (the in-memory path of kg import, kg extract without
 * --json, kg eval), for any input and any number of jobs.
 */
import { IN_THREAD_BUDGET } from "./budget.ts";
import { collectFiles } from "./ingest/collect-files.ts";
import { defaultJobs, runFiles } from "./isolate/file-runner.ts";
import { type CompactDocument, compactDocument, type CrossReport, crossReportIsolated, type PipelineOptions } from "./pipeline.ts";
import { documentsJsonChunks, type JsonDocument } from "./sinks/extraction-json.ts";
import { loadCodebook } from "./themes/index.ts";
import type { Diagnostic, DocumentExtraction } from "./types.ts";
import { pushAll } from "./util/arrays.ts";
import { collectGarbage, extractionBound, HeapBound } from "./util/gc.ts";
import { StringInterner } from "./util/intern.ts";
import { LineSpool } from "./util/line-spool.ts";

/** What a document's line in the temporary file holds: what the JSON reads of it, without its links (not known yet). */
interface SpooledLine {
  source: JsonDocument["document"]["source"];
  noise: JsonDocument["document"]["noise"];
  reports: Omit<JsonDocument["reports"][number], "links" | "outline">[];
  metadata?: DocumentExtraction["metadata"];
}

/** The extraction, its documents waiting in a temporary file: write its JSON once, then close it. */
export interface SpooledExtraction {
  /** Every diagnostic of the run (files, duplicates, the cross-report stages). */
  diagnostics: Diagnostic[];
  /** Documents in the output (after repeated content is counted once). */
  documents: number;
  /** The temporary folder (for tests: gone once closed). */
  spoolDir: string;
  /** The text of kg extract --json (without its final newline), in pieces, the documents read back one at a time. */
  jsonChunks(): Generator<string>;
  /** Remove the temporary file (idempotent). */
  close(): void;
}

/**
 * Run the pipeline over files and folders, keeping the documents in a temporary file until the JSON is written.
 * The caller must close() the result (also when it fails to write it); a failure before then removes the file.
 * @example const run = await spoolExtraction(["reports/"]); try { for (const p of run.jsonChunks()) out.write(p); } finally { run.close(); }
 */
export async function spoolExtraction(
  paths: string[],
  options: Pick<PipelineOptions, "codebookPath" | "decisions" | "onProgress" | "budget" | "jobs" | "timings"> = {},
): Promise<SpooledExtraction> {
  const codebook = loadCodebook(options.codebookPath);
  const spool = new LineSpool({ command: "kg extract", prefix: "kg-extract-", room: "about the size of the JSON" });
  try {
    const { files, diagnostics } = await collectFiles(paths);
    const compact: CompactDocument[] = [];
    const strings = new StringInterner();
    const bound = extractionBound();
    await runFiles(files, {
      budget: options.budget ?? IN_THREAD_BUDGET,
      jobs: options.jobs ?? defaultJobs(),
      lean: true,
      timings: options.timings,
      // No preparation in the workers (isolate/report-prep.ts): what they would send back (each statement's theme
      // ranking and clustering features) is several times the compact records, all held at once until the
      // themes are found; the cross-report stages compute it here instead, as they do with one job, for less CPU.
      onFile: (i, outcome) => {
        bound.check();
        pushAll(diagnostics, outcome.diagnostics);
        const doc = outcome.extraction;
        if (doc) {
          spool.write(spooledLine(doc));
          compact.push(strings.internAll(compactDocument(doc, codebook, true)));
        }
        options.onProgress?.(i + 1, files.length, files[i]!.path);
      },
    });
    const cross = crossReportIsolated(compact, codebook, diagnostics, { decisions: options.decisions, timings: options.timings });
    compact.length = 0;
    return {
      diagnostics,
      documents: cross.kept.filter(Boolean).length,
      spoolDir: spool.dir,
      jsonChunks: () => documentsJsonChunks(readBack(spool, cross), cross),
      close: () => spool.close(),
    };
  } catch (error) {
    spool.close();
    throw error;
  }
}

function spooledLine(doc: DocumentExtraction): SpooledLine {
  const { source, noise } = doc.document;
  return {
    source,
    noise,
    reports: doc.reports.map(({ outline: _o, links: _l, ...rest }) => rest),
    ...(doc.metadata ? { metadata: doc.metadata } : {}),
  };
}

/** The documents the output keeps, read back from the spool in input order, with the reports they keep and their links. */
function* readBack(spool: LineSpool, cross: CrossReport): Generator<JsonDocument> {
  let i = 0;
  // Each document read back, and the JSON made of it, is garbage once written: collected as it piles up (at 100 MB
  // of reports V8 otherwise let the heap grow past the cross-report stages' peak here), measured from what is
  // alive once the cross-report stages' working tables are let go (about 170 of the 800 MB the heap then held).
  collectGarbage();
  const bound = new HeapBound(16);
  for (const text of spool.lines()) {
    bound.check();
    const place = i++;
    const kept = cross.kept[place];
    if (!kept) continue;
    const line = JSON.parse(text) as SpooledLine;
    const reports = kept.map((r) => ({ ...line.reports[r]!, links: cross.links[place]![r]! }));
    yield { document: { source: line.source, noise: line.noise }, reports, ...(line.metadata ? { metadata: line.metadata } : {}) };
  }
}
