/*
 * Test helpers: tiny hand-made gold files and predictions, so expected scores can be worked out by hand.
 */
import type { ExtractionJson, ExtractionJsonReport, ExtractionJsonStatement, GoldFile, GoldReport } from "../../src/eval/types.ts";

/** A gold file for "doc.txt" holding the given reports. */
export function goldFile(...reports: GoldReport[]): GoldFile {
  return { source: "doc.txt", reports };
}

/** A gold report with empty lists unless given. */
export function goldReport(id: string, startLine: number, rest: Partial<GoldReport> = {}): GoldReport {
  return { id, start_line: startLine, problems: [], measures: [], links: [], possible_links: [], organisations: [], mechanisms: [], figures: [], slogans: [], ...rest };
}

/** A prediction with one document "input/doc.txt". */
export function prediction(...reports: ExtractionJsonReport[]): ExtractionJson {
  return { schemaVersion: 1, documents: [{ path: "input/doc.txt", reports }], themes: [] };
}

/** A predicted report with empty lists unless given. */
export function predReport(startLine: number, rest: Partial<ExtractionJsonReport> = {}): ExtractionJsonReport {
  return { id: `p${startLine}`, startLine, statements: [], links: [], organisations: [], mechanisms: [], figures: [], ...rest };
}

/** A predicted statement. */
export function st(id: string, kind: ExtractionJsonStatement["kind"], text: string, themeId?: string): ExtractionJsonStatement {
  return { id, kind, text, line: 1, ...(themeId ? { themeId } : {}) };
}
