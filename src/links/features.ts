/*
 * The evidence for linking two statements of one report: lexical overlap of their headings and whole
 * items (character-bigram TF-IDF over the report's statements, stopwords dropped) and the codebook
 * relation between their themes (a measure theme whose concern or `addresses` covers the problem theme).
 */
import type { Codebook, CodebookTheme } from "../themes/codebook.ts";
import { type RankedTheme, scoreThemes, scoringText } from "../themes/score-themes.ts";
import { bigramCounts, cosine, documentFrequencyIdf, sharedFeatures, tfidfVector } from "../themes/text-features.ts";
import type { SparseVector } from "../themes/text-features.ts";
import type { ScoredStatement } from "../types.ts";

/** Weight of the body (item text beyond the heading) in the whole-item vector. */
const BODY_WEIGHT = 0.5;
/** A runner-up codebook theme counts when it scores at least this share of the best one. */
const SECONDARY_SHARE = 0.6;
/** Weight of a runner-up theme relative to the assigned one. */
const SECONDARY_WEIGHT = 0.6;
/**
 * Weight of a theme a measure's body alone names (read at full weight), e.g. a body that says 推动党建与业务深度融合
 * under a heading about assessment. It only counts for a problem whose own theme is of the same concern.
 */
const BODY_THEME_WEIGHT = 0.5;

/**
 * What the themes stage scored (ThemeAssignmentResult's `ranked` and `bodyRanked`): the themes at or above the
 * threshold of each problem and measure, and of each measure's body. All that candidateThemes reads of a ranking.
 */
export interface ThemeScores {
  ranked: ReadonlyMap<string, readonly RankedTheme[]>;
  bodyRanked: ReadonlyMap<string, readonly RankedTheme[]>;
}

/** Vectors and codebook themes of one statement. */
export interface StatementFeatures {
  statement: ScoredStatement;
  head: SparseVector;
  full: SparseVector;
  /** Codebook themes with weights: the assigned one 1, runners-up and themes of the body alone less. */
  themes: CandidateTheme[];
  /** Letters and digits of the item body beyond the heading (0 for a bare clause of an inline list). */
  bodyChars: number;
}

/** A codebook theme a statement is about, how strongly, and why (assigned, runner-up or named in the body). */
export interface CandidateTheme {
  theme: CodebookTheme;
  weight: number;
  via: "assigned" | "runner-up" | "body";
}

const WORD_CHARS = /[\p{L}\p{N}]/gu;

/** Build features for the statements of one report. */
export function buildFeatures(
  statements: ScoredStatement[],
  bodies: Map<string, string>,
  themeOf: Map<string, string>,
  codebook: Codebook,
  scored?: ThemeScores,
): Map<string, StatementFeatures> {
  const parts = statements.map((s) => {
    const text = scoringText(s.normText, bodies.get(s.id));
    return { s, text, head: bigramCounts(text.heading), rest: bigramCounts(text.rest) };
  });
  // Each statement's features once, the body's first (as a Map of both would hold them), without a copy of either.
  const idf = documentFrequencyIdf(parts.map((p) => unionKeys(p.rest, p.head)));
  const out = new Map<string, StatementFeatures>();
  for (const p of parts) {
    out.set(p.s.id, {
      statement: p.s,
      head: tfidfVector([[p.head, 1]], idf),
      full: tfidfVector([[p.head, 1], [p.rest, BODY_WEIGHT]], idf),
      themes: candidateThemes(p.s, p.text, themeOf, codebook, scored),
      bodyChars: p.text.rest.match(WORD_CHARS)?.length ?? 0,
    });
  }
  return out;
}

/** The keys of `a`, then those of `b` not in `a`. */
function* unionKeys(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): Generator<string> {
  yield* a.keys();
  for (const k of b.keys()) if (!a.has(k)) yield k;
}

/**
 * The codebook themes a statement is about: its assigned theme, plus close runners-up. `ranked` holds what the
 * themes stage scored for problems and measures (the themes at or above the threshold, best first: all this reads).
 */
function candidateThemes(
  s: ScoredStatement,
  text: ReturnType<typeof scoringText>,
  themeOf: Map<string, string>,
  codebook: Codebook,
  scored: ThemeScores | undefined,
) {
  const out: CandidateTheme[] = [];
  const assigned = themeOf.get(s.id);
  const assignedTheme = assigned?.startsWith("cb:") ? codebook.byId.get(assigned.slice(3)) : undefined;
  if (assignedTheme) out.push({ theme: assignedTheme, weight: 1, via: "assigned" });
  // Causes are scored against problem themes: a cause is about the same concerns as a problem.
  const kind = s.kind === "measure" ? "measure" : "problem";
  const known = scored !== undefined && s.kind !== "cause";
  // Only the themes at or above the threshold are read (the loops below stop at the first one under it).
  const cut = { threshold: codebook.settings.threshold, min: 1 };
  const ranked = known ? (scored.ranked.get(s.id) ?? []) : scoreThemes(text, codebook, kind, true, cut);
  const best = ranked[0]?.score ?? 0;
  for (const r of ranked) {
    if (r.score < codebook.settings.threshold || r.score < SECONDARY_SHARE * best) break;
    if (r.theme === assignedTheme) continue;
    out.push({ theme: r.theme, weight: assignedTheme ? SECONDARY_WEIGHT : r.score / best, via: "runner-up" });
  }
  // The body of a measure often says what it is for beyond its heading: read it as a heading of its own.
  if (s.kind === "measure" && text.rest.trim() !== "") {
    for (const r of known ? (scored.bodyRanked.get(s.id) ?? []) : scoreThemes({ heading: text.rest, rest: "" }, codebook, kind, false, cut)) {
      if (r.score < codebook.settings.threshold) break;
      if (out.some((c) => c.theme === r.theme)) continue;
      out.push({ theme: r.theme, weight: BODY_THEME_WEIGHT, via: "body" });
    }
  }
  return out;
}

/** Lexical similarity of two statements and the bigrams behind it. */
export function lexicalSimilarity(a: StatementFeatures, b: StatementFeatures): { heads: number; full: number; shared: string[] } {
  const heads = cosine(a.head, b.head);
  const full = cosine(a.full, b.full);
  return { heads, full, shared: sharedFeatures(a.full, b.full, 4) };
}

/** How strongly the codebook says measure `m` answers problem `p`, with the theme pair behind it. */
export function codebookRelation(p: StatementFeatures, m: StatementFeatures): { strength: number; why: string } {
  let strength = 0;
  let why = "";
  for (const pt of p.themes) {
    for (const mt of m.themes) {
      // A theme named only in a measure's body answers the problem's own concern, nothing wider.
      const rel = mt.via === "body" && (pt.via !== "assigned" || pt.theme.concern !== mt.theme.concern) ? 0 : themeRelation(pt.theme, mt.theme);
      const s = rel * pt.weight * mt.weight;
      if (s > strength) {
        strength = s;
        why = `codebook: "${mt.theme.label}"${note(mt)} answers "${pt.theme.label}"${note(pt)}`;
      }
    }
  }
  return { strength, why };
}

/** How a theme other than the statement's own came in, for reasons (empty for the assigned theme). */
function note(c: CandidateTheme): string {
  return c.via === "assigned" ? "" : c.via === "runner-up" ? " (runner-up theme)" : " (named in the item body)";
}

/** 1 when the measure theme shares the problem theme's concern, 0.8 when it lists it in `addresses`. */
export function themeRelation(problemTheme: CodebookTheme, measureTheme: CodebookTheme): number {
  if (problemTheme.concern === measureTheme.concern) return 1;
  return measureTheme.addresses.includes(problemTheme.id) ? 0.8 : 0;
}
