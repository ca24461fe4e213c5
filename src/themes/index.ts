/*
 * The themes stage: canonical problem and measure themes across reports, from a codebook
 * (shipped or the user's `--codebook` file) plus similarity clustering for what it does not cover.
 */
export { loadCodebook, parseCodebook } from "./codebook.ts";
export type { Codebook, CodebookTheme, CodebookSettings, CodebookPattern } from "./codebook.ts";
export { assignThemes } from "./assign-themes.ts";
export type { ThemeAssignmentResult } from "./assign-themes.ts";
export { pickTheme, scoreThemes, scoringText } from "./score-themes.ts";
export type { ThemeScore, ScoringText } from "./score-themes.ts";
