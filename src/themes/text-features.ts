/*
 * Character-bigram features for comparing short Chinese statements: bigram counts over runs of
 * letters and digits (punctuation splits runs), stopword bigrams dropped, TF-IDF weighting and
 * cosine similarity. Shared by theme clustering and the links stage.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** A sparse vector: feature → weight. */
export type SparseVector = Map<string, number>;

/** Inverse document frequencies and their maximum (the weight of an unseen feature). */
export interface Idf {
  weights: Map<string, number>;
  max: number;
}

const RUN = /[\p{L}\p{N}]+/gu;

/** Bigrams of the shipped stopword list, plus its one-character words (loaded once; read-only). */
export const STOP_BIGRAMS: ReadonlySet<string> = loadStopBigrams();

function loadStopBigrams(): Set<string> {
  const path = fileURLToPath(new URL("./stopwords.json", import.meta.url));
  const words = (JSON.parse(readFileSync(path, "utf8")) as { words: string[] }).words;
  const out = new Set<string>();
  for (const w of words) {
    if (w.length === 1) out.add(w);
    for (let i = 0; i + 2 <= w.length; i++) out.add(w.slice(i, i + 2));
  }
  return out;
}

/**
 * Character bigram counts of `text`, skipping punctuation, spaces and stopword bigrams; with
 * `trigrams`, also the trigrams whose two bigrams both count (a shared multi-character term then
 * weighs more than a shared pair of characters).
 */
export function bigramCounts(text: string, stop: ReadonlySet<string> = STOP_BIGRAMS, trigrams = false): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  // The shipped list's one-character stopwords by table; another set is asked.
  const stopChar = stop === STOP_BIGRAMS ? STOP_CHARS : null;
  for (const run of text.toLowerCase().match(RUN) ?? []) {
    // Without surrogates every character is one code unit: the run is read as it is (no array of characters),
    // and the shipped list's one-character stopwords by table.
    const wide = SURROGATE.test(run);
    const chars: ArrayLike<string> = wide ? Array.from(run) : run;
    const byCode = stopChar !== null && !wide;
    let prevKept = false;
    for (let i = 0; i + 1 < chars.length; i++) {
      const bg = wide ? chars[i]! + chars[i + 1]! : run.slice(i, i + 2);
      // A bigram is dropped when it is a stopword bigram or touches a one-character stopword (的, 和 …).
      const touchesStop = byCode ? stopChar[run.charCodeAt(i)] === 1 || stopChar[run.charCodeAt(i + 1)] === 1 : stop.has(chars[i]!) || stop.has(chars[i + 1]!);
      const kept = !(stop.has(bg) || touchesStop);
      if (kept) add(bg);
      if (trigrams && kept && prevKept) add(chars[i - 1]! + bg);
      prevKept = kept;
    }
  }
  return counts;
}

const SURROGATE = /[\uD800-\uDFFF]/;
/** 1 at the code of every one-character word of STOP_BIGRAMS. */
const STOP_CHARS = new Uint8Array(0x10000);
for (const w of STOP_BIGRAMS) if (w.length === 1) STOP_CHARS[w.charCodeAt(0)] = 1;

/**
 * Inverse document frequencies, log(1 + N / df), over bigram-count documents. Features found in fewer
 * than `minDf` documents are left out (they cannot make two documents similar, only dilute them), and
 * so are features in more than `maxDfShare` of at least ten documents (too common to tell topics apart).
 */
export function inverseDocumentFrequency(docs: Iterable<Map<string, number>>, minDf = 1, maxDfShare = 1): Idf {
  return documentFrequencyIdf((function* () {
    for (const doc of docs) yield doc.keys();
  })(), minDf, maxDfShare);
}

/** inverseDocumentFrequency over documents given as the features each has (each feature once per document). */
export function documentFrequencyIdf(docs: Iterable<Iterable<string>>, minDf = 1, maxDfShare = 1): Idf {
  const df = new Map<string, number>();
  let n = 0;
  for (const doc of docs) {
    n++;
    for (const key of doc) df.set(key, (df.get(key) ?? 0) + 1);
  }
  const weights = new Map<string, number>();
  let max = 1;
  for (const [key, d] of df) {
    if (d < minDf || (n >= 10 && d > maxDfShare * n)) continue;
    const w = Math.log(1 + n / d);
    weights.set(key, w);
    max = Math.max(max, w);
  }
  return { weights, max };
}

/**
 * A unit-length TF-IDF vector from weighted parts (e.g. heading ×1, body ×0.3); tf is sub-linear.
 * Features missing from `idf` get the largest idf (unseen = rare), or are dropped with `dropUnknown`.
 */
export function tfidfVector(
  parts: [counts: Map<string, number>, weight: number][],
  idf: Idf,
  dropUnknown = false,
): SparseVector {
  const vec: SparseVector = new Map();
  for (const [counts, weight] of parts) {
    for (const [key, c] of counts) {
      const known = idf.weights.get(key);
      if (known === undefined && dropUnknown) continue;
      const w = weight * (1 + Math.log(c)) * (known ?? idf.max);
      vec.set(key, (vec.get(key) ?? 0) + w);
    }
  }
  // Scaled in place: the vector is this function's own.
  return normalise(vec, true);
}

/** Scale a vector to unit length (the zero vector stays zero), as a copy or, with `inPlace`, the vector itself. */
export function normalise(vec: SparseVector, inPlace = false): SparseVector {
  let sum = 0;
  for (const v of vec.values()) sum += v * v;
  const len = Math.sqrt(sum);
  if (len === 0) return vec;
  const out: SparseVector = inPlace ? vec : new Map();
  for (const [k, v] of vec) out.set(k, v / len);
  return out;
}

/** Cosine of two unit vectors (their dot product). */
export function cosine(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [k, v] of small) {
    const w = large.get(k);
    if (w !== undefined) dot += v * w;
  }
  return dot;
}

/** The features two vectors share, heaviest first (for explanations). */
export function sharedFeatures(a: SparseVector, b: SparseVector, limit = 5): string[] {
  const shared: [string, number][] = [];
  for (const [k, v] of a) {
    const w = b.get(k);
    if (w !== undefined) shared.push([k, v * w]);
  }
  shared.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  return shared.slice(0, limit).map(([k]) => k);
}
