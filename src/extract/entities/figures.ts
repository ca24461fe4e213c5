/*
 * Membership figures (党员数, 支部数, 书记/委员 counts, percentages, average ages) with the quote they
 * come from. A number counts when the words around it are about membership: a label before it
 * ("在职党员25名"), a noun after it ("14个分党委"), or, for percentages and list continuations, the sentence.
 */
import type { Diagnostic, Figure } from "../../types.ts";
import type { FigureLexicon } from "../lexicon.ts";
import { parseNumber } from "./chinese-number.ts";
import { docSpan, lineAt, type TextView } from "./text-view.ts";

/** Compiled figure lexicon. */
export interface FigureMatcher {
  numberRe: RegExp;
  keywords: string[];
  units: Record<string, string>;
  ageLabel: string;
  nouns: { re: RegExp; what: string }[];
  maxLabel: number;
  percentExclude: string[];
  placeholderRe: RegExp;
  blankRe: RegExp;
  countNouns: string[];
  notAfterUnit: string[];
  amongRe: RegExp | null;
  leadRe: RegExp | null;
  surveyWords: string[];
}

const LEAD_WORDS = /(?:分别为|分别是|分别达到|分别达|分别|仅有|只有|尚有|还有|共有|总共|共计|共|有|为|达到|达|计|约|仅|只)$/u;
const CUT = /组成|[参向受进和、的在为被均是都已中由于将把从对以]/u;
/** Label of a list item whose noun is not found (kept for compatibility with earlier output). */
const SAME = "同上";
/** Words that end the noun phrase after a count ("10个先进基层党组织和…", "2名教师向党组织…"). */
const NOUN_CUT = /[和及与、的在为被是向将把从对由]/u;
const CLAUSE_END = /[,;。:!?、和及\n)]/u;

/** Placeholder counts ("X名") and blank counts ("设党支部个") are skipped, and said so. */
function reportGaps(view: TextView, m: FigureMatcher, diagnostics: Diagnostic[]): void {
  const line = (i: number): number => lineAt(view.input.lines, view.toDoc[i]!);
  const placeholders = [...view.compact.matchAll(m.placeholderRe)];
  if (placeholders.length) {
    const first = placeholders[0]!;
    const message = `${placeholders.length} placeholder count(s) such as "${first[0]}" skipped (anonymised figures)`;
    diagnostics.push({ severity: "info", message, origin: "extract:figures", line: line(first.index) });
  }
  for (const hit of view.compact.matchAll(m.blankRe)) {
    diagnostics.push({ severity: "warning", message: `count left blank in "${hit[0]}"`, origin: "extract:figures", line: line(hit.index) });
  }
}

/** Compile the figure lexicon once. */
export function compileFigures(lex: FigureLexicon): FigureMatcher {
  const units = Object.keys(lex.units).map((u) => u.replace(/[%]/g, "%"));
  return {
    numberRe: new RegExp(`百分之(?<pct>[零〇一二两三四五六七八九十百点]+)|(?<num>\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|[零〇一二两三四五六七八九十百千]+)(?:多|余)?(?<unit>${units.join("|")})`, "gu"),
    keywords: lex.keywords,
    units: lex.units,
    ageLabel: lex.ageLabel,
    nouns: lex.nouns.map((n) => ({ re: new RegExp(`(?:${n.pattern})$`, "u"), what: n.what })),
    maxLabel: lex.maxLabelLength,
    percentExclude: lex.percentExclude,
    placeholderRe: new RegExp(`(?:${lex.placeholder})+(?:余|多)?(?:名|个|人|%)`, "gu"),
    blankRe: new RegExp(`(?:${lex.keywords.join("|")})(?:名|个|人)(?=[,;。、])`, "gu"),
    notAfterUnit: lex.notAfterUnit ?? [],
    countNouns: [...(lex.countNouns ?? lex.keywords)].sort((a, b) => b.length - a.length),
    amongRe: lex.amongNouns?.length ? new RegExp(`(${lex.amongNouns.join("|")})中(?=.)`, "u") : null,
    surveyWords: lex.surveyWords ?? [],
    leadRe: lex.labelLeadWords?.length ? new RegExp(`^(?:${lex.labelLeadWords.join("|")})+`, "u") : null,
  };
}

function clauseBefore(compact: string, at: number, max: number): { text: string; start: number } {
  let j = at;
  while (j > 0 && at - j < max && !/[,;。:!?、\n(]/u.test(compact[j - 1]!)) j--;
  return { text: compact.slice(j, at), start: j };
}

function sentenceBefore(compact: string, at: number): string {
  let j = at;
  while (j > 0 && at - j < 200 && !/[。!?\n]/u.test(compact[j - 1]!)) j--;
  return compact.slice(j, at);
}

function nounAfter(compact: string, at: number): string {
  let k = at;
  while (k < compact.length && k - at < 10 && !CLAUSE_END.test(compact[k]!) && !/[\d]/.test(compact[k]!)) k++;
  return compact.slice(at, k);
}

/** Find the membership figures of one report. */
export function extractFigures(view: TextView, m: FigureMatcher, diagnostics: Diagnostic[]): Figure[] {
  const { compact } = view;
  reportGaps(view, m, diagnostics);
  const hasKeyword = (s: string): boolean => m.keywords.some((k) => s.includes(k));
  const out: Figure[] = [];
  let previousEnd = -1;
  for (const hit of compact.matchAll(m.numberRe)) {
    const whole = hit[0];
    const num = hit.groups?.["pct"] ?? hit.groups?.["num"] ?? "";
    const unitRaw = hit.groups?.["pct"] ? "%" : (hit.groups?.["unit"] ?? "");
    const value = parseNumber(num);
    if (value === null || /[\d.]/.test(compact[hit.index - 1] ?? "")) continue;
    const unit = m.units[unitRaw] ?? unitRaw;
    if (m.notAfterUnit.some((w) => compact.startsWith(w, hit.index + whole.length))) continue;
    const numEnd = hit.index + whole.length;
    const chinese = !/^\d/.test(num) && unit !== "%";
    const endsClause = numEnd >= compact.length || CLAUSE_END.test(compact[numEnd]!);
    if (chinese && (value < 2 ? !endsClause : compact[hit.index - 1] === "每")) continue;
    const label = clauseBefore(compact, hit.index, m.maxLabel);
    if (notMembership(view, m, label.text, hit.index, numEnd)) continue;
    const labelText = label.text.replace(/^.*\d(?:%|名|人|个)[和及与至]?/u, "").replace(LEAD_WORDS, "");
    const after = nounAfter(compact, numEnd);
    let what: string | null = null;
    let quoteStart = hit.index;
    let quoteEnd = numEnd;
    if (unit === "岁") {
      if (!label.text.includes(m.ageLabel)) continue;
      what = label.text.replace(/^(?:其中)/u, "");
      quoteStart = label.start;
    } else if (unit === "%") {
      if (!hasKeyword(sentenceBefore(compact, hit.index)) || m.percentExclude.some((w) => label.text.includes(w))) continue;
      const previous = out[out.length - 1];
      const sameLine = previous?.line === lineAt(view.input.lines, view.toDoc[hit.index]!);
      const adjacent = previous !== undefined && /^[,;]$/u.test(compact.slice(previousEnd, label.start));
      what = shareLabel(m, labelText, sameLine ? previous : undefined, adjacent);
      quoteStart = label.start;
    } else if (labelText && m.nouns.some((n) => n.re.test(labelText))) {
      what = cleanLabel(m, shortLabel(labelText));
      quoteStart = label.start;
    } else if (chinese && !hasKeyword(after.slice(0, 6))) {
      continue;
    } else if (hasKeyword(after.slice(0, 12)) || hasKeyword(clauseAfter(compact, numEnd))) {
      what = countedNoun(m, after.split(NOUN_CUT)[0]!) ?? (after.split(CUT)[0] || after);
      quoteEnd = numEnd + (what.length || 0);
    } else if ((numEnd >= compact.length || CLAUSE_END.test(compact[numEnd]!)) && hasKeyword(sentenceBefore(compact, hit.index))) {
      const previous = out[out.length - 1];
      what = cleanLabel(m, shortLabel(labelText)) || (previous && previous.unit === unit && previous.line === lineAt(view.input.lines, view.toDoc[hit.index]!) ? previous.what : SAME);
      quoteStart = label.start;
    } else continue;
    const span = docSpan(view, quoteStart, quoteEnd);
    out.push({ what: normaliseWhat(what, unit).slice(0, 16), value, unit, line: lineAt(view.input.lines, view.toDoc[hit.index]!), span, quote: view.input.source.slice(span.start, span.end) });
    previousEnd = quoteEnd;
  }
  return out;
}

/** A count of people asked ("访谈党员30名") or a target set by a measure ("每村至少发展1名") is no membership figure. */
function notMembership(view: TextView, m: FigureMatcher, labelText: string, at: number, numEnd: number): boolean {
  if (view.input.contextAt(view.toDoc[at]!) === "measure") return true;
  const clause = labelText + view.compact.slice(at, numEnd) + clauseAfter(view.compact, numEnd);
  return m.surveyWords.some((w) => clause.includes(w));
}

/** A short label: "党员" → "党员总数", "党支部" counted in 个 → "党支部数"; the unit's own body prefix dropped. */
function normaliseWhat(what: string, unit: string): string {
  const w = what.replace(/^(?:[我本]?校|学校|全校|全镇|全县|全区|全村)(?=.)/u, "");
  if (/^(?:共产)?党员$/u.test(w)) return "党员总数";
  if (w === "支部" || w === "总支") return `党${w}数`;
  if (unit === "个" && !/数$/u.test(w)) return `${w}数`;
  return w;
}

/**
 * Label of a percentage: "60岁以上党员占总数的" → 60岁以上党员占总数比例; a bare "占" takes the count just
 * before it ("共有党员318名，占职工总数的27.4%" → 党员占职工总数比例); a list item takes the share before it.
 */
function shareLabel(m: FigureMatcher, labelText: string, previous: Figure | undefined, adjacent: boolean): string {
  const short = cleanLabel(m, shortLabel(labelText)).replace(/(?:仅|只|约|均)占/u, "占");
  const base = short.replace(/^占/u, "").replace(/的?占$/u, "").replace(/的$/u, "");
  if (!base && previous?.unit === "%") return previous.what;
  const countBefore = previous && adjacent && /[名人]/u.test(previous.unit) && previous.what !== SAME;
  const subject = short.startsWith("占") && countBefore ? previous.what.replace(/总数$/u, "") : "";
  const joined = subject && base ? `${subject}占${base}` : subject || base;
  return `${joined.length > 12 ? base : joined}${/(?:比例|率)$/u.test(joined) ? "" : "比例"}`;
}

/** The longest prefix of the words after a number that ends in a count noun ("党支部组织生活开展情况" → 党支部). */
function countedNoun(m: FigureMatcher, after: string): string | undefined {
  for (let k = after.length; k > 0; k--) {
    const head = after.slice(0, k);
    if (m.countNouns.some((n) => head.endsWith(n))) return head;
  }
  return undefined;
}

/** A label without its lead words ("含", "具有"), its trailing 的, and with "党员中…" read as "党员…". */
function cleanLabel(m: FigureMatcher, label: string): string {
  let out = label;
  if (m.leadRe) out = out.replace(m.leadRe, "");
  if (m.amongRe) out = out.replace(m.amongRe, "$1");
  return out.replace(/(?:仅|只)(?=\p{Script=Han})/gu, "").replace(/占比$/u, "").replace(/的$/u, "");
}

/** The counted thing of a label: what follows its last lead word ("全县共有机关党委" → "机关党委"). */
function shortLabel(label: string): string {
  const parts = label.split(/共有|现有|其中|下设|下辖|共(?!产)|有(?!的)|设|全[县镇校村区市乡]|[我本][校镇县村区市乡]|情况|目前|截至/u);
  return parts.filter(Boolean).pop() ?? label;
}

function clauseAfter(compact: string, at: number): string {
  let k = at;
  while (k < compact.length && k - at < 40 && !/[,;。!?\n]/u.test(compact[k]!)) k++;
  return compact.slice(at, k);
}
