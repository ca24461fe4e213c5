/*
 * Similarity clustering for statements no codebook theme covers, on word features: jieba words, each word of
 * a synonym set read as the set's concept id (so 老化 / 年龄偏大 / 后继乏人 count as one feature), the genre's
 * stock words left out, TF-IDF over all statements of the kind (heading, plus the start of the body at a low
 * weight). Statements are visited in a canonical order (their text, then id), so the same set of statements in
 * any input order gives the same clusters; each joins the most similar cluster centroid at or above the
 * threshold, found through an inverted index from features to clusters (near-linear, not all pairs). A
 * cluster's id is keyed by its signature (the heading features most of its members share, sorted), not by
 * which statement came first nor by what else the run holds.
 */
import { createHash } from "node:crypto";

import type { ScoredStatement } from "../types.ts";
import { LEXICON, featureLabel, statementFeatures } from "./lexicon.ts";
import { cosine, documentFrequencyIdf, normalise, sharedFeatures, tfidfVector } from "./text-features.ts";
import type { SparseVector } from "./text-features.ts";

/** A discovered group of statements. */
export interface StatementCluster {
  id: string;
  label: string;
  medoid: ScoredStatement;
  members: ScoredStatement[];
  /** The heaviest features of the cluster, as readers see them (≈concept or word). */
  signature: string[];
  /** Member id → cosine to the medoid. */
  similarity: Map<string, number>;
  /** Member id → the features it shares with the medoid (readable). */
  shared: Map<string, string[]>;
}

const BODY_WEIGHT = 0.25;
/** Only the start of an item body is read: it says what the item is about; the rest elaborates. */
const BODY_CHARS = 300;
/** Features kept per statement vector and per centroid (the heaviest), so comparisons stay cheap. */
const VECTOR_SIZE = 64;
const CENTROID_SIZE = 128;
/** Features in more than this share of the statements (given at least ten) say nothing about the topic. */
const MAX_DF_SHARE = 0.2;
/** Features naming a cluster (its id is a hash of them). */
const SIGNATURE_SIZE = 3;
const LABEL_MAX = 24;

/** The word features clustering reads of a statement: of its heading, and of the start of the rest of its item. */
export interface ClusterFeatures {
  head: Map<string, number>;
  body: Map<string, number>;
}

/** Which features a statement has (ClusterFeatures' keys, heading and body together, each once). */
export interface FeatureKeys {
  keys: string[];
}

/**
 * A statement's word features (jieba words and synonym sets, of the heading and of the first BODY_CHARS of the rest
 * of its item): they depend on the statement and its body only, so they can be computed with its document
 * (isolate/report-prep.ts) and handed to clusterStatements.
 */
export function clusterFeatures(s: ScoredStatement, bodies: ReadonlyMap<string, string>): ClusterFeatures {
  return statementFeatures(s.normText, bodyRest(s, bodies).slice(0, BODY_CHARS));
}

/** Canonical order: normalised text, then id (never input order). */
export function canonicalOrder(a: ScoredStatement, b: ScoredStatement): number {
  return a.normText < b.normText ? -1 : a.normText > b.normText ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Cluster `uncovered` statements (one kind) using IDF from `background` (all statements of that kind).
 * The result depends only on the sets of statements, not on their order.
 */
export function clusterStatements(
  uncovered: ScoredStatement[],
  background: ScoredStatement[],
  bodies: Map<string, string>,
  threshold: number,
  featuresOf?: (s: ScoredStatement) => ClusterFeatures | FeatureKeys | undefined,
): StatementCluster[] {
  if (uncovered.length === 0) return [];
  // The uncovered statements' features in full; of the others, only which features they have (for the IDF).
  const features = new Map<string, ClusterFeatures>();
  for (const s of uncovered) {
    if (features.has(s.id)) continue;
    const given = featuresOf?.(s);
    features.set(s.id, given && !("keys" in given) ? given : clusterFeatures(s, bodies));
  }
  // Which features each statement has (once per statement), read as they are counted: only the counts are kept.
  const counted = new Set<string>();
  const present = function* (): Generator<Iterable<string>> {
    for (const list of [background, uncovered]) {
      for (const s of list) {
        if (counted.has(s.id)) continue;
        counted.add(s.id);
        const own = features.get(s.id) ?? featuresOf?.(s) ?? clusterFeatures(s, bodies);
        yield "keys" in own ? own.keys : featureKeys(own).keys;
      }
    }
  };
  // Features of a single statement cannot make two statements similar; very common ones say nothing.
  const idf = documentFrequencyIdf(present(), 2, MAX_DF_SHARE);
  counted.clear();
  // A polarity set (不足、淡化 …) says only that a shortcoming is stated, not what about: alone it made two
  // statements on unrelated topics identical (cosine 1), so it takes no part in similarity, as in signatureOf.
  for (const concept of LEXICON.polarityConcepts) idf.weights.delete(`c:${concept}`);
  // Nearly every measure says how it acts (健全…机制, …工程, …模式): those frame words alone made 强基工程 and
  // 扩面工程 one cluster (cosine 1), so among measures only what a measure acts on counts.
  const kind = uncovered[0]!.kind;
  if (kind === "measure") for (const f of LEXICON.measureFrame) idf.weights.delete(f);
  const sorted = [...uncovered].sort(canonicalOrder);
  const vectors = new Map<string, SparseVector>();
  // Once its vector is made, only which features a statement's heading has is read (signatureOf).
  const heads = new Map<string, readonly string[]>();
  for (const s of sorted) {
    const f = features.get(s.id);
    // (A statement listed twice has its vector already.)
    if (f === undefined) continue;
    vectors.set(s.id, topFeatures(tfidfVector([[f.head, 1], [f.body, BODY_WEIGHT]], idf, true), VECTOR_SIZE));
    heads.set(s.id, [...f.head.keys()]);
    features.delete(s.id);
  }

  type Group = { members: ScoredStatement[]; sum: SparseVector; centroid: SparseVector };
  const groups: Group[] = [];
  const postings = new Map<string, number[]>();
  const byText = new Map<string, number>();
  const index = (g: number) => {
    for (const k of groups[g]!.centroid.keys()) {
      const list = postings.get(k) ?? [];
      if (list[list.length - 1] !== g) list.push(g);
      postings.set(k, list);
    }
  };
  for (const s of sorted) {
    const v = vectors.get(s.id)!;
    let best = -1;
    let bestSim = threshold;
    if (v.size === 0) {
      // A statement with no usable features can still join a cluster that holds the same text.
      best = byText.get(s.normText) ?? -1;
    } else {
      // Only clusters that share a feature outside v's lightest features can reach the threshold: a cluster
      // sharing only features of a set P has cosine ≤ |v restricted to P| (its centroid is a unit vector), so
      // the lightest features whose norm stays below the threshold need not be looked up (exact, not a heuristic).
      const candidates = new Set<number>();
      for (const k of probeFeatures(v, threshold)) for (const g of postings.get(k) ?? []) candidates.add(g);
      for (const g of [...candidates].sort((a, b) => a - b)) {
        const sim = cosine(v, groups[g]!.centroid);
        if (sim >= bestSim && (best < 0 || sim > bestSim)) [best, bestSim] = [g, sim];
      }
    }
    if (best < 0) {
      groups.push({ members: [s], sum: new Map(v), centroid: v });
      byText.set(s.normText, groups.length - 1);
      index(groups.length - 1);
      continue;
    }
    const g = groups[best]!;
    g.members.push(s);
    for (const [k, w] of v) g.sum.set(k, (g.sum.get(k) ?? 0) + w);
    g.centroid = topFeatures(normalise(g.sum), CENTROID_SIZE);
    index(best);
  }
  const clusters = groups.map((g) => toCluster(g.members, g.centroid, vectors, heads));
  // Two clusters with the same signature (rare) keep distinct ids, numbered in canonical order.
  const seen = new Map<string, number>();
  for (const c of clusters) {
    const n = (seen.get(c.id) ?? 0) + 1;
    seen.set(c.id, n);
    if (n > 1) c.id = `${c.id}-${n}`;
  }
  return clusters;
}

function toCluster(
  members: ScoredStatement[],
  centroid: SparseVector,
  vectors: Map<string, SparseVector>,
  heads: ReadonlyMap<string, readonly string[]>,
): StatementCluster {
  // Medoid: the member closest to the cluster centroid (ties: first in canonical order); linear in the members.
  let medoid = members[0]!;
  let best = -1;
  for (const m of members) {
    const sim = cosine(vectors.get(m.id)!, centroid);
    if (sim > best + 1e-12) [medoid, best] = [m, sim];
  }
  const mv = vectors.get(medoid.id)!;
  const similarity = new Map(members.map((m) => [m.id, cosine(vectors.get(m.id)!, mv)]));
  const shared = new Map(members.map((m) => [m.id, sharedFeatures(vectors.get(m.id)!, mv, 3).map((f) => featureLabel(f))]));
  const top = signatureOf(members, heads);
  const key = top.length > 0 ? top.join("+") : `text:${medoid.normText}`;
  const hash = createHash("sha256").update(`${medoid.kind}\u241f${key}`).digest("hex").slice(0, 12);
  return {
    id: `cl:${hash}`,
    label: shortLabel(medoid.normText),
    medoid,
    members,
    signature: top.map((f) => featureLabel(f)),
    similarity,
    shared,
  };
}

/**
 * The features that name a cluster, from its members' headings alone (no IDF, so other statements of the run do
 * not change it): those more than half the members share, most shared first, synonym sets before words, then by
 * name; polarity sets (不足、淡化 …) say nothing about the topic and are left out.
 */
function signatureOf(members: ScoredStatement[], heads: ReadonlyMap<string, readonly string[]>): string[] {
  const share = new Map<string, number>();
  for (const m of members) {
    for (const k of heads.get(m.id)!) {
      if (k.startsWith("c:") && LEXICON.polarityConcepts.has(k.slice(2))) continue;
      if (m.kind === "measure" && LEXICON.measureFrame.has(k)) continue;
      share.set(k, (share.get(k) ?? 0) + 1);
    }
  }
  return [...share]
    .filter(([, n]) => members.length === 1 || 2 * n > members.length)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, SIGNATURE_SIZE)
    .map(([k]) => k)
    .sort();
}

/** The item body without its heading (the heading is read separately). */
function bodyRest(s: ScoredStatement, bodies: ReadonlyMap<string, string>): string {
  const body = bodies.get(s.id) ?? "";
  const at = body.indexOf(s.normText);
  return at >= 0 ? body.slice(0, at) + body.slice(at + s.normText.length) : body;
}

/** A short label from a statement: its first clause, cut to LABEL_MAX characters. */
export function shortLabel(text: string): string {
  const trimmed = text.trim().replace(/[。.;；,，:：!！?？]+$/u, "");
  const clauses = trimmed.split(/[,，;；。:：]/u).filter((c) => c.trim() !== "");
  let label = clauses[0]?.trim() ?? trimmed;
  if (Array.from(label).length < 4 && clauses.length > 1) label = `${label},${clauses[1]!.trim()}`;
  const chars = Array.from(label);
  return chars.length > LABEL_MAX ? `${chars.slice(0, LABEL_MAX).join("")}…` : label;
}

/** The `n` heaviest features, re-normalised (ties broken by feature, so the result is deterministic). */
function topFeatures(vec: SparseVector, n: number): SparseVector {
  if (vec.size <= n) return vec;
  const kept = [...vec].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n);
  return normalise(new Map(kept));
}

/** The features of unit vector `v` to look up: all but the lightest whose norm stays below `threshold`. */
function probeFeatures(v: SparseVector, threshold: number): string[] {
  const byWeight = [...v].sort((a, b) => Math.abs(a[1]) - Math.abs(b[1]));
  let sum = 0;
  let skip = 0;
  for (const [, w] of byWeight) {
    if (Math.sqrt(sum + w * w) >= threshold - 1e-9) break;
    sum += w * w;
    skip++;
  }
  return byWeight.slice(skip).map(([k]) => k);
}

/** The features a statement has, in its heading or its body: all the IDF reads of it. */
export function featureKeys(f: ClusterFeatures): FeatureKeys {
  const keys = [...f.head.keys()];
  for (const k of f.body.keys()) if (!f.head.has(k)) keys.push(k);
  return { keys };
}
