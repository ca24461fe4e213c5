/*
 * The outline stage: a report's enumeration tree from the markers segment found, without the
 * markers that fall in spans to skip (collapsed duplicates of the report).
 */
import { inSpans } from "../shared/text.ts";
import type { NormalisedDocument, OutlineNode, ReportSegment } from "../types.ts";
import { buildOutline } from "./build-outline.ts";
import type { Marker } from "./markers.ts";

export { buildOutline, flattenOutline, headingSpan } from "./build-outline.ts";
export { type Marker, scanMarkers } from "./markers.ts";

/**
 * The outline of one report.
 * @example const outline = outlineReport(doc, segment, segmentDocument(doc).markers);
 */
export function outlineReport(doc: NormalisedDocument, segment: ReportSegment, markers: Marker[]): OutlineNode[] {
  // A report's title line is its title even when it reads like a section heading ("…基本情况及问题分析").
  const inReport = markers.filter(
    (m) =>
      m.start >= segment.span.start &&
      m.start < segment.span.end &&
      !inSpans(segment.duplicates, m.start) &&
      !(m.kind === "none" && segment.title !== null && m.line === (segment.titleLine ?? segment.startLine)),
  );
  return buildOutline(doc.text, inReport, segment.span);
}
