/*
 * Public API of the normalise stage: analysis text, line table and page-boilerplate marks.
 */
export { normaliseDocument, type NormaliseOptions } from "./normalise-document.ts";
export { foldText, foldWidth, type FoldOptions } from "./fold-text.ts";
export { splitLines, lineAt } from "./split-lines.ts";
export { findBoilerplate, type BoilerplateResult } from "./find-boilerplate.ts";
export {
  compileBoilerplateRules,
  DEFAULT_BOILERPLATE_RULES,
  type BoilerplateRuleSpec,
  type PatternRuleSpec,
} from "./boilerplate-rules.ts";
