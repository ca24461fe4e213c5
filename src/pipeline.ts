/*
 * The extraction pipeline composed from its stages:
 * ingest → normalise → segment → outline → classify → extract → themes → links.
 * Graph building and the sinks come after it, in graph/ and the commands.
 */
import { classifyReport } from "./classify/classify.ts";
import { classifySetting } from "./classify/setting.ts";
import { extractEntities } from "./extract/entities/index.ts";
import { readDocuments } from "./ingest/index.ts";
import { linkReport } from "./links/index.ts";
import { normaliseDocument } from "./normalise/index.ts";
import { outlineReport } from "./outline/index.ts";
import { segmentDocument } from "./segment/segment.ts";
import { assignThemes, loadCodebook } from "./themes/index.ts";
import type { Diagnostic, DocumentExtraction, Extraction, ReportExtraction, ReportSegment, Statement } from "./types.ts";

export interface PipelineOptions {
  /** Path of a user codebook (JSON) replacing the shipped one. */
  codebookPath?: string | undefined;
  /** Called after each document, for progress bars. */
  onProgress?: (done: number, total: number, what: string) => void;
}

/**
 * Run the whole extraction over files and folders (recursive).
 * @example const extraction = await runPipeline(["seeds/"]);
 */
export async function runPipeline(paths: string[], options: PipelineOptions = {}): Promise<Extraction> {
  const codebook = loadCodebook(options.codebookPath);
  const { documents, diagnostics } = await readDocuments(paths);
  const extracted: DocumentExtraction[] = [];
  const seenReports = new Set<string>();
  documents.forEach((source, i) => {
    const { document, diagnostics: normDiagnostics } = normaliseDocument(source);
    diagnostics.push(...normDiagnostics);
    const segmented = segmentDocument(document);
    diagnostics.push(...segmented.diagnostics);
    const reports: ReportExtraction[] = [];
    for (const segment of segmented.reports) {
      if (seenReports.has(segment.id)) {
        diagnostics.push(repeatedReport(source.path, segment.startLine));
        continue;
      }
      seenReports.add(segment.id);
      const outline = outlineReport(document, segment, segmented.markers);
      const classified = classifyReport(document, segment, outline);
      diagnostics.push(...missingStatements(source.path, segment, classified.statements));
      const { setting, rule: settingRule } = classifySetting(document.text.slice(segment.span.start, segment.span.end));
      const entities = extractEntities({
        text: document.text,
        source: source.text,
        lines: document.lines,
        span: segment.span,
        noise: document.noise,
        duplicates: segment.duplicates,
        contextAt: classified.contextAt,
      });
      diagnostics.push(...entities.diagnostics.map((d) => ({ ...d, path: d.path ?? source.path, reportId: segment.id })));
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
    extracted.push({ document, reports });
    options.onProgress?.(i + 1, documents.length, source.path);
  });
  return assemble(extracted, codebook, diagnostics);
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

/** Themes across all reports, then links within each report. */
function assemble(documents: DocumentExtraction[], codebook: ReturnType<typeof loadCodebook>, diagnostics: Diagnostic[]): Extraction {
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
  for (const doc of documents) {
    for (const report of doc.reports) report.links = linkReport(report.statements, bodies, themeOf, codebook);
  }
  const assignments: Extraction["assignments"] = {};
  for (const [id, themeId] of themeOf) assignments[id] = { themeId, reason: explanations.get(id) ?? "" };
  return { documents, themes, assignments, diagnostics };
}

