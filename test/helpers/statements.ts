/** The statements classify finds in a plain text (segment → outline → classify), and their texts by kind. */
import { classifyReport } from "../../src/classify/classify.ts";
import { outlineReport } from "../../src/outline/index.ts";
import { segmentDocument } from "../../src/segment/segment.ts";
import type { NormalisedDocument, Statement } from "../../src/types.ts";
import { plainDoc } from "./doc.fixtures.ts";

export function statements(text: string): Statement[] {
  return statementsOf(plainDoc(text));
}

/** The statements classify finds in a document already normalised (its noise set aside). */
export function statementsOf(doc: NormalisedDocument): Statement[] {
  const seg = segmentDocument(doc);
  return seg.reports.flatMap((r) => classifyReport(doc, r, outlineReport(doc, r, seg.markers)).statements);
}

export const problems = (text: string) => statements(text).filter((s) => s.kind === "problem").map((s) => s.text);
export const measures = (text: string) => statements(text).filter((s) => s.kind === "measure").map((s) => s.text);
