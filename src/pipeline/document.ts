/*
 * The per-document stages of the pipeline for one file: ingest → normalise → segment → outline →
 * classify → extract entities. Pure with respect to other documents, so files can be processed in
 * any order and on any thread (see pool.ts); what depends on the documents read before this one
 * (a report repeated from an earlier file) is decided afterwards, in input order, by the pipeline.
 */
import { performance } from "node:perf_hooks";

import { classifyReport } from "../classify/classify.ts";
import { classifySetting } from "../classify/setting.ts";
import { extractEntities } from "../extract/entities/index.ts";
import { readDocument, type CollectedFile } from "../ingest/index.ts";
import { normaliseDocument } from "../normalise/index.ts";
import { segmentDocument } from "../segment/segment.ts";
import type { Diagnostic, NormalisedDocument, ReportExtraction } from "../types.ts";

/** Milliseconds spent per stage (summed over documents, and over threads when there are several). */
export type StageTimings = Record<string, number>;

/** One report of a file with the diagnostics its extraction raised. */
export interface ProcessedReport {
  report: ReportExtraction;
  diagnostics: Diagnostic[];
}

/** What the per-document stages make of one file. */
export interface ProcessedFile {
  /** Diagnostics of reading and decoding the file. */
  readDiagnostics: Diagnostic[];
  /** Null when the file could not be used (then readDiagnostics says why). */
  document: NormalisedDocument | null;
  /** Diagnostics of normalise and segment, in that order. */
  diagnostics: Diagnostic[];
  /** Every report segmented in the file, in order; repeats of earlier reports are dropped later. */
  reports: ProcessedReport[];
}

/** Run ingest → … → extract entities over one file. */
export async function processFile(file: CollectedFile, timings?: StageTimings): Promise<ProcessedFile> {
  let t = performance.now();
  const lap = (stage: string) => {
    if (!timings) return;
    const now = performance.now();
    timings[stage] = (timings[stage] ?? 0) + (now - t);
    t = now;
  };
  const readDiagnostics: Diagnostic[] = [];
  const source = await readDocument(file, readDiagnostics);
  lap("ingest");
  if (!source) return { readDiagnostics, document: null, diagnostics: [], reports: [] };
  const { document, diagnostics } = normaliseDocument(source);
  lap("normalise");
  const segmented = segmentDocument(document);
  diagnostics.push(...segmented.diagnostics);
  lap("segment");
  const reports: ProcessedReport[] = [];
  for (const segment of segmented.reports) {
    const classified = classifyReport(document, segment, segmented.markers);
    const { setting, rule: settingRule } = classifySetting(document.text.slice(segment.span.start, segment.span.end));
    lap("outline+classify");
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
    reports.push({
      diagnostics: entities.diagnostics.map((d) => ({ ...d, path: d.path ?? source.path, reportId: segment.id })),
      report: {
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
      },
    });
  }
  return { readDiagnostics, document, diagnostics, reports };
}
