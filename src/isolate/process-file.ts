/*
 * The per-file unit of the pipeline: read one file and run its per-document stages (decode,
 * normalise, segment, outline, classify, extract). Never throws: whatever goes wrong inside
 * becomes one error diagnostic naming the file and the stage, and the file yields nothing.
 * Runs in the caller's thread or in a worker of file-runner.ts's pool (its input and output are plain data).
 */
import { performance } from "node:perf_hooks";

import { classifyReport } from "../classify/classify.ts";
import { classifySetting } from "../classify/setting.ts";
import { extractEntities } from "../extract/entities/index.ts";
import type { CollectedFile } from "../ingest/collect-files.ts";
import { readDocument } from "../ingest/read-documents.ts";
import { sourceSlice } from "../ingest/strip-annotations.ts";
import { normaliseDocument } from "../normalise/index.ts";
import { outlineReport } from "../outline/index.ts";
import { segmentDocument } from "../segment/segment.ts";
import type { Diagnostic, DocumentExtraction, ReportExtraction, ReportSegment, SourceDocument, Statement } from "../types.ts";
import { pushAll } from "../util/arrays.ts";

/** What one file gave: its extraction (null when it was skipped) and its diagnostics. */
export interface FileOutcome {
  extraction: DocumentExtraction | null;
  diagnostics: Diagnostic[];
}

/** Milliseconds spent per stage (summed over files, and over threads when there are several). */
export type StageTimings = Record<string, number>;

/** What processFile needs besides the file. */
export interface ProcessFileOptions {
  /** Ids of reports already read from earlier files: a repeat is reported and counted once. */
  seenReports: ReadonlySet<string>;
  /** Largest file read, in bytes; 0 = no limit. */
  maxBytes: number;
  /** Leave out what only these stages read (the outline, the line table): see PipelineOptions.lean. */
  lean?: boolean | undefined;
  /** When given, milliseconds per stage are added to it (for the benchmark). */
  timings?: StageTimings | undefined;
}

/**
 * Read one file and extract its reports.
 * @example const { extraction, diagnostics } = await processFile({ path: "a.txt", explicit: true }, { seenReports: new Set(), maxBytes: 0 });
 */
export async function processFile(file: CollectedFile, options: ProcessFileOptions): Promise<FileOutcome> {
  const diagnostics: Diagnostic[] = [];
  const { timings } = options;
  let t = timings ? performance.now() : 0;
  const lap = (name: string) => {
    if (!timings) return;
    const now = performance.now();
    timings[name] = (timings[name] ?? 0) + (now - t);
    t = now;
  };
  let stage = "read";
  try {
    const source = await readDocument(file, diagnostics, { maxBytes: options.maxBytes });
    lap("ingest");
    if (!source) return { extraction: null, diagnostics };
    const outcome = processSource(source, options.seenReports, diagnostics, lap, (name) => (stage = name));
    if (options.lean && outcome.extraction) leanDocument(outcome.extraction);
    return outcome;
  } catch (error) {
    diagnostics.push(failedFile(file.path, stage, error));
    return { extraction: null, diagnostics };
  }
}

/**
 * Run the stages after reading on a document already read: its lazily built tables (OpenCC, the
 * lexicons, jieba) are built on the first call, which is why a pool worker calls it once on a
 * warm-up text before it takes files (see warmUp): a file's time budget then counts its own work.
 */
function processSource(
  source: SourceDocument,
  seenReports: ReadonlySet<string>,
  diagnostics: Diagnostic[],
  lap: (name: string) => void,
  setStage: (name: string) => void,
): FileOutcome {
  setStage("normalise");
  const { document, diagnostics: normDiagnostics } = normaliseDocument(source);
  pushAll(diagnostics, normDiagnostics);
  lap("normalise");
  setStage("segment");
  const segmented = segmentDocument(document);
  pushAll(diagnostics, segmented.diagnostics);
  lap("segment");
  const reports: ReportExtraction[] = [];
  const seenHere = new Set<string>();
  for (const segment of segmented.reports) {
    if (seenReports.has(segment.id) || seenHere.has(segment.id)) {
      diagnostics.push(repeatedReport(source.path, segment.startLine));
      continue;
    }
    seenHere.add(segment.id);
    setStage("outline");
    const outline = outlineReport(document, segment, segmented.markers, diagnostics);
    setStage("classify");
    const classified = classifyReport(document, segment, outline);
    pushAll(diagnostics, missingStatements(source.path, segment, classified.statements));
    // A statement's text is the source as written: annotations set aside for reading are put back.
    if (source.removedAnnotations) for (const st of classified.statements) st.text = sourceSlice(source, st.textSpan.start, st.textSpan.end);
    const { setting, rule: settingRule } = classifySetting(document.text.slice(segment.span.start, segment.span.end));
    lap("outline+classify");
    setStage("extract");
    const entities = extractEntities({
      text: document.text,
      source: source.text,
      lines: document.lines,
      span: segment.span,
      noise: document.noise,
      duplicates: segment.duplicates,
      contextAt: classified.contextAt,
    });
    lap("entities");
    for (const d of entities.diagnostics) diagnostics.push({ ...d, path: d.path ?? source.path, reportId: segment.id });
    reports.push({
      segment,
      setting,
      settingRule,
      outline: classified.outline,
      statements: classified.statements,
      organisations: entities.organisations,
      mechanisms: entities.mechanisms,
      slogans: entities.slogans,
      figures: entities.figures,
      links: [],
    });
  }
  return { extraction: { document, reports }, diagnostics };
}

/** The document without what only the per-document stages read: each report's outline, the line table. */
export function leanDocument(doc: DocumentExtraction): DocumentExtraction {
  doc.document.lines = [];
  for (const report of doc.reports) report.outline = [];
  return doc;
}

/** A short report in our own words, run once through the stages when a pool worker starts. */
const WARM_UP_TEXT = "一、存在的问题\n1、部分党支部组织生活不够规范，“三会一课”落实不到位。\n二、对策建议\n1、加强党员教育管理，建立健全工作机制。\n";

/** Build the stages' lazy tables before the first file (its time budget then counts its own work only). */
export function warmUp(): void {
  const source: SourceDocument = { path: "(warm-up)", sha256: "", encoding: "utf-8", text: WARM_UP_TEXT };
  try {
    processSource(source, new Set(), [], () => undefined, () => undefined);
  } catch {
    // A failure here shows again, with a diagnostic, on the file that meets it.
  }
}

/** The one diagnostic of a file whose processing threw: a bug of ours, reported without stopping the run. */
export function failedFile(path: string, stage: string, error: unknown): Diagnostic {
  const what = error instanceof Error ? `${error.name}: ${error.message.split("\n")[0]}` : String(error);
  return {
    severity: "error",
    origin: `pipeline:${stage}`,
    path,
    message: `internal error in the ${stage} stage (${what}); this file was skipped, the others go on. Please report it.`,
  };
}

/**
 * A report in which no problem or no measure was found: its shape is one kg does not read yet, or (a page opening,
 * an excerpt) its text ends before them.
 */
function missingStatements(path: string, segment: ReportSegment, statements: Statement[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const kind of ["problem", "measure"] as const) {
    if (statements.some((s) => s.kind === kind)) continue;
    out.push({
      severity: "warning",
      origin: `classify:no-${kind}`,
      path,
      line: segment.startLine,
      reportId: segment.id,
      message: `report at lines ${segment.startLine}-${segment.endLine}${segment.title ? ` (${segment.title})` : ""}: no ${kind} found; ${
        segment.truncated ? `its text breaks off before its end, so they may lie beyond it, or its` : "its"
      } shape may be one kg does not read (see docs/report-shapes.md)`,
    });
  }
  return out;
}

/** The warning for a report whose text an earlier one already had (in this file, or in an earlier file in path order). */
export function repeatedReport(path: string, line: number): Diagnostic {
  return {
    severity: "warning",
    origin: "pipeline:duplicate-report",
    path,
    line,
    message: "this report repeats one read earlier (same text); it is counted once",
  };
}
