/*
 * The graph model shared by the embedded graph file (graphology), Neo4j and the viewer.
 * Node keys and edge keys are deterministic and content-derived (see keys.ts), identical in
 * graphology and in Neo4j (property `key`), so importing the same input twice changes nothing.
 */

export const NODE_LABELS = [
  "Document",
  "Report",
  "Organisation",
  "Mechanism",
  "Problem", // canonical problem theme
  "Measure", // canonical measure theme
  "Statement", // one problem / measure / cause statement, with its exact quote: the evidence
  "Figure",
] as const;
export type NodeLabel = (typeof NODE_LABELS)[number];

export const REL_TYPES = [
  "CONTAINS", // Document → Report, Report → Statement, Report → Figure
  "RAISES", // Report → Problem
  "PROPOSES", // Report → Measure
  "INSTANCE_OF", // Statement → Problem | Measure
  "ADDRESSED_BY", // Statement(problem) → Statement(measure); Problem → Measure (aggregated by theme)
  "CAUSES", // Statement(cause) → Statement(problem)
  "MENTIONS", // Report → Organisation | Mechanism; Statement → Mechanism (the sentence naming it inside a problem/measure/cause item)
  "PART_OF", // Organisation → Organisation
] as const;
export type RelType = (typeof REL_TYPES)[number];

/** Where a piece of text came from. Every node or relationship taken from text carries it. */
export interface Provenance {
  /** Exact quote as written in the source. */
  quote: string;
  path: string;
  reportKey: string;
  line: number;
  startOffset: number;
  endOffset: number;
}

interface BaseNode {
  label: NodeLabel;
  key: string;
}

export interface DocumentNode extends BaseNode {
  label: "Document";
  path: string;
  sha256: string;
  encoding: string;
}

export interface ReportNode extends BaseNode {
  label: "Report";
  /** Display name: the clean title, or a readable fallback 「某中小学党建调研报告（000_d56…txt 第1篇）」 (graph/report-name.ts). */
  name: string;
  title: string | null;
  setting: string;
  path: string;
  startLine: number;
  endLine: number;
  truncated: boolean;
}

export interface OrganisationNode extends BaseNode {
  label: "Organisation";
  name: string;
  type: string;
  reportCount: number;
}

export interface MechanismNode extends BaseNode {
  label: "Mechanism";
  name: string;
  source: string;
  reportCount: number;
  mentionCount: number;
}

export interface ThemeNode extends BaseNode {
  label: "Problem" | "Measure";
  themeId: string;
  name: string;
  /** At most 8 characters, for Neo4j Browser captions (graph/caption.ts). */
  caption: string;
  /** Codebook family, when the theme stage gives one. */
  family?: string;
  /** The family's label (e.g. 党员队伍), shown to people. */
  familyLabel?: string;
  source: string;
  /** Number of distinct reports with a statement in this theme. */
  reportCount: number;
  statementCount: number;
}

export interface StatementNode extends BaseNode, Provenance {
  label: "Statement";
  kind: "problem" | "measure" | "cause";
  text: string;
  normText: string;
  rule: string;
  themeKey: string | null;
  reportTitle: string | null;
}

export interface FigureNode extends BaseNode, Provenance {
  label: "Figure";
  what: string;
  value: number;
  unit: string;
}

export type KgNode = DocumentNode | ReportNode | OrganisationNode | MechanismNode | ThemeNode | StatementNode | FigureNode;

export interface KgEdge {
  type: RelType;
  key: string;
  source: string;
  target: string;
  /** Why the link was made (rule id and evidence in words), for links the pipeline inferred. */
  reason?: string;
  score?: number;
  /** For aggregated edges: number of distinct reports behind it. */
  reportCount?: number;
  /** For MENTIONS: the lines, contexts and first quote. */
  lines?: number[];
  contexts?: string[];
  /** For MENTIONS: the sentence the first occurrence stands in (Report → entity). */
  sentence?: string;
  /** For Statement → Mechanism MENTIONS: where the term stands inside `quote` (the sentence). */
  termStart?: number;
  termEnd?: number;
  /** Provenance for edges taken from text (MENTIONS, statement-level links). */
  quote?: string;
  path?: string;
  line?: number;
  startOffset?: number;
  endOffset?: number;
}

/** Node attributes in the graphology graph: the node itself minus its key. */
export type KgNodeAttributes = Omit<KgNode, "key"> & Record<string, unknown>;
export type KgEdgeAttributes = Omit<KgEdge, "key" | "source" | "target"> & Record<string, unknown>;
export interface KgGraphAttributes {
  schemaVersion: 1;
  generator: string;
  [k: string]: unknown;
}
