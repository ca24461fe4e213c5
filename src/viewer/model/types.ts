/*
 * Shapes of the viewer's derived data: the display graph sigma draws (display attributes kept
 * apart from the domain attributes of the serialized KgGraph), the evidence index and the filters.
 */
import type Graph from "graphology";

import type { NodeLabel } from "../../graph/schema.ts";

/** Node labels that become nodes on the canvas; Statements, Figures and Documents are detail on demand. */
export const DISPLAY_LABELS = ["Problem", "Measure", "Mechanism", "Organisation", "Report"] as const;
export type DisplayLabel = (typeof DISPLAY_LABELS)[number];

/** Node types shown when the viewer opens: the aggregate view. */
export const DEFAULT_VISIBLE_LABELS: readonly DisplayLabel[] = ["Problem", "Measure"];

/** Attributes of a node in the display graph (what sigma reads). */
export interface ViewNodeAttributes {
  /** Text drawn on the canvas (sigma reads `label`): the short label with the count for themes. */
  label: string;
  /** The whole name (hover, panels, search). */
  fullLabel: string;
  /** Theme family from the codebook, when the theme has one. */
  family?: string;
  kind: DisplayLabel;
  x: number;
  y: number;
  size: number;
  color: string;
  /** Distinct reports behind the node (recurrence). */
  reportCount: number;
  /** Report setting, for Report nodes. */
  setting?: string;
  [k: string]: unknown;
}

/** Attributes of an edge in the display graph. */
export interface ViewEdgeAttributes {
  type: string;
  /** Relationship type from the schema (sigma reserves `type` for the edge program). */
  rel: string;
  weight: number;
  size: number;
  color: string;
  reportCount: number;
  [k: string]: unknown;
}

export type ViewGraph = Graph<ViewNodeAttributes, ViewEdgeAttributes>;

/** One exact quote behind a node: a statement (themes, reports) or a mention (mechanisms, organisations). */
export interface Evidence {
  key: string;
  quote: string;
  reportKey: string;
  reportTitle: string;
  line: number;
  path: string;
  kind: string;
  /** The whole text around the quote: the statement's item (heading and body) or the sentence naming an entity. */
  context?: string;
  /** Where the quoted span (or the entity's name) stands inside `context`. */
  markStart?: number;
  markEnd?: number;
  /** For a mechanism named inside a problem or measure: that statement's theme. */
  themeKey?: string;
  themeLabel?: string;
}

/** A problem statement and the measure statement that answers it in one report. */
export interface PairQuote {
  reportKey: string;
  reportTitle: string;
  problem: Evidence;
  measure: Evidence;
}

/** Problem × measure: the reports in which a statement of one is answered by a statement of the other. */
export interface PairInfo {
  problem: string;
  measure: string;
  reports: Set<string>;
}

/** A link between a report and a display node: [report index (into ViewModel.reports), node key, relationship, reports]. */
export type ReportLink = [number, string, string, number];

/** Evidence and report links on demand: from the graph in memory, or from `kg serve`. */
export interface DetailsSource {
  evidence(nodeKey: string): Promise<Evidence[]>;
  /** The report links of one node (a theme's reports, a report's themes), or every report link when `nodeKey` is null. */
  reportLinks(nodeKey: string | null): Promise<ReportLink[]>;
  pairQuotes(problemKey: string, measureKey: string): Promise<PairQuote[]>;
  /** The source lines around a statement (kg serve reads the file the graph names), when available. */
  sourceLines?(statementKey: string): Promise<SourceLines>;
}

/** Lines of a source file around a statement. */
export interface SourceLines {
  path: string;
  /** Line number of lines[0]. */
  first: number;
  lines: string[];
}

/** A report, for the report filter and the matrix columns. */
export interface ReportInfo {
  key: string;
  /** Readable name: the document's title, the user's metadata title, or the fallback 「某中小学党建调研报告（file 第n篇）」. */
  title: string;
  setting: string;
  startLine: number;
  path?: string;
  organisation?: string;
  region?: string;
  year?: string;
}

/** A neighbouring theme (or report) listed in the side panel. */
export interface LinkedNode {
  key: string;
  label: string;
  kind: NodeLabel;
  reportCount: number;
  rel: string;
  /** Whether the edge leaves the node the panel describes. */
  outgoing?: boolean;
}

/** Report links loaded so far (model/report-links.ts); their Report nodes are added to the display graph as needed. */
export interface ReportLinkCache {
  /** The links of a node, once asked for. */
  byNode: Map<string, Promise<ReportLink[]>>;
  /** The links of a node, once they came. */
  loaded: Map<string, ReportLink[]>;
  /** Every report link, once the Report layer was switched on. */
  all: Promise<void> | null;
  /** Whether every report and every report link is in the display graph. */
  complete: boolean;
}

/**
 * Everything the viewer derives from the summary. The display graph starts without Report nodes;
 * model/report-links.ts adds them (and their links) when a selection or the Report layer needs them.
 */
export interface ViewModel {
  graph: ViewGraph;
  reports: ReportInfo[];
  reportByKey: Map<string, ReportInfo>;
  /** Distinct reports behind each display node. */
  nodeReports: Map<string, Set<string>>;
  /** Statements each report gives for each theme: node → report → count (the problem × report matrix). */
  cellCounts: Map<string, Map<string, number>>;
  /** Problem × measure pairs keyed `problem\u0000measure`. */
  pairs: Map<string, PairInfo>;
  /** Problem themes no ADDRESSED_BY edge leads from. */
  gaps: Set<string>;
  settings: string[];
  /** Quotes, paired quotes and report links, loaded when asked for. */
  details: DetailsSource;
  reportLinks: ReportLinkCache;
}

/** What the user narrowed the view to. */
export interface Filters {
  labels: Set<DisplayLabel>;
  /** Report settings to keep; null keeps all. */
  settings: Set<string> | null;
  /** One report to keep; null keeps all. */
  reportKey: string | null;
  minRecurrence: number;
  gapsOnly: boolean;
}

/** Visible nodes and edges, computed once per filter change so reducers only look up. */
export interface Visibility {
  nodes: Set<string>;
  edges: Set<string>;
}
