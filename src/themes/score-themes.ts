/*
 * Scores a statement against codebook themes: weighted keywords and patterns, heading matches at full
 * weight, matches only in the item body at the codebook's body weight (capped). Keywords inside a longer
 * matched keyword do not count twice. Pure and deterministic.
 */
import type { Codebook, CodebookTheme } from "./codebook.ts";

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
}

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

/** Score every theme of `kind`, best first (ties: heading score, then codebook order). */
export function scoreThemes(text: ScoringText, codebook: Codebook, kind: "problem" | "measure"): ThemeScore[] {
  const { bodyWeight, bodyCap } = codebook.settings;
  const scores: ThemeScore[] = [];
  codebook.themes.forEach((theme) => {
    if (theme.kind !== kind) return;
    const head = matchTheme(text.heading, theme);
    const body = matchTheme(text.rest, theme);
    const headKeys = new Set(head.hits.map((h) => h.key));
    const bodyOnly = body.hits.filter((h) => !headKeys.has(h.key));
    const bodyRaw = bodyOnly.reduce((s, h) => s + h.weight, 0) * bodyWeight;
    const bodyScore = Math.min(bodyCap, bodyRaw);
    scores.push({
      theme,
      score: round(head.score + bodyScore),
      headingScore: round(head.score),
      headingHits: head.hits.map((h) => h.label),
      bodyHits: bodyOnly.map((h) => h.label),
      specificity: head.hits.reduce((n, h) => n + (h.key.startsWith("k:") && h.weight > 0 ? Array.from(h.label).length : 0), 0),
    });
  });
  const order = new Map(codebook.themes.map((t, i) => [t.id, i]));
  return scores.sort(
    (a, b) => b.score - a.score || b.headingScore - a.headingScore || order.get(a.theme.id)! - order.get(b.theme.id)!,
  );
}

/** Scores within this share of the best one count as a near tie, settled by specificity. */
const NEAR_TIE = 0.9;

/**
 * The theme a statement takes: among the themes at or above `threshold` that score within a near tie of
 * the best, the one whose heading names it most specifically (most keyword characters: 流动党员 + 管理
 * beats a bare 管理), then the higher score. Undefined when no theme reaches the threshold.
 */
export function pickTheme(ranked: ThemeScore[], threshold: number): ThemeScore | undefined {
  const best = ranked[0];
  if (!best || best.score < threshold) return undefined;
  let pick = best;
  for (const r of ranked.slice(1)) {
    if (r.score < threshold || r.score < NEAR_TIE * best.score) break;
    if (r.specificity > pick.specificity) pick = r;
  }
  return pick;
}

interface Hit {
  key: string;
  label: string;
  weight: number;
}

/** Keyword and pattern hits of one theme in one text. */
function matchTheme(text: string, theme: CodebookTheme): { score: number; hits: Hit[] } {
  const hits: Hit[] = [];
  if (text === "") return { score: 0, hits };
  for (const [term, weight] of countedKeywords(text, theme.keywords)) {
    // Zero-weight keywords only block shorter ones inside them (纳入党 hides 入党).
    if (weight !== 0) hits.push({ key: `k:${term}`, label: term, weight });
  }
  for (const p of theme.patterns) {
    // The label is the matched text (readable), the key the pattern (so heading and body hits dedupe).
    const m = p.re.exec(text);
    if (m) hits.push({ key: `p:${p.source}`, label: `«${m[0]}»`, weight: p.weight });
  }
  return { score: hits.reduce((s, h) => s + h.weight, 0), hits };
}

/**
 * Keywords present in `text` (the theme's keywords are sorted longest first); a keyword whose every
 * occurrence lies inside an occurrence of a longer counted keyword is not counted again (组织生活会 ⊃ 组织生活).
 */
function countedKeywords(text: string, keywords: [string, number][]): [string, number][] {
  const covered: [number, number][] = [];
  const out: [string, number][] = [];
  for (const entry of keywords) {
    const term = entry[0];
    let at = text.indexOf(term);
    if (at < 0) continue;
    let free = false;
    const spans: [number, number][] = [];
    for (; at >= 0; at = text.indexOf(term, at + 1)) {
      const span: [number, number] = [at, at + term.length];
      spans.push(span);
      if (!covered.some(([s, e]) => s <= span[0] && span[1] <= e)) free = true;
    }
    if (!free) continue;
    out.push(entry);
    covered.push(...spans);
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
