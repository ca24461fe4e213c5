/*
 * Entity extraction for one report: organisations, institutional mechanisms, slogans and membership
 * figures, each with occurrences (line, span, surface as written, section context). Pure: lexicons in,
 * data out. Regexes are compiled once per lexicon object.
 */
import type { Diagnostic, Figure, MechanismMention, OrganisationMention, SloganMention } from "../../types.ts";
import { SHIPPED_LEXICONS, type Lexicons } from "../lexicon.ts";
import { compileFigures, extractFigures, type FigureMatcher } from "./figures.ts";
import { canonicalMechanism, compileMechanisms, extractMechanisms, type MechanismMatcher } from "./mechanisms.ts";
import { compileOrganisations, extractOrganisations, type OrganisationMatcher } from "./organisations.ts";
import { compileSlogans, extractSlogans, type SloganMatcher } from "./slogans.ts";
import { buildView, type EntityInput } from "./text-view.ts";

export type { EntityInput } from "./text-view.ts";

/** Everything found in one report. */
export interface EntityResult {
  organisations: OrganisationMention[];
  mechanisms: MechanismMention[];
  slogans: SloganMention[];
  figures: Figure[];
  diagnostics: Diagnostic[];
}

interface Compiled {
  mechanisms: MechanismMatcher;
  slogans: SloganMatcher;
  organisations: OrganisationMatcher;
  figures: FigureMatcher;
}

const CACHE = new WeakMap<Lexicons, Compiled>();

function compiled(lex: Lexicons): Compiled {
  let c = CACHE.get(lex);
  if (!c) {
    c = {
      mechanisms: compileMechanisms(lex.mechanisms),
      slogans: compileSlogans(lex.slogans),
      organisations: compileOrganisations(lex.organisations),
      figures: compileFigures(lex.figures),
    };
    CACHE.set(lex, c);
  }
  return c;
}

/**
 * Extract organisations, mechanisms, slogans and figures from one report.
 * @example const { mechanisms } = extractEntities({ text, source: text, lines, span, noise: [], contextAt: () => "other" });
 */
export function extractEntities(input: EntityInput, lexicons: Lexicons = SHIPPED_LEXICONS): EntityResult {
  const c = compiled(lexicons);
  const view = buildView(input);
  const isMechanism = (s: string): boolean => canonicalMechanism(c.mechanisms, s) !== undefined || c.mechanisms.quotedEndings.some((e) => s.endsWith(e));
  const diagnostics: Diagnostic[] = [];
  const figures = extractFigures(view, c.figures, diagnostics);
  return {
    organisations: extractOrganisations(view, c.organisations),
    mechanisms: extractMechanisms(view, c.mechanisms),
    slogans: extractSlogans(view, c.slogans, isMechanism),
    figures,
    diagnostics,
  };
}
