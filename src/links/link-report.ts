/*
 * Links within one report: ADDRESSED_BY (problem → measure) from the codebook relation of their themes,
 * lexical overlap and parallel numbering; CAUSES (cause → problem) from where the cause is written.
 * Every link has a score in [0, 1] and a reason a reader can check.
 */
import type { Codebook } from "../themes/codebook.ts";
import type { Link, ScoredStatement } from "../types.ts";
import { buildFeatures, codebookRelation, lexicalSimilarity } from "./features.ts";
import type { StatementFeatures, ThemeScores } from "./features.ts";

/** Minimum score for an ADDRESSED_BY link to be kept. */
export const ADDRESSED_BY_THRESHOLD = 0.4;
/** Share of the codebook relation in the ADDRESSED_BY score. */
const CODEBOOK_WEIGHT = 0.7;
/** Parallel numbering (problem i ↔ measure i) is a weak hint only. */
const PARALLEL_WEIGHT = 0.1;
/** A link at least this high with at least STRONG_LEXICAL shared wording settles its problem and measure. */
const STRONG_SCORE = 0.85;
const STRONG_LEXICAL = 0.3;
/** Share of strong parallel pairs that makes a report answer its problems one by one. */
const PAIRED_SHARE = 0.75;
/** Below this shared wording a link has none (its reason names no shared wording). */
const NO_WORDING = 0.1;
/** Below this shared wording (and without parallel numbering) a link is weak. */
const WEAK_LEXICAL = 0.5;
/** Score of a cause from a general cause section linked to a problem it shares nothing specific with. */
const GENERAL_CAUSE_BASE = 0.3;

/**
 * Link the statements of one report.
 * @example const links = linkReport(report.statements, bodies, themeOf, codebook);
 */
export function linkReport(
  statements: ScoredStatement[],
  bodies: Map<string, string>,
  themeOf: Map<string, string>,
  codebook: Codebook,
  scored?: ThemeScores,
): Link[] {
  const reports = new Set(statements.map((s) => s.reportId));
  if (reports.size > 1) {
    throw new Error(`linkReport: statements come from ${reports.size} reports (${[...reports].join(", ")}); pass one report at a time.`);
  }
  const features = buildFeatures(statements, ownBodies(statements, bodies), themeOf, codebook, scored);
  const byPosition = (a: ScoredStatement, b: ScoredStatement) => a.span.start - b.span.start || (a.id < b.id ? -1 : 1);
  const problems = statements.filter((s) => s.kind === "problem").sort(byPosition);
  const measures = statements.filter((s) => s.kind === "measure").sort(byPosition);
  const causes = statements.filter((s) => s.kind === "cause").sort(byPosition);
  return [
    ...withHeadingProblems(problems, measures, withAttachedMeasures(measures, withParagraphAnswers(problems, measures, addressedBy(problems, measures, features)))),
    ...causeLinks(causes, problems, features),
  ];
}

/**
 * Each statement's body without the text of the report's other statements. Where a report lists its problems
 * and proposes its measures in one paragraph, a problem's item often runs on over the measures that follow it
 * (or a measure's over the problems): the shared words are then one passage read twice, not evidence that the
 * measure answers the problem. A statement whose item holds this one (its parent) is left in: that is context.
 * `bodies` hold the source text from each statement's `span.start` (cut at some length).
 */
export function ownBodies(statements: ScoredStatement[], bodies: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  // The others whose span overlaps a statement's, found by position: a report of 100,000 items must not compare every
  // pair. `maxEnd[i]`: the furthest end among the first i + 1 statements in order of start.
  const byStart = [...statements].sort((a, b) => a.span.start - b.span.start);
  const maxEnd: number[] = [];
  for (const [i, o] of byStart.entries()) maxEnd.push(Math.max(o.span.end, i > 0 ? maxEnd[i - 1]! : -Infinity));
  /** The statements whose span starts before `end` and ends after `start`. */
  const overlapping = function* (start: number, end: number) {
    let hi = byStart.length;
    for (let lo = 0; lo < hi; ) {
      const mid = (lo + hi) >> 1;
      if (byStart[mid]!.span.start < end) lo = mid + 1;
      else hi = mid;
    }
    for (let j = hi - 1; j >= 0 && maxEnd[j]! > start; j--) if (byStart[j]!.span.end > start) yield byStart[j]!;
  };
  for (const s of statements) {
    const body = bodies.get(s.id);
    if (body === undefined) continue;
    const end = Math.min(s.span.end, s.span.start + body.length);
    const cuts: [number, number][] = [];
    for (const o of overlapping(s.span.start, end)) {
      if (o === s || (o.span.start <= s.textSpan.start && s.textSpan.end <= o.span.end)) continue;
      const from = Math.max(o.span.start, s.span.start);
      const to = Math.min(o.span.end, end);
      if (from >= to) continue;
      // The statement's own words stay, whatever overlaps them.
      if (from < s.textSpan.end && to > s.textSpan.start) {
        if (from < s.textSpan.start) cuts.push([from, s.textSpan.start]);
        if (to > s.textSpan.end) cuts.push([s.textSpan.end, to]);
      } else cuts.push([from, to]);
    }
    out.set(s.id, cuts.length === 0 ? body : blank(body, s.span.start, cuts));
  }
  return out;
}

/** `text` (starting at source offset `at`) with the source ranges `cuts` replaced by one line break each. */
function blank(text: string, at: number, cuts: [number, number][]): string {
  cuts.sort((a, b) => a[0] - b[0]);
  let out = "";
  let pos = 0;
  for (const [from, to] of cuts) {
    out += text.slice(pos, Math.max(pos, from - at)) + "\n";
    pos = Math.max(pos, to - at);
  }
  return out + text.slice(pos);
}

/** Score of a link made by where the measure is written: after the only problem of its paragraph. */
const PARAGRAPH_SCORE = 0.6;

/**
 * A paragraph that states one problem and then proposes measures ("…融合不够。对此，需要…，构建…，完善…")
 * answers that problem with each of them, whatever their wording: link them (or add the reason to a link the
 * evidence already made). Only measures after the problem count, and only when it is the paragraph's one problem.
 */
function withParagraphAnswers(problems: ScoredStatement[], measures: ScoredStatement[], links: Link[]): Link[] {
  const out = [...links];
  const reason = "proposed after the problem, the only one of its paragraph";
  // Counted and indexed once (a report of 100,000 items must not compare every pair).
  const problemsOnLine = new Map<number, number>();
  for (const p of problems) problemsOnLine.set(p.line, (problemsOnLine.get(p.line) ?? 0) + 1);
  const measuresOnLine = new Map<number, ScoredStatement[]>();
  for (const m of measures) {
    const onLine = measuresOnLine.get(m.line);
    if (onLine) onLine.push(m);
    else measuresOnLine.set(m.line, [m]);
  }
  const linkAt = new Map<string, number>();
  out.forEach((l, i) => { if (!linkAt.has(`${l.from}\u0000${l.to}`)) linkAt.set(`${l.from}\u0000${l.to}`, i); });
  for (const p of problems) {
    if (problemsOnLine.get(p.line)! > 1) continue;
    for (const m of measuresOnLine.get(p.line) ?? []) {
      if (m.textSpan.start < p.textSpan.end) continue;
      const key = `${p.id}\u0000${m.id}`;
      const at = linkAt.get(key);
      if (at === undefined) {
        linkAt.set(key, out.length);
        out.push({ type: "ADDRESSED_BY", from: p.id, to: m.id, score: PARAGRAPH_SCORE, reason });
      } else out[at] = { ...out[at]!, score: Math.max(out[at]!.score, PARAGRAPH_SCORE), reason: `${out[at]!.reason}; ${reason}` };
    }
  }
  // Problem then measure order, as addressedBy gives them.
  const place = new Map([...problems, ...measures].map((s, i) => [s.id, i]));
  return out.sort((a, b) => place.get(a.from)! - place.get(b.from)! || place.get(a.to)! - place.get(b.to)!);
}

/**
 * A measure suggested inside a problem item ("…。建议…", attachedTo) answers that problem whatever the wording
 * says, as a cause written under a problem explains it.
 */
function withAttachedMeasures(measures: ScoredStatement[], links: Link[]): Link[] {
  const out = [...links];
  for (const m of measures) {
    if (!m.attachedTo) continue;
    const link: Link = { type: "ADDRESSED_BY", from: m.attachedTo, to: m.id, score: 1, reason: "suggestion written under the problem" };
    const existing = out.findIndex((l) => l.from === m.attachedTo && l.to === m.id);
    if (existing >= 0) out[existing] = link;
    else out.push(link);
  }
  return out;
}

/**
 * A problem named inside a measure's own heading (「完善考核机制，着力解决激励不足的问题」: the problem's attachedTo is
 * the measure) is the one that measure answers, whatever else the scores say.
 */
function withHeadingProblems(problems: ScoredStatement[], measures: ScoredStatement[], links: Link[]): Link[] {
  const measureIds = new Set(measures.map((m) => m.id));
  const out = [...links];
  for (const p of problems) {
    if (!p.attachedTo || !measureIds.has(p.attachedTo)) continue;
    const link: Link = { type: "ADDRESSED_BY", from: p.id, to: p.attachedTo, score: 1, reason: "problem named in the measure's own heading" };
    const existing = out.findIndex((l) => l.type === "ADDRESSED_BY" && l.from === p.id && l.to === p.attachedTo);
    if (existing >= 0) out[existing] = link;
    else out.push(link);
  }
  return out;
}

/**
 * ADDRESSED_BY links above the threshold, in problem then measure order. In a report that answers its
 * problems one by one (strong parallel pairs, or a suggestion written under each problem), a weak link (no parallel numbering, little shared wording: the codebook alone speaks
 * for it) is dropped when its problem or its measure already has a strong link to another statement. In any
 * report, a link the codebook alone makes to a bare clause (a measure without an item body) is dropped when
 * the clause shares wording with another problem or the problem with another measure.
 */
function addressedBy(problems: ScoredStatement[], measures: ScoredStatement[], features: Map<string, StatementFeatures>): Link[] {
  const scored: (AddressedByScore & { p: ScoredStatement; m: ScoredStatement })[] = [];
  problems.forEach((p, i) => {
    measures.forEach((m, j) => {
      const s = scoreAddressedBy(features.get(p.id)!, features.get(m.id)!, i === j && i < measures.length);
      if (s.score >= ADDRESSED_BY_THRESHOLD) scored.push({ ...s, p, m });
    });
  });
  // A suggestion written under its problem settles that pair as a strong parallel link does (withAttachedMeasures).
  const attached = measures.flatMap((m) => problems.filter((p) => p.id === m.attachedTo).map((p) => ({ p, m })));
  const strongParallel = [...attached, ...scored.filter((l) => isStrong(l) && l.parallel && !attached.some((a) => a.p === l.p && a.m === l.m))];
  const strong: { p: ScoredStatement; m: ScoredStatement }[] = [...attached, ...scored.filter(isStrong)];
  const hasStrong = (l: { p: ScoredStatement; m: ScoredStatement }): boolean =>
    strong.some((o) => (o.p === l.p) !== (o.m === l.m));
  const paired = isPairedReport(problems.length, measures.length, strongParallel.length);
  // A bare clause of an inline list ("…、促进党建业务互融、…") is about what its few words say: when they
  // answer another problem (or the problem's words point to another measure), a link the codebook alone makes
  // between the two is noise.
  const worded = scored.filter((l) => l.lexical >= STRONG_LEXICAL);
  const wordedElsewhere = (l: { p: ScoredStatement; m: ScoredStatement }): boolean => worded.some((o) => (o.p === l.p) !== (o.m === l.m));
  const bareClause = (m: ScoredStatement): boolean => features.get(m.id)!.bodyChars === 0;
  return scored
    .filter((l) => !(paired && isWeak(l) && hasStrong(l)))
    .filter((l) => !(isCodebookOnly(l) && bareClause(l.m) && wordedElsewhere(l)))
    .map((l) => ({ type: "ADDRESSED_BY", from: l.p.id, to: l.m.id, score: l.score, reason: l.reason }));
}

/** A link the codebook alone speaks for: no shared wording at all, no parallel numbering. */
function isCodebookOnly(l: AddressedByScore): boolean {
  return !l.parallel && l.lexical < NO_WORDING;
}

/** A link with a high score and shared wording. */
function isStrong(l: AddressedByScore): boolean {
  return l.score >= STRONG_SCORE && l.lexical >= STRONG_LEXICAL;
}

/**
 * A report whose measures answer its problems one by one: most problem i ↔ measure i pairs are strong
 * links. Only there does a strong pair settle its ends; a report with unparallel lists (a few problems, many
 * general measures) keeps its many-to-many codebook links.
 */
function isPairedReport(problems: number, measures: number, strongParallel: number): boolean {
  const pairs = Math.min(problems, measures);
  return pairs >= 2 && strongParallel >= PAIRED_SHARE * pairs;
}

/** A link the codebook alone speaks for: no parallel numbering and little shared wording. */
function isWeak(l: AddressedByScore): boolean {
  return !l.parallel && l.lexical < WEAK_LEXICAL;
}

/**
 * Combine the evidence as independent chances (1 − Π(1 − s)): codebook relation, lexical overlap
 * (whole items, and headings which count more), and parallel numbering.
 */
export function scoreAddressedBy(p: StatementFeatures, m: StatementFeatures, parallel: boolean): AddressedByScore {
  const cb = codebookRelation(p, m);
  const lex = lexicalSimilarity(p, m);
  const lexScore = Math.min(1, 3 * lex.full + 2 * lex.heads);
  const score = 1 - (1 - CODEBOOK_WEIGHT * cb.strength) * (1 - lexScore) * (1 - (parallel ? PARALLEL_WEIGHT : 0));
  const reasons: string[] = [];
  if (cb.strength > 0) reasons.push(cb.why);
  if (lexScore >= NO_WORDING) reasons.push(`shared wording ${lex.shared.join("/")} (overlap ${lexScore.toFixed(2)})`);
  if (parallel) reasons.push("parallel numbering");
  return { score: round(score), reason: reasons.join("; ") || "weak evidence", lexical: lexScore, codebook: cb.strength, parallel };
}

/** An ADDRESSED_BY score with its evidence. */
export interface AddressedByScore {
  score: number;
  reason: string;
  /** Shared wording, 0–1. */
  lexical: number;
  /** Codebook relation, 0–1. */
  codebook: number;
  parallel: boolean;
}

/**
 * CAUSES links. A cause written under one problem (attachedTo) explains that problem (score 1). A cause
 * from a separate cause section ("产生上述问题的原因…") explains the report's problems as a set, so it is
 * linked to every problem: at a low base score, raised by how specifically it matches each one.
 */
function causeLinks(causes: ScoredStatement[], problems: ScoredStatement[], features: Map<string, StatementFeatures>): Link[] {
  const links: Link[] = [];
  const problemIds = new Set(problems.map((p) => p.id));
  for (const c of causes) {
    if (c.attachedTo !== undefined && problemIds.has(c.attachedTo)) {
      links.push({ type: "CAUSES", from: c.id, to: c.attachedTo, score: 1, reason: "cause written under the problem" });
      continue;
    }
    for (const p of problems) {
      const { score, detail } = generalCauseScore(features.get(c.id)!, features.get(p.id)!);
      const reason = `general cause section: explains the report's problems as a whole${detail ? `; ${detail}` : ""}`;
      links.push({ type: "CAUSES", from: c.id, to: p.id, score, reason });
    }
  }
  return links;
}

function generalCauseScore(c: StatementFeatures, p: StatementFeatures): { score: number; detail: string } {
  let theme = 0;
  let detail = "";
  for (const ct of c.themes) {
    for (const pt of p.themes) {
      const rel = (ct.theme === pt.theme ? 1 : ct.theme.concern === pt.theme.concern ? 0.8 : 0) * ct.weight * pt.weight;
      if (rel > theme) [theme, detail] = [rel, `both about "${pt.theme.label}"`];
    }
  }
  const lex = lexicalSimilarity(c, p);
  const lexScore = Math.min(1, 3 * lex.full + 2 * lex.heads);
  if (lexScore >= 0.1 && lexScore * 0.8 >= theme) detail = `shared wording ${lex.shared.join("/")}`;
  const specific = Math.max(theme, lexScore * 0.8);
  return { score: round(GENERAL_CAUSE_BASE + (1 - GENERAL_CAUSE_BASE) * specific), detail };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
