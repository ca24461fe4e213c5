/*
 * Extraction → KgGraph (graphology). Pure: uses only mergeNode / mergeEdgeWithKey, with the
 * deterministic keys of keys.ts, so building twice gives the same graph. Every node and edge taken
 * from text carries its provenance (quote, path, report, line, offsets).
 */
import { basename } from "node:path";

import Graph from "graphology";

import type {
  DocumentExtraction,
  Extraction,
  Link,
  Occurrence,
  ReportExtraction,
  Span,
  Statement,
  Theme,
} from "../types.ts";
import { assignAggregates } from "./aggregates.ts";
import { hashKey, nodeKey, relKey } from "./keys.ts";
import { themeCaption } from "./caption.ts";
import { canonicalOrder } from "./order.ts";
import { applyReportMetadata, type ReportMetadata } from "./report-metadata.ts";
import { reportName } from "./report-name.ts";
import type { KgEdgeAttributes, KgGraphAttributes, KgNodeAttributes, NodeLabel, RelType } from "./schema.ts";

export type KgGraph = Graph<KgNodeAttributes, KgEdgeAttributes, KgGraphAttributes>;

/** Longest item text kept on a statement node as context for the quote. */
const MAX_ITEM_TEXT = 800;

/** Create an empty graph with the project's options and attributes. */
export function createKgGraph(): KgGraph {
  const graph: KgGraph = new Graph({ multi: true, type: "directed", allowSelfLoops: false });
  graph.replaceAttributes({ schemaVersion: 1, generator: "kg" });
  return graph;
}

/**
 * Build the knowledge graph of an extraction.
 * @example const graph = buildGraph(await runPipeline(["seeds/"]));
 */
export function buildGraph(extraction: Extraction): KgGraph {
  return buildGraphOf(canonicalOrder(extraction.documents), extraction.themes, extraction.assignments);
}

/**
 * buildGraph over documents given one at a time, in canonical order (graph/order.ts: by path, then sha256), each
 * with the links of its reports: kg import reads them back from a temporary file, so that no more than one is
 * held while the graph is built. The same graph as buildGraph over the same extraction, in `graph` (empty; kg import
 * gives a graph/compact-graph.ts store).
 */
export function buildGraphOf(
  documents: Iterable<DocumentExtraction>,
  themes: Extraction["themes"],
  assignments: Extraction["assignments"],
  graph: KgGraph = createKgGraph(),
): KgGraph {
  const themeKeys = new Map(themes.map((t) => [t.id, themeKey(t)]));
  const extraction: Pick<Extraction, "assignments"> = { assignments };
  const pairs = new Set<string>();
  // The analyst's metadata (kg import --metadata), kept on each document's record.
  const metadata = new Map<string, ReportMetadata>();
  // Path order: where documents share a node or edge (an organisation, PART_OF), the last in this order speaks.
  for (const doc of documents) {
    addDocument(graph, doc, extraction, themeKeys);
    aggregatePairs(doc, extraction, themeKeys, pairs);
    if (doc.metadata) metadata.set(doc.document.source.path, doc.metadata);
  }
  for (const theme of themes) addTheme(graph, theme);
  addAggregateLinks(graph, pairs);
  assignAggregates(graph);
  if (metadata.size > 0) applyReportMetadata(graph, metadata);
  return graph;
}

function themeKey(theme: Theme): string {
  return nodeKey(theme.kind === "problem" ? "Problem" : "Measure", theme.id);
}

/** Key of a statement node. */
export function statementKey(id: string): string {
  return nodeKey("Statement", id);
}

function mergeEdge(graph: KgGraph, type: RelType, source: string, target: string, attrs?: Partial<KgEdgeAttributes>) {
  graph.mergeEdgeWithKey(relKey(type, source, target), source, target, (attrs === undefined ? { type } : { type, ...attrs }) as KgEdgeAttributes);
}

/** mergeEdge for attributes built with their type first (no copy). */
function mergeTypedEdge(graph: KgGraph, source: string, target: string, attrs: Partial<KgEdgeAttributes> & { type: RelType }) {
  graph.mergeEdgeWithKey(relKey(attrs.type, source, target), source, target, attrs as KgEdgeAttributes);
}

function addDocument(graph: KgGraph, doc: DocumentExtraction, extraction: Pick<Extraction, "assignments">, themeKeys: Map<string, string>) {
  const source = doc.document.source;
  const docKey = nodeKey("Document", source.sha256.slice(0, 16));
  graph.mergeNode(docKey, { label: "Document", path: source.path, sha256: source.sha256, encoding: source.encoding });
  doc.reports.forEach((report, i) => {
    const reportKey = nodeKey("Report", report.segment.id);
    const organisations = report.organisations.map((o) => ({ name: o.name, mentions: o.occurrences.length }));
    const named = reportName({ title: report.segment.title, setting: report.setting, fileName: basename(source.path), index: i, organisations });
    graph.mergeNode(reportKey, {
      label: "Report",
      name: named.name,
      title: named.title,
      setting: report.setting,
      path: source.path,
      startLine: report.segment.startLine,
      endLine: report.segment.endLine,
      truncated: report.segment.truncated,
    });
    mergeEdge(graph, "CONTAINS", docKey, reportKey);
    const ctx: ReportContext = { graph, doc, report, reportKey, extraction, themeKeys };
    addStatements(ctx);
    addStatementLinks(ctx, report.links);
    addMentions(ctx);
    addFigures(ctx);
  });
}

interface ReportContext {
  graph: KgGraph;
  doc: DocumentExtraction;
  report: ReportExtraction;
  reportKey: string;
  extraction: Pick<Extraction, "assignments">;
  themeKeys: Map<string, string>;
}

/**
 * Add where a node or relationship came from (quote, path, report, line, offsets) to its attributes, in place
 * and after the ones it has (one object per element: no spread copies on the graph's hot path).
 */
function withProvenance<T extends object>(attrs: T, ctx: ReportContext, span: Span, line: number) {
  return Object.assign(attrs, {
    quote: ctx.doc.document.source.text.slice(span.start, span.end),
    path: ctx.doc.document.source.path,
    reportKey: ctx.reportKey,
    line,
    startOffset: span.start,
    endOffset: span.end,
  });
}

function addStatements(ctx: ReportContext) {
  const { graph, report, reportKey, extraction, themeKeys } = ctx;
  for (const st of report.statements) {
    const key = statementKey(st.id);
    const assignment = extraction.assignments[st.id];
    const tKey = assignment ? (themeKeys.get(assignment.themeId) ?? null) : null;
    graph.mergeNode(
      key,
      withProvenance(
        {
          label: "Statement" as const,
          kind: st.kind,
          text: st.text,
          normText: st.normText,
          rule: st.rule,
          themeKey: tKey,
          reportTitle: graph.getNodeAttribute(reportKey, "name") as string,
          itemText: itemText(ctx, st),
        },
        ctx,
        st.textSpan,
        st.line,
      ),
    );
    mergeEdge(graph, "CONTAINS", reportKey, key);
    if (tKey && assignment) {
      // The assignment's score, when the themes stage gives one (kg themes lists it).
      const score = (assignment as { score?: unknown }).score;
      mergeTypedEdge(graph, key, tKey, typeof score === "number" ? { type: "INSTANCE_OF", reason: assignment.reason, score } : { type: "INSTANCE_OF", reason: assignment.reason });
      mergeEdge(graph, st.kind === "measure" ? "PROPOSES" : "RAISES", reportKey, tKey);
    }
  }
}

function itemText(ctx: ReportContext, st: Statement): string {
  const text = ctx.doc.document.source.text.slice(st.span.start, st.span.end).trim();
  return text.length > MAX_ITEM_TEXT ? `${text.slice(0, MAX_ITEM_TEXT)}…` : text;
}

function addStatementLinks(ctx: ReportContext, links: Link[]) {
  const byId = new Map(ctx.report.statements.map((s) => [s.id, s]));
  for (const link of links) {
    const from = byId.get(link.from);
    const to = byId.get(link.to);
    if (!from || !to) {
      throw new Error(`buildGraph: link ${link.type} references unknown statement "${from ? link.to : link.from}".`);
    }
    mergeTypedEdge(ctx.graph, statementKey(from.id), statementKey(to.id), withProvenance({ type: link.type, score: link.score, reason: link.reason }, ctx, from.textSpan, from.line));
  }
}

function addMentions(ctx: ReportContext) {
  const { graph, report } = ctx;
  for (const org of report.organisations) {
    const key = nodeKey("Organisation", org.name);
    graph.mergeNode(key, { label: "Organisation", name: org.name, type: org.type, reportCount: 0 });
    mergeMention(ctx, key, org.occurrences);
    if (org.parent) {
      const parentKey = nodeKey("Organisation", org.parent);
      const parent = report.organisations.find((o) => o.name === org.parent);
      graph.mergeNode(parentKey, { label: "Organisation", name: org.parent, type: parent?.type ?? "other", reportCount: 0 });
      const first = org.occurrences[0];
      const attrs = { type: "PART_OF" as const, reason: "stated in the report" };
      mergeTypedEdge(graph, key, parentKey, first ? withProvenance(attrs, ctx, first.span, first.line) : attrs);
    }
  }
  for (const mech of report.mechanisms) {
    const key = nodeKey("Mechanism", mech.name);
    graph.mergeNode(key, { label: "Mechanism", name: mech.name, source: mech.source, reportCount: 0, mentionCount: 0 });
    mergeMention(ctx, key, mech.occurrences);
    mergeStatementMentions(ctx, key, mech.occurrences);
  }
}

/**
 * Statement → Mechanism MENTIONS for each problem, measure or cause statement whose item names the
 * mechanism, with the sentence it is named in as the quote: "三会一课 → 组织生活流于形式" can be seen.
 */
function mergeStatementMentions(ctx: ReportContext, target: string, occurrences: Occurrence[]) {
  const text = ctx.doc.document.source.text;
  for (const st of ctx.report.statements) {
    const first = occurrences.find((o) => o.span.start >= st.span.start && o.span.end <= st.span.end);
    if (!first) continue;
    const sentence = sentenceAround(text, first.span, st.span);
    mergeTypedEdge(ctx.graph, statementKey(st.id), target, {
      type: "MENTIONS",
      quote: text.slice(sentence.start, sentence.end),
      path: ctx.doc.document.source.path,
      line: first.line,
      startOffset: sentence.start,
      endOffset: sentence.end,
      termStart: first.span.start - sentence.start,
      termEnd: first.span.end - sentence.start,
    });
  }
}

const SENTENCE_END = new Set(["。", "！", "？", "；", "!", "?", ";", "\n"]);
const MAX_SENTENCE = 160;

/** The sentence (within `bounds`) around a span: from after the previous sentence end to the next one, at most MAX_SENTENCE characters each side. */
export function sentenceAround(text: string, span: Span, bounds: Span): Span {
  let start = span.start;
  const lo = Math.max(bounds.start, span.start - MAX_SENTENCE);
  while (start > lo && !SENTENCE_END.has(text[start - 1]!)) start--;
  let end = span.end;
  const hi = Math.min(bounds.end, span.end + MAX_SENTENCE);
  while (end < hi && !SENTENCE_END.has(text[end - 1]!)) end++;
  while (start < span.start && /\s/.test(text[start]!)) start++;
  while (end > span.end && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

/** Report → entity MENTIONS edge with lines, contexts and the first occurrence as provenance. */
function mergeMention(ctx: ReportContext, target: string, occurrences: Occurrence[]) {
  const first = occurrences[0];
  const lines = [...new Set(occurrences.map((o) => o.line))].sort((a, b) => a - b);
  const contexts = [...new Set(occurrences.map((o) => o.context))].sort();
  const text = ctx.doc.document.source.text;
  // Built in place, in the order of { type, sentence?, lines, …, provenance }: one object, no copies.
  const attrs: Partial<KgEdgeAttributes> & Record<string, unknown> = { type: "MENTIONS" };
  if (first) {
    const sentence = sentenceAround(text, first.span, ctx.report.segment.span);
    attrs.sentence = text.slice(sentence.start, sentence.end);
  }
  attrs.lines = lines;
  attrs.contexts = contexts;
  attrs.mentionCount = occurrences.length;
  attrs.surfaces = [...new Set(occurrences.map((o) => o.surface))];
  if (first) withProvenance(attrs, ctx, first.span, first.line);
  mergeTypedEdge(ctx.graph, ctx.reportKey, target, attrs as Partial<KgEdgeAttributes> & { type: RelType });
}

function addFigures(ctx: ReportContext) {
  for (const fig of ctx.report.figures) {
    const key = nodeKey("Figure", hashKey(ctx.report.segment.id, fig.what, fig.value, fig.span.start));
    ctx.graph.mergeNode(key, withProvenance({ label: "Figure" as const, what: fig.what, value: fig.value, unit: fig.unit }, ctx, fig.span, fig.line));
    mergeEdge(ctx.graph, "CONTAINS", ctx.reportKey, key);
  }
}

function addTheme(graph: KgGraph, theme: Theme) {
  const label: NodeLabel = theme.kind === "problem" ? "Problem" : "Measure";
  graph.mergeNode(themeKey(theme), {
    label,
    themeId: theme.id,
    name: theme.label,
    caption: themeCaption(theme.label),
    source: theme.source,
    reportCount: 0, // counted by assignAggregates
    statementCount: 0,
    // The taxonomy family, when the themes stage gives one.
    ...(theme.family ? { family: theme.family } : {}),
    ...(theme.familyLabel ? { familyLabel: theme.familyLabel } : {}),
  });
}


/** The Problem → Measure pairs of the themes of a document's linked statements (ADDRESSED_BY), added to `pairs`. */
function aggregatePairs(doc: DocumentExtraction, extraction: Pick<Extraction, "assignments">, themeKeys: Map<string, string>, pairs: Set<string>) {
  for (const report of doc.reports) {
    for (const link of report.links) {
      if (link.type !== "ADDRESSED_BY") continue;
      const from = themeKeys.get(extraction.assignments[link.from]?.themeId ?? "");
      const to = themeKeys.get(extraction.assignments[link.to]?.themeId ?? "");
      if (from && to) pairs.add(`${from}\u0000${to}`);
    }
  }
}

/** Problem → Measure ADDRESSED_BY between the themes of linked statements (assignAggregates weighs them). */
function addAggregateLinks(graph: KgGraph, pairs: Set<string>) {
  for (const pair of [...pairs].sort()) {
    const [from, to] = pair.split("\u0000") as [string, string];
    mergeEdge(graph, "ADDRESSED_BY", from, to, { reportCount: 0, score: 0, reason: "" });
  }
}
