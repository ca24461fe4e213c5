/*
 * Groups problem statements, and measure statements, that say the same thing across reports into
 * canonical themes: the best codebook theme above the codebook threshold, else a similarity cluster
 * of the uncovered statements (word features, synonym sets). Every assignment carries a score and a
 * human-readable reason. The same set of statements in any order gives the same themes and ids.
 */
import type { ScoredStatement, Theme } from "../types.ts";
import { endsDescribing, isBareVerb, LEXICON, segment } from "./lexicon.ts";
import { type Codebook, pickThreshold } from "./codebook.ts";
import { canonicalOrder, type ClusterFeatures, clusterStatements, type FeatureKeys } from "./cluster.ts";
import { otherThemes, pickTheme, scoreThemes, scoreThemesAndBody, scoringText } from "./score-themes.ts";
import type { RankedTheme, ThemeScore } from "./score-themes.ts";
import { HeapBound } from "../util/gc.ts";

/** What assignThemes returns. */
export interface ThemeAssignmentResult {
  themes: Theme[];
  /** Statement id → theme id. */
  themeOf: Map<string, string>;
  /** Statement id → why it is in its theme. */
  explanations: Map<string, string>;
  /**
   * Statement id → how strongly it belongs: the codebook score for a codebook theme (≥ the threshold), the word
   * similarity (0–1) to the cluster's medoid for a cluster (1 for the medoid itself).
   */
  scores: Map<string, number>;
  /**
   * Statement id → further codebook themes its heading names besides its own (a bundled statement: 党员老化、
   * 组织生活不经常), with their scores; only themes that are in `themes`. Statements that name one theme are absent.
   * assignThemes always sets it (optional so hand-built results stay valid). The theme's own statementIds and
   * reportIds stay primary-only; a consumer that counts a bundled statement for both themes reads this map.
   */
  otherThemes?: Map<string, { themeId: string; score: number }[]>;
  /**
   * Statement id → the codebook themes of its own kind that scored at or above the threshold, best first (the
   * head of `scoreThemes`' ranking; empty lists are left out), each theme with its score only (what the links
   * stage reads instead of scoring the same text again; lists with the same themes and scores are one shared,
   * frozen list: held for every statement of a large corpus, the whole scores were a third of the live heap).
   */
  ranked?: Map<string, readonly RankedTheme[]>;
  /**
   * Statement id → for a measure with an item body, the codebook themes its body alone names at or above the
   * threshold, read evenly as a heading of its own, best first (empty lists left out), as `ranked` holds them.
   * Read by the links stage.
   */
  bodyRanked?: Map<string, readonly RankedTheme[]>;
}

/**
 * How the codebook scores one problem or measure statement: all that assignThemes and the links stage read of it.
 * It depends on the statement, its item body and the codebook only (not on the other statements), so it can be
 * computed with the statement's document (isolate/report-prep.ts).
 */
export interface StatementRanking {
  /**
   * scoreThemes' ranking of the statement's kind, best first, cut to what is read (trimRanking): every theme at or
   * above the threshold, and at least the best two (the nearest theme, the runner-up named in explanations).
   */
  ranked: ThemeScore[];
  /** For a measure with an item body: the themes its body alone names at or above the threshold, best first; else empty. */
  body: ThemeScore[];
}

/** What a caller already computed of some statements (by id), so that assignThemes does not compute it again. */
export interface PreparedStatement {
  ranking?: StatementRanking | undefined;
  /** Clustering features: in full, or (enough for a statement that takes a codebook theme) only which it has. */
  features?: ClusterFeatures | FeatureKeys | undefined;
}

/**
 * Score a problem or measure statement against the codebook themes of its kind, as assignThemes does.
 * @example const { ranked } = rankStatement(statement, body, loadCodebook());
 */
export function rankStatement(s: ScoredStatement, body: string | undefined, codebook: Codebook): StatementRanking {
  const kind = s.kind === "measure" ? "measure" : "problem";
  const text = scoringText(s.normText, body);
  // Only the head of each ranking is read (trimRanking, headAbove): the rankings stop past it (RankingCut).
  const threshold = pickThreshold(codebook.settings, kind);
  const cut = { threshold, min: 2 };
  if (kind === "measure" && text.rest.trim() !== "") {
    const both = scoreThemesAndBody(text, codebook, kind, { ranked: cut, body: { threshold: codebook.settings.threshold, min: 1 } });
    return { ranked: trimRanking(both.ranked, threshold), body: headAbove(both.body, codebook.settings.threshold) };
  }
  return { ranked: trimRanking(scoreThemes(text, codebook, kind, true, cut), threshold), body: [] };
}

/** The part of a ranking assignThemes reads: the themes at or above the threshold (for a measure, its own), and at least the best two. */
export function trimRanking(ranked: ThemeScore[], threshold: number): ThemeScore[] {
  return ranked.slice(0, Math.max(2, headAbove(ranked, threshold).length));
}

const KINDS = ["problem", "measure"] as const;
/** A further theme of a bundled heading must clear the threshold by this much (a second problem is named, not hinted). */
const OTHER_MARGIN = 0.5;

/**
 * Assign every problem and measure statement a theme (causes are left out).
 * @example const { themes, themeOf } = assignThemes(statements, bodies, loadCodebook());
 */
export function assignThemes(
  statements: ScoredStatement[],
  bodies: Map<string, string>,
  codebook: Codebook,
  prepared?: ReadonlyMap<string, PreparedStatement>,
): ThemeAssignmentResult {
  const themeOf = new Map<string, string>();
  const explanations = new Map<string, string>();
  const scores = new Map<string, number>();
  const others = new Map<string, { themeId: string; score: number; why: string }[]>();
  const aboveThreshold = new Map<string, readonly RankedTheme[]>();
  const bodyAbove = new Map<string, readonly RankedTheme[]>();
  const slim = rankedLists();
  // One copy of each explanation and theme id: statements that score alike are explained alike (of the 34,291
  // theme reasons kg extract --json writes for the 10 MB bench corpus, 568 differ), and all are kept to the end.
  const texts = new Map<string, string>();
  const shared = (text: string): string => {
    const known = texts.get(text);
    if (known !== undefined) return known;
    texts.set(text, text);
    return text;
  };
  const explain = (id: string, text: string) => explanations.set(id, shared(text));
  // The codebook themes some statement takes.
  const members = new Set<string>();
  // The clusters found, made themes once every statement has its theme (their statements then in input order).
  const clusters: { id: string; kind: "problem" | "measure"; label: string; family: string | undefined }[] = [];
  // Each statement's ranking is garbage once read: collected as the heap grows (V8 let the heap grow to about
  // twice what was alive here: at 100 MB of reports, the peak of the cross-report stages).
  const bound = new HeapBound(256);
  for (const kind of KINDS) {
    const ofKind = statements.filter((s) => s.kind === kind).sort(canonicalOrder);
    const uncovered: ScoredStatement[] = [];
    // Of a statement no codebook theme takes (a cluster's medoid is one), the family of the theme it comes closest to.
    const nearest = new Map<string, string | undefined>();
    for (const s of ofKind) {
      bound.check();
      const { ranked, body } = prepared?.get(s.id)?.ranking ?? rankStatement(s, bodies.get(s.id), codebook);
      if (body.length > 0) bodyAbove.set(s.id, slim(body));
      const above = headAbove(ranked, codebook.settings.threshold);
      if (above.length > 0) aboveThreshold.set(s.id, slim(above));
      const candidate = pickTheme(ranked, pickThreshold(codebook.settings, kind));
      const pick = statementTheme(ranked, codebook, kind, s.normText);
      if (pick) {
        const id = `cb:${pick.theme.id}`;
        themeOf.set(s.id, shared(id));
        scores.set(s.id, pick.score);
        // Only problem headings bundle: a measure's later clause usually names its purpose, not a second measure.
        const also = kind === "problem" ? otherThemes(s.normText, ranked, pick, codebook.settings.threshold + OTHER_MARGIN) : [];
        if (also.length > 0) {
          others.set(s.id, also.map((r) => ({ themeId: `cb:${r.theme.id}`, score: r.score, why: `"${r.theme.label}" ${r.headingScore} (${r.headingHits.join(", ")})` })));
        }
        const why = explainCodebook(pick, ranked.find((r) => r !== pick), pickThreshold(codebook.settings, kind), pick !== ranked[0] && pick === candidate);
        const instead = candidate && candidate !== pick
          ? validPick(candidate, codebook, kind)
            ? `; its heading names "${candidate.theme.label}" (${candidate.headingHits.join(", ")}) only before a 的, this after it`
            : `; "${candidate.theme.label}" only a verb named (${candidate.headingHits.join(", ")})`
          : "";
        explain(s.id, `${why}${instead}`);
        members.add(id);
      } else {
        uncovered.push(s);
        if (ranked[0] && ranked[0].score > 0) nearest.set(s.id, ranked[0].theme.family);
        explain(s.id, candidate
          ? `only a verb named "${candidate.theme.label}" (${candidate.headingHits.join(", ")}; ${candidate.score} < ${codebook.settings.threshold}, what a verb alone needs)`
          : explainUncovered(ranked[0], pickThreshold(codebook.settings, kind)));
      }
    }
    const featuresOf = prepared ? (s: ScoredStatement) => prepared.get(s.id)?.features : undefined;
    for (const c of clusterStatements(uncovered, ofKind, bodies, codebook.settings.clusterThreshold, featuresOf)) {
      for (const m of c.members) {
        themeOf.set(m.id, c.id);
        const sim = m === c.medoid ? 1 : c.similarity.get(m.id) ?? 0;
        scores.set(m.id, Math.round(sim * 1000) / 1000);
        const about = c.signature.length > 0 ? ` about ${c.signature.join(", ")}` : "";
        const how = m === c.medoid
          ? c.members.length > 1 ? `medoid of ${c.members.length} similar statements${about}` : `a theme of its own${about}`
          : `word similarity ${sim.toFixed(2)} to "${c.label}" (shared: ${c.shared.get(m.id)!.join(", ") || "cluster words"})`;
        explain(m.id, `${explanations.get(m.id)}; cluster: ${how}`);
      }
      // A cluster sits in the family of the codebook theme its medoid comes closest to, if any.
      const family = nearest.get(c.medoid.id);
      clusters.push({ id: c.id, kind, label: c.label, family });
    }
  }
  // Each theme's statements in input order (one pass over them; a table of every statement's place is not needed).
  const inOrder = new Map<string, ScoredStatement[]>();
  for (const s of statements) {
    const theme = themeOf.get(s.id);
    if (theme !== undefined) push(inOrder, theme, s);
  }
  const codebookThemes = codebook.themes
    .filter((t) => members.has(`cb:${t.id}`))
    .map((t) => toTheme(`cb:${t.id}`, t.kind, t.label, `codebook:${t.id}`, inOrder.get(`cb:${t.id}`)!, t.family, codebook.families));
  const clusterThemes = clusters.map((c) => toTheme(c.id, c.kind, c.label, "cluster", inOrder.get(c.id)!, c.family, codebook.families));
  // A further theme counts only where the run has that theme (a statement's own theme somewhere).
  const otherThemesOf = new Map<string, { themeId: string; score: number }[]>();
  for (const [id, list] of others) {
    const kept = list.filter((o) => members.has(o.themeId));
    if (kept.length === 0) continue;
    otherThemesOf.set(id, kept.map(({ themeId, score }) => ({ themeId, score })));
    explain(id, `${explanations.get(id)}; also names ${kept.map((o) => o.why).join(", ")}`);
  }
  return { themes: [...codebookThemes, ...clusterThemes], themeOf, explanations, scores, otherThemes: otherThemesOf, ranked: aboveThreshold, bodyRanked: bodyAbove };
}

/**
 * Rankings cut to their themes and scores, one shared frozen list per distinct list (scores are rounded to
 * thousandths and most lists hold one or two themes, so a corpus has few distinct lists).
 */
function rankedLists(): (list: readonly ThemeScore[]) => readonly RankedTheme[] {
  const lists = new Map<string, readonly RankedTheme[]>();
  const place = new Map<unknown, number>();
  return (list) => {
    let key = "";
    for (const r of list) {
      let i = place.get(r.theme);
      if (i === undefined) place.set(r.theme, (i = place.size));
      key += `${i}:${r.score};`;
    }
    let out = lists.get(key);
    if (!out) lists.set(key, (out = Object.freeze(list.map((r) => Object.freeze({ theme: r.theme, score: r.score })))));
    return out;
  };
}

/**
 * The codebook theme a statement of `kind` takes from its ranking (best first), if any: pickTheme at the kind's
 * threshold (pickThreshold: a measure's may be lower, as its object decides); a pick below the codebook's
 * `threshold` stands only when its heading alone reaches the kind's threshold and names more than a verb: a keyword that is not a bare verb
 * (isBareVerb), a synonym-set word or a pattern (推广…模式 and 统筹…力量 say how a measure acts, not on what).
 * @example const pick = statementTheme(rankStatement(s, body, codebook).ranked, codebook, "measure");
 */
export function statementTheme(ranked: ThemeScore[], codebook: Codebook, kind: "problem" | "measure", heading?: string): ThemeScore | undefined {
  const threshold = pickThreshold(codebook.settings, kind);
  const valid = (r: ThemeScore) => validPick(r, codebook, kind);
  let pick = pickTheme(ranked, threshold);
  if (pick && !valid(pick)) {
    // A pick that a bare verb alone names gives way to a theme of a near-tie score whose heading names an object
    // (提高制度的执行力: 执行 is a verb, 制度 what the measure acts on).
    const p = pick;
    pick = ranked.find((r) => r !== p && r.score >= threshold && r.score >= NEAR_TIE_SHARE * p.score && named(r, threshold));
  }
  if (!pick || kind !== "measure" || heading === undefined) return pick;
  return headNoun(pick, ranked, heading, threshold, valid) ?? pick;
}

/**
 * In a measure heading "A的B", B is what the measure acts on and A whose or which it is (加强对党员培训工作的考核 is
 * about assessment, not training): a pick named only before a 的 gives way to a theme of a close score named after it.
 */
function headNoun(pick: ThemeScore, ranked: ThemeScore[], heading: string, threshold: number, valid: (r: ThemeScore) => boolean): ThemeScore | undefined {
  if (pick.headingSpans.length === 0) return undefined;
  const pickEnd = pick.headingSpans.reduce((end, [, e]) => Math.max(end, e), 0);
  const de = heading.indexOf("的", pickEnd);
  if (de < 0) return undefined;
  // The noun phrase ends at the clause: a theme named in a later clause is another measure, not B.
  const clauseEnd = heading.slice(de).search(CLAUSE_BREAK);
  const end = clauseEnd < 0 ? heading.length : de + clauseEnd;
  if (heading.slice(pickEnd, de).search(CLAUSE_BREAK) >= 0) return undefined;
  // A B that only says how (…的长效机制, …的工作模式: measure frame and stock words) leaves the measure to A, and so
  // does an A that describes B rather than owns it (形式多样的主题党日: an adjective or idiom before the 的).
  if (segment(heading.slice(de + 1, end)).every(isFrameWord) || endsDescribing(heading.slice(0, de))) return undefined;
  return ranked.find(
    (r) => r !== pick && r.score >= threshold && r.score >= HEAD_NOUN_SHARE * pick.score && r.headingSpans.some(([s, e]) => s > de && e <= end) && valid(r),
  );
}

const CLAUSE_BREAK = /[，,；;。：:、]/u;

/** A word that says how a measure acts, not on what: a measure frame word or set, a stock word, punctuation. */
function isFrameWord(word: string): boolean {
  return (
    LEXICON.stock.has(word) ||
    LEXICON.measureFrame.has(`w:${word}`) ||
    (LEXICON.conceptsOf.get(word) ?? []).some((c) => LEXICON.measureFrame.has(`c:${c}`)) ||
    /^[\p{P}\p{S}\s]*$/u.test(word)
  );
}

/** Whether a statement may take theme score `r`: at the codebook threshold, or below it named by its heading (not by a bare verb alone). */
function validPick(r: ThemeScore, codebook: Codebook, kind: "problem" | "measure"): boolean {
  return r.score >= codebook.settings.threshold || named(r, pickThreshold(codebook.settings, kind));
}

/** Whether a theme's heading alone reaches the kind's threshold and names more than a bare verb. */
function named(r: ThemeScore, threshold: number): boolean {
  return r.headingScore >= threshold && r.headingHits.some(namesObject);
}

/** How close to the pick a theme named after a 的 must score to take a measure (see headNoun). */
const HEAD_NOUN_SHARE = 0.75;

/** A theme within this share of a bare verb's pick may take the statement instead (pickTheme's near tie). */
const NEAR_TIE_SHARE = 0.9;

/**
 * Whether a heading hit (a keyword, `word≈set` for a synonym-set word, «text» for a pattern) names what a measure
 * acts on: a pattern or a synonym-set word does; a keyword does unless it is a bare verb (isBareVerb: 推广, 统筹).
 */
function namesObject(hit: string): boolean {
  return hit.startsWith("«") || hit.includes("≈") || !isBareVerb(hit);
}

/** The head of a ranking (best first) down to the last score at or above `threshold`. */
export function headAbove(ranked: ThemeScore[], threshold: number): ThemeScore[] {
  let n = 0;
  while (n < ranked.length && ranked[n]!.score >= threshold) n++;
  return ranked.slice(0, n);
}

/** A Theme of statements given in input order (membership and id do not depend on it). */
function toTheme(
  id: string,
  kind: "problem" | "measure",
  label: string,
  source: string,
  ordered: ScoredStatement[],
  family: string | undefined,
  familyLabels: ReadonlyMap<string, string>,
): Theme {
  const reportIds = [...new Set(ordered.map((s) => s.reportId))];
  const theme: Theme = { id, kind, label, source, statementIds: ordered.map((s) => s.id), reportIds };
  if (family !== undefined) {
    theme.family = family;
    const familyLabel = familyLabels.get(family);
    if (familyLabel) theme.familyLabel = familyLabel;
  }
  return theme;
}

function explainCodebook(best: ThemeScore, runnerUp: ThemeScore | undefined, threshold: number, bySpecificity: boolean): string {
  const parts = [`codebook "${best.theme.label}" score ${best.score} ≥ ${threshold}`];
  if (bySpecificity) parts.push(`near tie with "${runnerUp!.theme.label}" ${runnerUp!.score}, named more specifically`);
  if (best.headingHits.length > 0) parts.push(`heading: ${best.headingHits.join(", ")}`);
  if (best.bodyHits.length > 0) parts.push(`body: ${best.bodyHits.join(", ")}`);
  else if (runnerUp && runnerUp.score > 0) parts.push(`runner-up "${runnerUp.theme.label}" ${runnerUp.score}`);
  return parts.join("; ");
}

function explainUncovered(best: ThemeScore | undefined, threshold: number): string {
  return best && best.score > 0
    ? `no codebook theme reached ${threshold} (best "${best.theme.label}" ${best.score})`
    : "no codebook keyword matched";
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
