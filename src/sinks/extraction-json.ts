/*
 * Extraction → the public JSON document of `kg extract --json` (shared/contracts/extraction-json.md,
 * schemaVersion 1). Fields may be added; none of the contract's may be renamed or dropped.
 */
import { documentRecord, type RecordedDocument } from "../graph/records.ts";
import type { DocumentExtraction, Extraction, Occurrence, ReportExtraction, Theme } from "../types.ts";

/**
 * What the JSON reads of a document: its source and noise, its reports with their links (not their outline),
 * its metadata. A DocumentExtraction is one; so is a document read back from kg extract --json's temporary
 * file (src/extraction-spool.ts).
 */
export interface JsonDocument extends RecordedDocument {
  document: Pick<DocumentExtraction["document"], "source" | "noise">;
  reports: (Omit<ReportExtraction, "outline"> & Partial<Pick<ReportExtraction, "outline">>)[];
}

/** What the JSON reads of the cross-report stages' result. */
export type JsonCrossReport = Pick<Extraction, "themes" | "assignments">;

export const EXTRACTION_SCHEMA_VERSION = 1;

/** Lines of the occurrences, sorted and unique. */
function linesOf(occurrences: Occurrence[]): number[] {
  return [...new Set(occurrences.map((o) => o.line))].sort((a, b) => a - b);
}

/** Build the contract document from an extraction. */
export function toExtractionJson(extraction: Extraction) {
  const themeById = themesById(extraction);
  return {
    schemaVersion: EXTRACTION_SCHEMA_VERSION,
    documents: extraction.documents.map((doc) => documentJson(doc, extraction.assignments, themeById)),
    themes: themesJson(extraction),
  };
}

/**
 * The text of `JSON.stringify(toExtractionJson(extraction), null, 2)` (what `kg extract --json` prints, without
 * its final newline), in pieces: one per document, built and serialised when it is reached, so the whole
 * document (hundreds of MB for a large corpus, more than a JavaScript string can hold) is never in memory at once.
 * @example for (const piece of extractionJsonChunks(extraction)) out.write(piece);
 */
export function* extractionJsonChunks(extraction: Extraction): Generator<string> {
  yield* documentsJsonChunks(extraction.documents, extraction);
}

/**
 * The same text from documents given one at a time (each built and serialised when it is reached, then let go)
 * and the cross-report stages' themes and assignments: what kg extract --json prints when it reads the documents
 * back from its temporary file one by one (src/extraction-spool.ts).
 */
export function* documentsJsonChunks(documents: Iterable<JsonDocument>, cross: JsonCrossReport): Generator<string> {
  const themeById = themesById(cross);
  // Nested values are indented by their depth: JSON text holds no raw line break inside a string.
  const nested = (value: unknown, depth: number) => JSON.stringify(value, null, 2).replaceAll("\n", `\n${" ".repeat(2 * depth)}`);
  yield `{\n  "schemaVersion": ${JSON.stringify(EXTRACTION_SCHEMA_VERSION)},\n  "documents": `;
  let first = true;
  for (const doc of documents) {
    yield `${first ? "[\n" : ",\n"}    ${nested(documentJson(doc, cross.assignments, themeById), 2)}`;
    first = false;
  }
  yield first ? "[]" : "\n  ]";
  // The themes one at a time too: at 100 MB of reports their statement ids, serialised at once, were the run's peak.
  yield `,\n  "themes": `;
  first = true;
  for (const theme of cross.themes) {
    yield `${first ? "[\n" : ",\n"}    ${nested(themeJson(theme), 2)}`;
    first = false;
  }
  yield first ? "[]\n}" : "\n  ]\n}";
}

function themesById(extraction: JsonCrossReport): Map<string, Theme> {
  return new Map<string, Theme>(extraction.themes.map((t) => [t.id, t]));
}

function documentJson(doc: JsonDocument, assignments: Extraction["assignments"], themeById: Map<string, Theme>) {
  return {
    path: doc.document.source.path,
    sha256: doc.document.source.sha256,
    encoding: doc.document.source.encoding,
    noise: doc.document.noise.map((n) => ({ startLine: n.startLine, endLine: n.endLine, rule: n.rule, wholeLines: n.wholeLines })),
    reports: doc.reports.map((r) => reportJson(r, assignments, themeById)),
    // The extraction record (JSON text: the decoded text and what the per-report stages found), as
    // kept on Document nodes: `kg import --from-extraction` rebuilds the document from it.
    record: documentRecord(doc),
  };
}

function themesJson(extraction: JsonCrossReport) {
  return extraction.themes.map(themeJson);
}

function themeJson(t: Theme) {
  return { id: t.id, kind: t.kind, label: t.label, source: t.source, reportIds: t.reportIds, statementIds: t.statementIds };
}

export type ExtractionJsonDocument = ReturnType<typeof toExtractionJson>;

function reportJson(r: JsonDocument["reports"][number], assignments: Extraction["assignments"], themeById: Map<string, Theme>) {
  return {
    id: r.segment.id,
    title: r.segment.title,
    setting: r.setting,
    settingRule: r.settingRule,
    startLine: r.segment.startLine,
    endLine: r.segment.endLine,
    startRule: r.segment.startRule,
    truncated: r.segment.truncated,
    organisations: r.organisations.map((o) => ({
      name: o.name,
      type: o.type,
      ...(o.parent ? { parent: o.parent } : {}),
      lines: linesOf(o.occurrences),
    })),
    mechanisms: r.mechanisms.map((m) => ({
      name: m.name,
      source: m.source,
      lines: linesOf(m.occurrences),
      contexts: [...new Set(m.occurrences.map((o) => o.context))].sort(),
    })),
    slogans: r.slogans.map((s) => ({ name: s.name, lines: linesOf(s.occurrences) })),
    figures: r.figures.map((f) => ({ what: f.what, value: f.value, unit: f.unit, line: f.line, quote: f.quote })),
    statements: r.statements.map((s) => {
      const assignment = assignments[s.id];
      const theme = assignment ? themeById.get(assignment.themeId) : undefined;
      return {
        id: s.id,
        kind: s.kind,
        text: s.text,
        normText: s.normText,
        line: s.line,
        startOffset: s.textSpan.start,
        endOffset: s.textSpan.end,
        themeId: theme?.id ?? null,
        themeLabel: theme?.label ?? null,
        themeReason: assignment?.reason ?? null,
        // Structured: the deciding rule (id and what it saw), every rule that fired, and its confidence.
        rule: s.rules?.[0] ?? { id: "unknown", detail: s.rule },
        rules: s.rules ?? [],
        confidence: s.confidence ?? null,
        subPoints: s.subPoints,
        ...(s.attachedTo ? { attachedTo: s.attachedTo } : {}),
      };
    }),
    links: r.links.map((l) =>
      l.type === "ADDRESSED_BY"
        ? { type: l.type, problem: l.from, measure: l.to, score: l.score, reason: l.reason }
        : { type: l.type, cause: l.from, problem: l.to, score: l.score, reason: l.reason },
    ),
  };
}
