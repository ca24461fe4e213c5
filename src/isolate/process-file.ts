/*
 * The per-file unit of the pipeline: read one file and run its per-document stages (decode,
 * normalise, segment, outline, classify, extract). Never throws: whatever goes wrong inside
 * becomes one error diagnostic naming the file and the stage, and the file yields nothing.
 * Runs in the caller's thread or in the worker of file-runner.ts (its input and output are plain data).
 */
import { classifyReport } from "../classify/classify.ts";
import { classifySetting } from "../classify/setting.ts";
import { extractEntities } from "../extract/entities/index.ts";
import type { CollectedFile } from "../ingest/collect-files.ts";
import { readDocument } from "../ingest/read-documents.ts";
import { normaliseDocument } from "../normalise/index.ts";
import { outlineReport } from "../outline/index.ts";
import { segmentDocument } from "../segment/segment.ts";
import type { Diagnostic, DocumentExtraction, ReportExtraction, ReportSegment, Statement } from "../types.ts";
import { pushAll } from "../util/arrays.ts";

/** What one file gave: its extraction (null when it was skipped) and its diagnostics. */
export interface FileOutcome {
  extraction: DocumentExtraction | null;
  diagnostics: Diagnostic[];
}

/** What processFile needs besides the file. */
export interface ProcessFileOptions {
  /** Ids of reports already read from earlier files: a repeat is reported and counted once. */
  seenReports: ReadonlySet<string>;
  /** Largest file read, in bytes; 0 = no limit. */
  maxBytes: number;
}

/**
 * Read one file and extract its reports.
 * @example const { extraction, diagnostics } = await processFile({ path: "a.txt", explicit: true }, { seenReports: new Set(), maxBytes: 0 });
 */
export async function processFile(file: CollectedFile, options: ProcessFileOptions): Promise<FileOutcome> {
  const diagnostics: Diagnostic[] = [];
  let stage = "read";
  try {
    const source = await readDocument(file, diagnostics, { maxBytes: options.maxBytes });
    if (!source) return { extraction: null, diagnostics };
    stage = "normalise";
    const { document, diagnostics: normDiagnostics } = normaliseDocument(source);
    pushAll(diagnostics, normDiagnostics);
    stage = "segment";
    const segmented = segmentDocument(document);
    pushAll(diagnostics, segmented.diagnostics);
    const reports: ReportExtraction[] = [];
    const seenHere = new Set<string>();
    for (const segment of segmented.reports) {
      if (options.seenReports.has(segment.id) || seenHere.has(segment.id)) {
        diagnostics.push(repeatedReport(source.path, segment.startLine));
        continue;
      }
      seenHere.add(segment.id);
      stage = "outline";
      const outline = outlineReport(document, segment, segmented.markers);
      stage = "classify";
      const classified = classifyReport(document, segment, outline);
      pushAll(diagnostics, missingStatements(source.path, segment, classified.statements));
      const { setting, rule: settingRule } = classifySetting(document.text.slice(segment.span.start, segment.span.end));
      stage = "extract";
      const entities = extractEntities({
        text: document.text,
        source: source.text,
        lines: document.lines,
        span: segment.span,
        noise: document.noise,
        duplicates: segment.duplicates,
        contextAt: classified.contextAt,
      });
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
  } catch (error) {
    diagnostics.push(failedFile(file.path, stage, error));
    return { extraction: null, diagnostics };
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

/** A report in which no problem or no measure was found: its shape is one kg does not read yet. */
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
      message: `report at lines ${segment.startLine}-${segment.endLine}${segment.title ? ` (${segment.title})` : ""}: no ${kind} found; its shape may be one kg does not read (see docs/report-shapes.md)`,
    });
  }
  return out;
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
