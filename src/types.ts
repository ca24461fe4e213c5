/*
 * The typed data contracts every pipeline stage imports.
 * ingest → normalise → segment → outline → classify → extract → themes → links → graph → sinks
 * Offsets are UTF-16 code-unit offsets into the *source text as decoded* (SourceDocument.text);
 * lines are 1-based over that text split on "\n". Normalised text has the same length as the
 * source text, so one offset addresses both.
 */

/** A half-open range [start, end) of UTF-16 offsets into SourceDocument.text (= NormalisedDocument.text). */
export interface Span {
  start: number;
  end: number;
}

export type Severity = "info" | "warning" | "error";

/** A problem in the input data; never thrown (vfile-message model). */
export interface Diagnostic {
  severity: Severity;
  message: string;
  /** Stage and rule that emitted it, e.g. "ingest:decode", "normalise:boilerplate". */
  origin: string;
  path?: string;
  line?: number;
  column?: number;
  reportId?: string;
}

// ---------------------------------------------------------------- ingest

export const ENCODINGS = ["utf-8", "utf-8-bom", "utf-16le", "utf-16be", "gb18030", "big5", "docx", "html"] as const;

/** One input file as decoded, with the characters exactly as written. */
export interface SourceDocument {
  /** The path as given on the command line (or found under a given folder). */
  path: string;
  /** sha256 hex of the raw bytes. */
  sha256: string;
  /** What the bytes were decoded as, e.g. "utf-8", "gb18030", "docx" (text taken from Word XML). */
  encoding: string;
  /** Decoded text with line breaks normalised to "\n". */
  text: string;
  /**
   * Pinyin annotations removed from `text` (問(wèn)題 → 問題, see ingest/strip-annotations.ts): each is the
   * offset in `text` where it stood and the annotation. Statement quotes put them back (sourceSlice), so a
   * quote is the line as written.
   */
  removedAnnotations?: [offset: number, annotation: string][];
}

// ---------------------------------------------------------------- normalise

/** A source line: 1-based number and the span it covers (without the "\n"). */
export interface Line {
  number: number;
  start: number;
  end: number;
}

/** Why a stretch of text was judged to be page boilerplate. */
export interface NoiseRange {
  span: Span;
  /** First and last 1-based line the noise touches. */
  startLine: number;
  endLine: number;
  /** Rule id, e.g. "boilerplate:download-prompt". */
  rule: string;
  /** True when whole lines are noise; false for junk inside a line (e.g. a site name glued to a sentence). */
  wholeLines: boolean;
}

export interface NormalisedDocument {
  source: SourceDocument;
  /** Same length as source.text: traditional→simplified and full-width→half-width folded character by character. */
  text: string;
  lines: Line[];
  noise: NoiseRange[];
}

// ---------------------------------------------------------------- segment

export const SETTINGS = ["school", "university", "rural", "community", "government", "enterprise", "other", "unknown"] as const;
export type Setting = (typeof SETTINGS)[number];

/** One report found in a document. */
export interface ReportSegment {
  /** Stable id: derived from the report's normalised content. */
  id: string;
  /** 1-based inclusive source lines. */
  startLine: number;
  endLine: number;
  span: Span;
  title: string | null;
  /** The 1-based source line the title is on, when there is one. */
  titleLine?: number;
  truncated: boolean;
  /** Spans inside the report that repeat earlier text of the same report and were skipped. */
  duplicates: Span[];
  /** Why the segmenter started a report here (rule id), for explanation. */
  startRule: string;
}

// ---------------------------------------------------------------- outline

export const MARKER_KINDS = [
  "cn-dun", // 一、
  "cn-paren", // （一） (一)
  "arabic-dun", // 1、 1. 1．
  "arabic-paren", // （1） (1)
  "arabic-decimal", // 2.1 2.1、 at a line start (a sub-heading under 2 or 二、)
  "arabic-decimal-sub", // 2.1.1 at a line start (under 2.1)
  "circled", // ①
  "cn-shi", // 一是 二是
  "ordinal-word", // 首先 其次 再次 最后
  "bullet", // ● ◆ ■ ▲ ★ ※ • · at a line start
  "none", // lost numbering, recovered by position
] as const;
export type MarkerKind = (typeof MARKER_KINDS)[number];

/** An enumerated item in a report's outline, with its heading and body. */
export interface OutlineNode {
  markerKind: MarkerKind;
  /** The marker as written ("（三）", "2、", "一是"), empty when numbering was lost. */
  marker: string;
  /** Numeric value of the marker (1-based), or null when unknown. */
  ordinal: number | null;
  /** Depth in the tree, 0 = top level of the report. */
  depth: number;
  /** The whole item: marker, heading and body up to the next sibling or ancestor sibling. */
  span: Span;
  /** The heading or first clause without the marker. */
  headingSpan: Span;
  /** 1-based line of the marker. */
  line: number;
  children: OutlineNode[];
}

// ---------------------------------------------------------------- classify

export const SECTION_KINDS = ["situation", "practice", "problem", "cause", "measure", "other"] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

export const STATEMENT_KINDS = ["problem", "measure", "cause"] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

/** A rule that fired for a statement: the shape's id (src/classify/shapes) and what it saw. */
export interface StatementRule {
  /** Rule id, e.g. "section-cue", "polarity-list", "inline-enumeration". */
  id: string;
  /** What the rule saw, e.g. 'section "三、存在的问题" (problem) > item arabic-dun "1、"'. */
  detail: string;
}

/** One problem, measure or cause as the report enumerates it. */
export interface Statement {
  /** Stable id: derived from report id, kind and normalised text. */
  id: string;
  reportId: string;
  kind: StatementKind;
  /** Exactly as in the source (traditional stays traditional). */
  text: string;
  /** Traditional→simplified, width-folded form of text. */
  normText: string;
  /** The whole item (heading + body) as a span, for context and linking. */
  span: Span;
  /** Span of `text`. */
  textSpan: Span;
  line: number;
  /** The rules that classified it, as one readable line ("<id>: <detail>"). */
  rule: string;
  /** The same, structured: every rule that fired, the deciding one first. */
  rules?: StatementRule[];
  /** How sure the deciding rule is (0–1): a section cue with numbered items is surer than a polarity guess. */
  confidence?: number;
  /** Sub-points (一是…, (1)…) kept under their parent, as normalised text. */
  subPoints: string[];
  /**
   * The problem item a statement was written under: a cause ("原因分析：…" right after the problem) or a
   * measure suggested inside it ("…。建议…"). Causes in a separate cause section have no attachedTo.
   * A problem named inside a measure heading (「…，着力解决X的问题」) is attached to that measure instead.
   */
  attachedTo?: string;
  /** Heading of the section the statement sits in (e.g. "三、存在的问题"), normalised. */
  sectionHeading?: string;
}

/**
 * What the cross-report stages (themes, decisions, links) read of a statement: kg extract --json keeps only this
 * of each statement while the themes are found (the documents wait in a temporary file; src/extraction-spool.ts).
 */
export type ScoredStatement = Pick<Statement, "id" | "reportId" | "kind" | "normText" | "line" | "span" | "textSpan" | "attachedTo">;

// ---------------------------------------------------------------- extract (entities)

export const ORG_TYPES = ["party", "government", "school", "mass", "enterprise", "place", "other"] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export const MENTION_CONTEXTS = ["situation", "practice", "problem", "cause", "measure", "other"] as const;
export type MentionContext = (typeof MENTION_CONTEXTS)[number];

export interface Occurrence {
  line: number;
  span: Span;
  /** The surface form as written. */
  surface: string;
  context: MentionContext;
}

export interface OrganisationMention {
  name: string;
  type: OrgType;
  /** Canonical name of the parent body when the text states it ("市教育局党委" over "学校党支部"). */
  parent?: string;
  occurrences: Occurrence[];
}

export interface MechanismMention {
  /** Canonical name from the lexicon, or the discovered form. */
  name: string;
  /** "lexicon" or the discovery rule that found it. */
  source: string;
  occurrences: Occurrence[];
}

export interface SloganMention {
  name: string;
  occurrences: Occurrence[];
}

export interface Figure {
  /** What is counted, e.g. "党员总数", "党支部数", "女党员". */
  what: string;
  value: number;
  unit: string;
  line: number;
  span: Span;
  quote: string;
}

// ---------------------------------------------------------------- themes and links

export interface Theme {
  id: string;
  kind: "problem" | "measure";
  label: string;
  /** "codebook:<code id>" or "cluster". */
  source: string;
  /**
   * Taxonomy family id of the codebook (e.g. "membership" = 党员队伍; labels in Codebook.families). For a
   * cluster, the family of the codebook theme its medoid comes closest to; absent when none is near.
   */
  family?: string;
  /** The family's label in the codebook (e.g. 党员队伍), with `family`. */
  familyLabel?: string;
  statementIds: string[];
  reportIds: string[];
}

export interface Link {
  type: "ADDRESSED_BY" | "CAUSES";
  /** ADDRESSED_BY: problem → measure; CAUSES: cause → problem. */
  from: string;
  to: string;
  score: number;
  reason: string;
}

// ---------------------------------------------------------------- the whole extraction

export interface ReportExtraction {
  segment: ReportSegment;
  setting: Setting;
  settingRule: string;
  outline: OutlineNode[];
  statements: Statement[];
  organisations: OrganisationMention[];
  mechanisms: MechanismMention[];
  slogans: SloganMention[];
  figures: Figure[];
  links: Link[];
}

export interface DocumentExtraction {
  document: NormalisedDocument;
  reports: ReportExtraction[];
  /** The analyst's metadata for this file's reports (`kg import --metadata`): title, organisation, region, year, setting. */
  metadata?: Partial<Record<"title" | "organisation" | "region" | "year" | "setting", string>>;
}

/** Why a statement was put in its theme. */
export interface ThemeAssignment {
  themeId: string;
  reason: string;
  /** Codebook score (codebook themes) or word similarity to the cluster medoid (clusters); see assignThemes. */
  score?: number;
}

export interface Extraction {
  documents: DocumentExtraction[];
  themes: Theme[];
  /** Statement id → its theme and why. */
  assignments: Record<string, ThemeAssignment>;
  diagnostics: Diagnostic[];
}
