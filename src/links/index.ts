/*
 * The links stage: within one report, which measures address which problems (ADDRESSED_BY) and
 * which causes explain which problems (CAUSES), each with a score and a reason.
 */
export { linkReport, ownBodies, scoreAddressedBy, ADDRESSED_BY_THRESHOLD } from "./link-report.ts";
export { buildFeatures, codebookRelation, lexicalSimilarity, themeRelation } from "./features.ts";
export type { CandidateTheme, StatementFeatures } from "./features.ts";
