/*
 * The two inputs of the evaluator: the `kg extract --json` document (schemaVersion 1, see
 * shared/contracts/extraction-json.md) and a hand-made gold annotation file (seed.gold.json shape).
 * Both allow extra fields; only what scoring reads is typed here.
 */

// ---------------------------------------------------------------- prediction: the contract JSON

/** One statement of a report in the contract JSON. */
export interface ExtractionJsonStatement {
  id: string;
  kind: "problem" | "measure" | "cause";
  text: string;
  line: number;
  themeId?: string | null;
  themeLabel?: string | null;
  [extra: string]: unknown;
}

/** A link between two statement ids of the same report. */
export type ExtractionJsonLink =
  | { type: "ADDRESSED_BY"; problem: string; measure: string; [extra: string]: unknown }
  | { type: "CAUSES"; cause: string; problem: string; [extra: string]: unknown };

/** One report of a document in the contract JSON. */
export interface ExtractionJsonReport {
  id: string;
  title?: string | null;
  setting?: string;
  startLine: number;
  endLine?: number;
  truncated?: boolean;
  organisations?: { name: string; type?: string; lines?: number[]; [extra: string]: unknown }[];
  mechanisms?: { name: string; lines?: number[]; [extra: string]: unknown }[];
  figures?: { what?: string; value: number | string; line: number; quote?: string; [extra: string]: unknown }[];
  statements?: ExtractionJsonStatement[];
  links?: ExtractionJsonLink[];
  /** Extra field (not in schemaVersion 1's required set): slogans and goals kept apart from mechanisms. */
  slogans?: { name: string; [extra: string]: unknown }[];
  [extra: string]: unknown;
}

/** One input file in the contract JSON. */
export interface ExtractionJsonDocument {
  path: string;
  sha256?: string;
  encoding?: string;
  reports: ExtractionJsonReport[];
  [extra: string]: unknown;
}

/** A canonical theme in the contract JSON. */
export interface ExtractionJsonTheme {
  id: string;
  kind: "problem" | "measure";
  label: string;
  reportIds: string[];
  [extra: string]: unknown;
}

/** What `kg extract --json` prints (schemaVersion 1). */
export interface ExtractionJson {
  schemaVersion: 1;
  documents: ExtractionJsonDocument[];
  themes?: ExtractionJsonTheme[];
  [extra: string]: unknown;
}

// ---------------------------------------------------------------- gold

/** A gold problem; `causes` are the cause statements the report gives for it. */
export interface GoldProblem {
  id: string;
  quote: string;
  line: number;
  theme: string;
  other_themes?: string[];
  causes?: string[];
  borderline?: boolean;
  [extra: string]: unknown;
}

/** A gold measure. */
export interface GoldMeasure {
  id: string;
  quote: string;
  line: number;
  theme: string;
  other_themes?: string[];
  borderline?: boolean;
  [extra: string]: unknown;
}

/** A gold ADDRESSED_BY link between a gold problem id and a gold measure id. */
export interface GoldLink {
  problem: string;
  measure: string;
  strength?: string;
  [extra: string]: unknown;
}

/** A gold organisation with its other surface forms. */
export interface GoldOrganisation {
  name: string;
  type?: string;
  variants?: string[];
  borderline?: boolean;
  [extra: string]: unknown;
}

/** A gold mechanism entry: one per (mechanism, context) pair, so one name may recur. */
export interface GoldMechanism {
  name: string;
  surface?: string[];
  lines?: number[];
  borderline?: boolean;
  [extra: string]: unknown;
}

/** A gold figure; `value` may be a number, a string such as "48.5%" or "100多", or a list of them. */
export interface GoldFigure {
  what?: string;
  value: number | string | (number | string)[];
  line: number;
  quote?: string;
  borderline?: boolean;
  [extra: string]: unknown;
}

/** One gold report. */
export interface GoldReport {
  id: string;
  start_line: number;
  end_line?: number;
  /** Another start line a segmenter may defensibly choose (a number, or several). */
  alt_start_line?: number | number[];
  problems?: GoldProblem[];
  measures?: GoldMeasure[];
  general_causes?: string[];
  links?: GoldLink[];
  possible_links?: GoldLink[];
  organisations?: GoldOrganisation[];
  mechanisms?: GoldMechanism[];
  slogans?: string[];
  figures?: GoldFigure[];
  [extra: string]: unknown;
}

/** A gold annotation file for one source file. */
export interface GoldFile {
  /** Basename of the annotated source file. */
  source: string;
  reports: GoldReport[];
  [extra: string]: unknown;
}
