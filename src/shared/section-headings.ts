/*
 * Section headings: which kind of section a heading opens (situation, practice, problem, cause,
 * measure), from the regexes in src/classify/sections.json. Shared by segment (unnumbered headings),
 * outline and classify, so that neither imports the other.
 */
import type { SectionKind } from "../types.ts";
import raw from "../classify/sections.json" with { type: "json" };
import { memoByString } from "./memo.ts";

export interface SectionLexicon {
  priority: SectionKind[];
  kinds: Partial<Record<SectionKind, RegExp[]>>;
  causeLead: RegExp;
  leadIn: RegExp[];
  notCause: RegExp[];
  generalCauseLead: RegExp;
  leadInTail: RegExp;
  notMixed: RegExp;
  measureCue: RegExp;
  problemCue: RegExp;
  notHeading: RegExp;
  unnumberedHeading: Partial<Record<SectionKind, RegExp>>;
  suggestionLead: RegExp;
  fusedHeading: Partial<Record<SectionKind, RegExp>>;
  situationTail: RegExp;
  causeTail: RegExp;
  statesProblem: RegExp;
  sectionLabel: RegExp;
}

/** The compiled section lexicon. */
export const LEXICON: SectionLexicon = {
  priority: raw.priority as SectionKind[],
  kinds: Object.fromEntries(Object.entries(raw.kinds).map(([k, v]) => [k, v.map((s) => new RegExp(s))])),
  causeLead: new RegExp(raw.causeLead),
  statesProblem: new RegExp(raw.statesProblem),
  leadIn: raw.leadIn.map((s) => new RegExp(s)),
  notCause: raw.notCause.map((s) => new RegExp(s)),
  generalCauseLead: new RegExp(raw.generalCauseLead),
  leadInTail: new RegExp(raw.leadInTail),
  notMixed: new RegExp(raw.notMixed),
  measureCue: new RegExp(raw.measureCue),
  problemCue: new RegExp(raw.problemCue),
  notHeading: new RegExp(raw.notHeading),
  unnumberedHeading: Object.fromEntries(Object.entries(raw.unnumberedHeading).map(([k, v]) => [k, new RegExp(v)])),
  suggestionLead: new RegExp(raw.suggestionLead),
  fusedHeading: Object.fromEntries(Object.entries(raw.fusedHeading).map(([k, v]) => [k, new RegExp(v)])),
  situationTail: new RegExp(raw.situationTail),
  causeTail: new RegExp(raw.causeTail),
  sectionLabel: new RegExp(raw.sectionLabel),
};

/** Longest heading still read as a section title (longer ones are statements that happen to say 问题). */
const MAX_SECTION_HEADING = 40;

/** Kind of a section heading, or null when it names none (memoised: several shapes ask about the same headings). */
export function classifyHeading(heading: string): SectionKind | null {
  if (heading.length > MAX_SECTION_HEADING) return null;
  return headingKind(heading);
}

const headingKind = memoByString((heading: string): SectionKind | null => {
  // 「…政策措施总体执行情况」 reports how measures were carried out: a situation, not a section of measures.
  const trimmed = heading.trim();
  if (LEXICON.situationTail.test(trimmed)) return "situation";
  // 「存在问题的原因分析」 names the problems, but what it holds is their causes.
  if (LEXICON.causeTail.test(trimmed)) return "cause";
  // 「一些干部存在着只注重业务、不注重党建的问题」 states its problem: an item, not a section's title.
  if (LEXICON.statesProblem.test(trimmed)) return null;
  for (const kind of LEXICON.priority) {
    if (LEXICON.kinds[kind]?.some((re) => re.test(heading))) return kind;
  }
  return null;
});

/** Whether a heading names both problems and measures ("存在的问题及建议"). */
export function isMixedHeading(heading: string): boolean {
  return (
    heading.length <= MAX_SECTION_HEADING &&
    (LEXICON.kinds.problem?.some((re) => re.test(heading)) ?? false) &&
    (LEXICON.kinds.measure?.some((re) => re.test(heading)) ?? false) &&
    !LEXICON.notMixed.test(heading)
  );
}

/** In a mixed section, whether an item reads as a measure rather than a problem. */
export function readsAsMeasure(heading: string): boolean {
  const measure = LEXICON.measureCue.test(heading);
  const problem = LEXICON.problemCue.test(heading);
  return measure && !problem;
}

/** Whether a short unnumbered line is a section heading of its own (not a lead-in sentence). */
export function isUnnumberedSectionHeading(line: string): boolean {
  if (LEXICON.notHeading.test(line)) return false;
  const kind = classifyHeading(line);
  // Without a number, only a heading that ends on its section word ("存在的问题", "对策建议") counts:
  // "支部活动缺乏特色" or "发挥党员先锋模范作用" are items, not sections.
  return kind !== null && (LEXICON.unnumberedHeading[kind]?.test(line) ?? false);
}

/**
 * A section title fused with the first sentence of its body (text that lost its line breaks:
 * "存在的主要问题当前…"): the kind and the title's length, or null.
 */
export function fusedSectionHeading(heading: string): { kind: SectionKind; length: number } | null {
  // A short one is a title, unless its text runs on past a comma (「存在的问题部分楼院没有党组织，…」).
  if (heading.length <= MAX_SECTION_HEADING && !/[,，]/.test(heading)) return null;
  for (const kind of LEXICON.priority) {
    const m = LEXICON.fusedHeading[kind]?.exec(heading);
    if (m) return { kind, length: m[0].length };
  }
  return null;
}
