/*
 * Public entry of the evaluator: score a `kg extract --json` document against a gold annotation file.
 */
export { formatEvalDetails, formatEvalTable } from "./format-table.ts";
export { normaliseForMatch } from "./normalise-text.ts";
export type { EvalItem, EvalOptions, EvalResult, MetricScore } from "./result.ts";
export { scoreExtraction, selectDocument } from "./score-extraction.ts";
export { coverage, longestCommonSubstring } from "./text-match.ts";
export { checkThresholds, parseThresholds, type Threshold, type UnmetThreshold } from "./thresholds.ts";
export type * from "./types.ts";
export { parseExtractionJson, parseGoldFile } from "./validate.ts";
