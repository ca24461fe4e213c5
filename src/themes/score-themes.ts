/*
 * Scores a statement against codebook themes: weighted keywords, synonym sets (`@concept`), co-occurrence
 * combos and patterns; heading matches at full weight, matches only in the item body at the codebook's body
 * weight (capped). Keywords inside a longer matched keyword do not count twice. One scan of the text finds
 * every keyword of every theme (compiled term index). Pure and deterministic.
 */
import type { Codebook, CodebookTheme } from "./codebook.ts";
import { buildAhoCorasick, type AhoCorasick } from "../shared/aho-corasick.ts";
import { requiredStarts } from "../shared/regex.ts";
import { pushAll } from "../util/arrays.ts";
import { LEXICON, scanTerms } from "./lexicon.ts";

/** How one theme scored on one statement, with the evidence. */
export interface ThemeScore {
  theme: CodebookTheme;
  score: number;
  headingScore: number;
  /** Keywords found in the heading, and «text» matched by patterns. */
  headingHits: string[];
  /** Keywords/patterns found only in the body. */
  bodyHits: string[];
  /** Characters of the positive keywords found in the heading: how specifically the heading names the theme. */
  specificity: number;
  /** Where the heading hits lie ([start, end) in the heading; combos have no place): tells two named themes apart. */
  headingSpans: [number, number][];
}

/** What the links stage reads of a theme's score (ThemeAssignmentResult's `ranked` and `bodyRanked`): the theme and its score. */
export type RankedTheme = Pick<ThemeScore, "theme" | "score">;

/** The text a statement is scored on: its heading (the quote) and the rest of its item. */
export interface ScoringText {
  heading: string;
  /** The item body without the heading (may be empty). */
  rest: string;
}

/** Split an item into heading and the remaining body text. */
export function scoringText(heading: string, body: string | undefined): ScoringText {
  if (!body) return { heading, rest: "" };
  const at = body.indexOf(heading);
  const rest = at >= 0 ? body.slice(0, at) + "\n" + body.slice(at + heading.length) : body;
  return { heading, rest };
}

/**
 * Score every theme of `kind`, best first (ties: heading score, then codebook order). With `leadClause` (the
 * default) hits after a problem heading's first clause weigh less; pass false to read a text that is not a
 * heading evenly.
 */
export function scoreThemes(text: ScoringText, codebook: Codebook, kind: "problem" | "measure", leadClause = true, cut?: RankingCut): ThemeScore[] {
  // Only problem headings lead with what they are about; a measure's later clause often names its purpose.
  const heads = themeHits(text.heading, codebook, kind, leadClause && kind === "problem");
  const bodies = themeHits(text.rest, codebook, kind, false);
  return rankThemes(heads, bodies, codebook, kind, cut);
}

/**
 * For a caller that reads only the head of a ranking (the themes at or above `threshold`, and at least `min`): the
 * ranking may end once it holds `min` themes and the last one scores below `threshold`. What is left out is
 * what such a caller never reads (the ranking is in score order), and is not built.
 */
export interface RankingCut {
  threshold: number;
  min: number;
}

/**
 * scoreThemes(text), and the ranking of the body read evenly as a heading of its own (what
 * `scoreThemes({ heading: text.rest, rest: "" }, codebook, kind, false)` gives), from one scan of each part.
 */
export function scoreThemesAndBody(
  text: ScoringText,
  codebook: Codebook,
  kind: "problem" | "measure",
  cut?: { ranked: RankingCut; body: RankingCut },
): { ranked: ThemeScore[]; body: ThemeScore[] } {
  const heads = themeHits(text.heading, codebook, kind, kind === "problem");
  const bodies = themeHits(text.rest, codebook, kind, false);
  return { ranked: rankThemes(heads, bodies, codebook, kind, cut?.ranked), body: rankThemes(bodies, new Map(), codebook, kind, cut?.body) };
}

function rankThemes(heads: Map<number, Hit[]>, bodies: Map<number, Hit[]>, codebook: Codebook, kind: "problem" | "measure", cut?: RankingCut): ThemeScore[] {
  const { bodyWeight, bodyCap } = codebook.settings;
  // Most themes have no hit in a given statement: their score is zero, without the work below; they keep their
  // codebook order among themselves and are merged with the others, sorted, at the end.
  const scores: ThemeScore[] = [];
  const withHits = new Set<number>();
  const score = (i: number) => {
    const theme = codebook.themes[i];
    if (theme === undefined || theme.kind !== kind || withHits.has(i)) return;
    const head = heads.get(i) ?? NO_HITS;
    const body = bodies.get(i) ?? NO_HITS;
    if (head.length === 0 && body.length === 0) return;
    withHits.add(i);
    const headKeys = new Set(head.map((h) => h.key));
    const bodyOnly = body.filter((h) => !headKeys.has(h.key));
    const headScore = head.reduce((s, h) => s + h.weight, 0);
    const bodyRaw = bodyOnly.reduce((s, h) => s + h.weight, 0) * bodyWeight;
    const bodyScore = Math.min(bodyCap, bodyRaw);
    scores.push({
      theme,
      score: round(headScore + bodyScore),
      headingScore: round(headScore),
      headingHits: head.map((h) => h.label),
      bodyHits: bodyOnly.map((h) => h.label),
      // Only literal keywords say how specifically a heading names a theme; a synonym-set word is a paraphrase.
      specificity: head.reduce((n, h) => n + (h.weight > 0 && h.key.startsWith("k:") ? h.chars : 0), 0),
      headingSpans: head.filter((h) => h.weight > 0).flatMap((h) => h.spans),
    });
  };
  for (const i of heads.keys()) score(i);
  for (const i of bodies.keys()) score(i);
  const order = themeOrder(codebook);
  const before = (a: ThemeScore, b: ThemeScore) => b.score - a.score || b.headingScore - a.headingScore || order.get(a.theme.id)! - order.get(b.theme.id)!;
  scores.sort(before);
  // The themes without a hit (one shared, frozen score each), in codebook order, merged in: the same order as
  // sorting every theme's score with `before`, a total order (themes are told apart by their place).
  const zeros = zeroScores(codebook, kind);
  const out: ThemeScore[] = [];
  // With a cut, the ranking ends once it holds what its caller reads (RankingCut).
  const done = (): boolean => cut !== undefined && out.length >= cut.min && out[out.length - 1]!.score < cut.threshold;
  let h = 0;
  for (const [i, zero] of zeros) {
    if (withHits.has(i)) continue;
    while (h < scores.length && before(scores[h]!, zero) < 0) {
      out.push(scores[h++]!);
      if (done()) return out;
    }
    out.push(zero);
    if (done()) return out;
  }
  while (h < scores.length) {
    out.push(scores[h++]!);
    if (done()) return out;
  }
  return out;
}

const ZEROS = new WeakMap<CodebookTheme[], Record<"problem" | "measure", [number, ThemeScore][]>>();

/** The score of every theme of `kind` without a hit, by its place in the codebook, in codebook order; built once per theme list. */
function zeroScores(codebook: Codebook, kind: "problem" | "measure"): [number, ThemeScore][] {
  let zeros = ZEROS.get(codebook.themes);
  if (!zeros) {
    zeros = { problem: [], measure: [] };
    codebook.themes.forEach((theme, i) => {
      const zero: ThemeScore = { theme, score: 0, headingScore: 0, headingHits: Object.freeze([]) as unknown as string[], bodyHits: Object.freeze([]) as unknown as string[], specificity: 0, headingSpans: Object.freeze([]) as unknown as [number, number][] };
      zeros![theme.kind]?.push([i, Object.freeze(zero) as ThemeScore]);
    });
    ZEROS.set(codebook.themes, zeros);
  }
  return zeros[kind];
}

const ORDER = new WeakMap<CodebookTheme[], Map<string, number>>();

/** Theme id → place in the codebook, built once per theme list. */
function themeOrder(codebook: Codebook): Map<string, number> {
  let order = ORDER.get(codebook.themes);
  if (!order) ORDER.set(codebook.themes, (order = new Map(codebook.themes.map((t, i) => [t.id, i]))));
  return order;
}

/** Scores within this share of the best one count as a near tie, settled by specificity. */
const NEAR_TIE = 0.9;

/**
 * The theme a statement takes: the best theme at or above `threshold`, unless only the rest of its item names it and
 * another theme there is named in the heading (that one is then the best); among the themes that score within a near
 * tie of the best, the one whose heading names it most specifically (most keyword characters: 流动党员 + 管理
 * beats a bare 管理), then the higher score. Undefined when no theme reaches the threshold.
 */
export function pickTheme(ranked: ThemeScore[], threshold: number): ThemeScore | undefined {
  let best = ranked[0];
  if (!best || best.score < threshold) return undefined;
  // The rest of an item is context: a theme it alone names does not outrank one the heading names (a report whose
  // every paragraph praises model members does not make 政治功能淡化 about them).
  if (best.headingScore === 0) best = ranked.find((r) => r.score >= threshold && r.headingScore > 0) ?? best;
  let pick = best;
  for (const r of ranked.slice(1)) {
    if (r.score < threshold || r.score < NEAR_TIE * best.score) break;
    if (r.specificity > pick.specificity) pick = r;
  }
  return pick;
}

/**
 * Further themes a bundled heading names besides its pick (党员队伍老化，组织生活不经常 names two problems): themes of
 * another concern whose heading hits reach `threshold` and lie wholly in clauses of the heading (split at
 * ，；。：、) where the pick has no hit, best first, at most `max`. Body hits never add a theme, a theme of the
 * pick's own concern is the same concern said twice, and a theme named in the pick's own clause is a setting or
 * a subject (非公企业党建活动单一 is about activities in private firms, not about their coverage).
 */
export function otherThemes(heading: string, ranked: ThemeScore[], pick: ThemeScore, threshold: number, max = 1): ThemeScore[] {
  const clauseOf = clauseIndex(heading);
  const taken = new Set(pick.headingSpans.flatMap(([s, e]) => spanClauses(clauseOf, s, e)));
  if (taken.size === 0) return [];
  const out: ThemeScore[] = [];
  const concerns = new Set([pick.theme.concern]);
  for (const r of ranked) {
    if (out.length >= max || r.score < threshold) break;
    if (r === pick || r.headingScore < threshold || concerns.has(r.theme.concern) || r.headingSpans.length === 0) continue;
    const clauses = r.headingSpans.flatMap(([s, e]) => spanClauses(clauseOf, s, e));
    if (clauses.some((c) => taken.has(c))) continue;
    out.push(r);
    for (const c of clauses) taken.add(c);
    concerns.add(r.theme.concern);
  }
  return out;
}

const CLAUSE_SPLIT = /[，,；;。：:、]/u;

/** Clause number of every character of a heading. */
function clauseIndex(text: string): number[] {
  const out: number[] = [];
  let n = 0;
  for (const ch of text) {
    for (let k = 0; k < ch.length; k++) out.push(n);
    if (CLAUSE_SPLIT.test(ch)) n++;
  }
  return out;
}

function spanClauses(clauseOf: number[], start: number, end: number): number[] {
  const out = new Set<number>();
  for (let i = start; i < end && i < clauseOf.length; i++) out.add(clauseOf[i]!);
  return [...out];
}

interface Hit {
  key: string;
  label: string;
  weight: number;
  /** Characters of the matched keyword or concept word (0 for patterns and combos). */
  chars: number;
  /** Where it matched (none for combos). */
  spans: [number, number][];
}

const NO_HITS: Hit[] = [];

/**
 * Keyword, concept, combo and pattern hits of every theme of `kind` in one text, by theme index. The text is
 * scanned once for all indexed terms. Within a theme, a keyword (or concept) whose every occurrence lies inside
 * an occurrence of a longer counted one is not counted again (组织生活会 ⊃ 组织生活); zero-weight keywords only
 * hide shorter ones inside them (纳入党 hides 入党).
 */
function themeHits(text: string, codebook: Codebook, kind: "problem" | "measure", heading: boolean): Map<number, Hit[]> {
  const out = new Map<number, Hit[]>();
  if (text === "") return out;
  // A heading names its problem first; what a later clause adds weighs less (理想信念淡化，政治学习主动性不强 is
  // about ideals). The first clause is the first that names anything a theme of `kind` counts: a lead-in of
  // circumstance (山高路远，组织生活很少开展) names no problem, so the clause after it is the one that leads.
  // Hits that start after it count at LATER_CLAUSE (applied once every hit is known, below).
  const { index, themes, concepts } = codebook;
  const found = scanTerms(text, index);
  const present = new Set<string>();
  type Candidate = { key: string; weight: number; label: string; chars: number; spans: [number, number][]; terms: string[]; first: number };
  const byTheme = new Map<number, Map<string, Candidate>>();
  for (const hit of found) {
    present.add(hit.term);
    for (const c of index.conceptsOf.get(hit.term) ?? []) present.add(`@${c}`);
    for (const ref of index.refs.get(hit.term) ?? []) {
      if (themes[ref.theme]!.kind !== kind) continue;
      let cands = byTheme.get(ref.theme);
      if (!cands) byTheme.set(ref.theme, (cands = new Map()));
      const chars = hit.end - hit.start;
      const cand = cands.get(ref.key);
      if (!cand) {
        const label = ref.key.startsWith("c:") ? `${hit.term}≈${concepts.get(ref.key.slice(2))!.label}` : hit.term;
        cands.set(ref.key, { key: ref.key, weight: ref.weight, label, chars, spans: [[hit.start, hit.end]], terms: [hit.term], first: hit.start });
      } else {
        cand.spans.push([hit.start, hit.end]);
        cand.terms.push(hit.term);
        cand.first = Math.min(cand.first, hit.start);
        if (chars > cand.chars && ref.key.startsWith("c:")) {
          cand.chars = chars;
          cand.label = `${hit.term}≈${concepts.get(ref.key.slice(2))!.label}`;
        }
      }
    }
  }
  for (const [i, cands] of byTheme) {
    const covered: [number, number][] = [];
    const hits: Hit[] = [];
    const ordered = [...cands.values()].sort((a, b) => b.chars - a.chars || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    // Literal keywords first, as tuned; then synonym sets. Where a concept word overlaps counted keywords, the
    // concept only tops them up to its own weight (青黄不接 as a 1.5 keyword still weighs as the 队伍老化 set), so a
    // set widens a theme without counting the same words twice.
    const counted: { span: [number, number]; weight: number }[] = [];
    for (const c of ordered) {
      if (!c.key.startsWith("k:")) continue;
      const free = c.spans.some(([s, e]) => !covered.some(([cs, ce]) => cs <= s && e <= ce));
      if (!free) continue;
      // In a measure, a keyword that overlaps counted ones (先锋模范 and 模范作用 in 先锋模范作用) names the same
      // object again: it only tops them up to its own weight, as a synonym set does, so a measure that names two
      // objects (战斗堡垒作用和先锋模范作用) is not decided by how many overlapping keywords one of them has.
      const weight = kind === "measure" && c.weight > 0 ? toppedUp(c, covered, counted) : c.weight;
      pushAll(covered, c.spans);
      for (const span of c.spans) counted.push({ span, weight: c.weight });
      if (weight !== 0) hits.push({ key: c.key, label: c.label, weight, chars: c.chars, spans: c.spans });
    }
    for (const c of ordered) {
      if (c.key.startsWith("k:")) continue;
      let weight = 0;
      let word = "";
      for (const [n, [s, e]] of c.spans.entries()) {
        // A zero-weight keyword around the word hides it (纳入党 hides 入党 of the 发展党员 set too), and a
        // negative keyword it overlaps argues against the theme for it as well (量化考核 is not 考核办法 here).
        if (counted.some(({ span: [cs, ce], weight: w }) => (w === 0 && cs <= s && e <= ce) || (w < 0 && s < ce && cs < e))) continue;
        const under = counted.filter(({ span: [cs, ce] }) => s < ce && cs < e).reduce((sum, k) => sum + Math.max(0, k.weight), 0);
        if (c.weight - under > weight) [weight, word] = [c.weight - under, c.terms[n]!];
      }
      if (weight <= 0) continue;
      for (const span of c.spans) counted.push({ span, weight: c.weight });
      // The label names the word that spoke (年龄偏大≈队伍老化、后继乏人).
      const label = `${word}≈${concepts.get(c.key.slice(2))!.label}`;
      hits.push({ key: c.key, label, weight, chars: c.chars, spans: c.spans });
    }
    out.set(i, hits);
  }
  // Only the themes of `kind` that have combos, or a pattern that can match the text (every pattern that is always
  // searched, and those one of whose start literals the text holds), are visited: in theme order, each one's combos
  // before its patterns in their order, as a visit of every theme would find them.
  const gate = patternGate(themes);
  const plan = gate.plans[kind];
  const codes = gate.candidates(text, kind);
  let c = 0;
  let t = 0;
  while (t < plan.comboThemes.length || c < codes.length) {
    const nextCombo = t < plan.comboThemes.length ? plan.comboThemes[t]! : Infinity;
    const nextPattern = c < codes.length ? Math.floor(codes[c]! / PATTERN_STRIDE) : Infinity;
    const i = Math.min(nextCombo, nextPattern);
    const theme = themes[i]!;
    const hits = out.get(i) ?? [];
    if (nextCombo === i) {
      t++;
      theme.combos.forEach((combo, j) => {
        if (combo.all.every((item) => present.has(item))) hits.push({ key: `a:${j}`, label: `«${combo.all.join("+")}»`, weight: combo.weight, chars: 0, spans: [] });
      });
    }
    for (; c < codes.length && Math.floor(codes[c]! / PATTERN_STRIDE) === i; c++) {
      const p = theme.patterns[codes[c]! % PATTERN_STRIDE]!;
      // The label is the matched text (readable), the key the pattern (so heading and body hits dedupe).
      const m = p.re.exec(text);
      if (m) hits.push({ key: `p:${p.source}`, label: `«${m[0]}»`, weight: p.weight, chars: 0, spans: [[m.index, m.index + m[0].length]] });
    }
    if (hits.length > 0) out.set(i, hits);
  }
  if (heading) {
    // The clauses (not frames) that hold a hit; the first leads, unless it only grants an achievement and a later one
    // holds a hit (活动经费不断加大，党员年龄偏大: the problem is the second clause).
    const clauses = headingClauses(text).filter(([, , isFrame]) => !isFrame);
    const hit = new Set<number>();
    for (const hits of out.values()) {
      for (const h of hits) {
        if (h.weight <= 0) continue;
        for (const [s] of h.spans) {
          const c = clauses.findIndex(([from, to]) => from <= s && s < to);
          if (c >= 0) hit.add(c);
        }
      }
    }
    const named = [...hit].sort((a, b) => a - b);
    const grants = (c: number) => {
      const clause = text.slice(clauses[c]![0], clauses[c]![1]);
      return LEXICON.headingClauses.achievement.test(clause) && !LEXICON.headingClauses.shortcoming.test(clause);
    };
    const leads = named.find((c) => !grants(c)) ?? named[0];
    const [from, to] = (leads !== undefined ? clauses[leads] : clauses[0]) ?? [0, text.length];
    for (const hits of out.values()) {
      for (const h of hits) {
        if (h.spans.length === 0) continue;
        const start = h.spans.reduce((min, [s]) => Math.min(min, s), text.length);
        if (start < from || start >= to) h.weight = round(h.weight * LATER_CLAUSE);
      }
    }
  }
  return out;
}

/**
 * The codebook patterns' prefilter: the literals one of which starts every match of each pattern (requiredStarts),
 * as ids into one automaton over all of them, so that one pass over a text tells which patterns can match it.
 * Most cannot (of some 4.7 million pattern searches over the 10 MB benchmark corpus's statements, a few percent
 * find anything). A pattern whose starts are not all plain literals (null) is always searched.
 */
interface PatternGate {
  /** By kind: the themes with combos, and the patterns always searched (codes), in theme and pattern order. */
  plans: Record<"problem" | "measure", { comboThemes: number[]; always: number[] }>;
  /**
   * The patterns of themes of `kind` that can match a text, as codes (theme index × PATTERN_STRIDE + pattern index),
   * ascending, each once: those always searched and those one of whose start literals the text holds.
   */
  candidates(text: string, kind: "problem" | "measure"): number[];
}

/** Codes of patterns: theme index × PATTERN_STRIDE + the pattern's place in its theme. */
const PATTERN_STRIDE = 4096;

const GATES = new WeakMap<CodebookTheme[], PatternGate>();

function patternGate(themes: CodebookTheme[]): PatternGate {
  let gate = GATES.get(themes);
  if (gate) return gate;
  const literals: string[] = [];
  const ids = new Map<string, number>();
  const plans: PatternGate["plans"] = { problem: { comboThemes: [], always: [] }, measure: { comboThemes: [], always: [] } };
  // By kind, by start literal id: the codes of the patterns it starts.
  const codesOf: Record<"problem" | "measure", number[][]> = { problem: [], measure: [] };
  themes.forEach((theme, i) => {
    const kind = theme.kind === "problem" || theme.kind === "measure" ? theme.kind : null;
    if (kind === null) return;
    if (theme.patterns.length >= PATTERN_STRIDE) throw new Error(`codebook theme ${theme.id}: more than ${PATTERN_STRIDE - 1} patterns`);
    if (theme.combos.length > 0) plans[kind].comboThemes.push(i);
    theme.patterns.forEach((p, j) => {
      const code = i * PATTERN_STRIDE + j;
      // Flags other than u, s, m (i: other cases match; g, y: the search is stateful) are always searched.
      const starts = /^[usm]*$/.test(p.re.flags) ? requiredStarts(p.re.source) : null;
      if (starts === null) {
        plans[kind].always.push(code);
        return;
      }
      for (const literal of starts) {
        let id = ids.get(literal);
        if (id === undefined) ids.set(literal, (id = literals.push(literal) - 1));
        (codesOf[kind][id] ??= []).push(code);
      }
    });
  });
  const automaton: AhoCorasick = buildAhoCorasick(literals);
  gate = {
    plans,
    candidates(text, kind) {
      const own = codesOf[kind];
      const codes = plans[kind].always.slice();
      const before = codes.length;
      automaton.forEach(text, (id) => {
        const list = own[id];
        if (list !== undefined) pushAll(codes, list);
      });
      // The patterns always searched are in order already.
      if (codes.length === before) return codes;
      codes.sort((a, b) => a - b);
      // A pattern with several start literals in the text is searched once.
      let n = 0;
      for (let k = 0; k < codes.length; k++) if (k === 0 || codes[k] !== codes[n - 1]) codes[n++] = codes[k]!;
      codes.length = n;
      return codes;
    },
  };
  GATES.set(themes, gate);
  return gate;
}

/**
 * A positive keyword's weight beyond the counted keywords its occurrences overlap (the best occurrence not inside a
 * counted one): its own weight where it overlaps none, nothing where they already weigh as much.
 */
function toppedUp(c: { weight: number; spans: [number, number][] }, covered: [number, number][], counted: { span: [number, number]; weight: number }[]): number {
  let best = 0;
  for (const [s, e] of c.spans) {
    if (covered.some(([cs, ce]) => cs <= s && e <= ce)) continue;
    const under = counted.filter(({ span: [cs, ce] }) => s < ce && cs < e).reduce((sum, k) => sum + Math.max(0, k.weight), 0);
    best = Math.max(best, c.weight - under);
  }
  return best;
}

/** Weight of heading hits that start after the heading's first clause. */
const LATER_CLAUSE = 0.8;
const CLAUSE_END = /[，,；;。：:]/u;

/**
 * A heading's clauses as [start, end, isFrame] (end at the clause mark; a clause of fewer than four characters runs
 * on into the next). A frame clause only names the field the problem lies in (在组织建设方面, 在…过程中): the
 * shortcoming comes after it, so it never leads.
 */
function headingClauses(text: string): [number, number, boolean][] {
  const out: [number, number, boolean][] = [];
  let start = 0;
  let from = 0;
  for (;;) {
    const m = CLAUSE_END.exec(text.slice(from));
    const end = m ? from + m.index : text.length;
    if (!m || end - start >= 4) {
      out.push([start, end, LEXICON.headingClauses.frame.test(text.slice(start, end))]);
      if (!m) return out;
      start = end + 1;
    }
    from = end + 1;
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
