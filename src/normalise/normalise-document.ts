/*
 * The normalise stage: a SourceDocument becomes a NormalisedDocument whose analysis text has the
 * source's exact length (traditional → simplified, width folded), with its line table and the page
 * boilerplate marked as NoiseRanges. Reports are not split and numbering is not parsed here.
 */
import type { Diagnostic, NormalisedDocument, SourceDocument } from "../types.ts";
import type { BoilerplateRuleSpec } from "./boilerplate-rules.ts";
import { findBoilerplate } from "./find-boilerplate.ts";
import { foldText, type FoldOptions } from "./fold-text.ts";
import { splitLines } from "./split-lines.ts";

/** Options for normaliseDocument. */
export interface NormaliseOptions extends FoldOptions {
  /** Boilerplate rules replacing the shipped src/normalise/boilerplate.json. */
  boilerplate?: BoilerplateRuleSpec;
  /** Mark page boilerplate (default true). */
  findNoise?: boolean;
}

/**
 * Normalise one document for analysis; offsets into `document.text` are offsets into the source.
 * @example const { document, diagnostics } = normaliseDocument(source);
 */
export function normaliseDocument(
  doc: SourceDocument,
  options: NormaliseOptions = {},
): { document: NormalisedDocument; diagnostics: Diagnostic[] } {
  const folded = foldText(doc.text, options);
  // Most input is simplified already: then the analysis text is the source string itself, held once.
  const text = folded === doc.text ? doc.text : folded;
  if (text.length !== doc.text.length) {
    throw new Error(`normaliseDocument: folded text of "${doc.path}" changed length. This is a bug in foldText.`);
  }
  const lines = splitLines(text);
  if (options.findNoise === false) return { document: { source: doc, text, lines, noise: [] }, diagnostics: [] };
  const ruleOptions = options.boilerplate ? { rules: options.boilerplate, path: doc.path } : { path: doc.path };
  const { noise, diagnostics } = findBoilerplate(text, lines, ruleOptions);
  return { document: { source: doc, text, lines, noise }, diagnostics };
}
