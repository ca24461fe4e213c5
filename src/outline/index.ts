/*
 * The outline stage: a report's enumeration tree from the markers segment found (decimal sub-headings
 * 2.1 / 2.1.1 among them, and the bare section numbers 「2 」 over them: bareNumberedHeadings), without the
 * markers that fall in spans to skip (collapsed duplicates of the report) and without the
 * unnumbered section-like lines that are no section headings (heading-lines.ts: a title, a subtitle,
 * the line before an abstract, a keyword line).
 */
import { inSpans } from "../shared/text.ts";
import type { Diagnostic, NormalisedDocument, OutlineNode, ReportSegment } from "../types.ts";
import { buildOutline } from "./build-outline.ts";
import { hardWrapBreaks } from "./hard-wrap.ts";
import { notSectionHeading } from "./heading-lines.ts";
import { bareNumberedHeadings, type Marker } from "./markers.ts";

export { buildOutline, flattenOutline, headingSpan } from "./build-outline.ts";
export { notSectionHeading } from "./heading-lines.ts";
export { hardWrapBreaks } from "./hard-wrap.ts";
export { type Marker, scanMarkers } from "./markers.ts";

/**
 * The outline of one report. `notes`, when given, receives an info diagnostic for each section-like line
 * that was not read as a heading, with the reason (`kg extract --verbose` lists them).
 * @example const outline = outlineReport(doc, segment, segmentDocument(doc).markers);
 */
export function outlineReport(doc: NormalisedDocument, segment: ReportSegment, markers: Marker[], notes?: Diagnostic[]): OutlineNode[] {
  const found = markers.filter((m) => m.start >= segment.span.start && m.start < segment.span.end && !inSpans(segment.duplicates, m.start));
  // 「2 存在的问题」 over 「2.1 …」: the bare section numbers the decimal sub-headings tell.
  const bare = bareNumberedHeadings(doc.text, doc.lines, segment.span, found).filter((m) => !inSpans(segment.duplicates, m.start) && !found.some((f) => f.line === m.line));
  const inReport = bare.length ? [...found, ...bare].sort((a, b) => a.start - b.start) : found;
  const kept = inReport.filter((m) => {
    const reason = notSectionHeading(doc, segment, m, inReport);
    if (reason === null) return true;
    // The report's own title line needs no note: it was never read as a heading.
    if (notes && m.line !== (segment.titleLine ?? segment.startLine)) {
      const heading = doc.text.slice(m.start, doc.lines[m.line - 1]?.end ?? m.start).trim();
      notes.push({
        severity: "info",
        origin: "outline:not-a-heading",
        path: doc.source.path,
        line: m.line,
        reportId: segment.id,
        message: `line ${m.line} ("${heading}") names a section but is ${reason}: not read as a section heading`,
      });
    }
    return false;
  });
  // A heading broken by a hard wrap (text copied from a PDF) runs on over the break.
  return buildOutline(doc.text, kept, segment.span, hardWrapBreaks(doc.text, doc.lines, segment.span));
}
