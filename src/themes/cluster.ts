/*
 * Similarity clustering for statements no codebook theme covers: character-bigram TF-IDF vectors
 * (heading, plus the body at a low weight), a deterministic single pass in id order that joins a
 * statement to the most similar cluster centroid above a threshold, and a medoid per cluster.
 */
import { createHash } from "node:crypto";

import type { Statement } from "../types.ts";
import { STOP_BIGRAMS, bigramCounts, cosine, inverseDocumentFrequency, normalise, tfidfVector } from "./text-features.ts";
import type { SparseVector } from "./text-features.ts";

/** A discovered group of statements. */
export interface StatementCluster {
  id: string;
  label: string;
  medoid: Statement;
  members: Statement[];
  /** Member id → cosine to the medoid. */
  similarity: Map<string, number>;
}

const BODY_WEIGHT = 0.25;
/** Features kept per statement vector and per centroid (the heaviest), so comparisons stay cheap. */
const VECTOR_SIZE = 128;
/** Only the start of an item body is read: it says what the item is about; the rest elaborates. */
const BODY_CHARS = 300;
const CENTROID_SIZE = 256;
const MAX_DF_SHARE = 0.2;
const LABEL_MAX = 24;

/**
 * Cluster `uncovered` statements (one kind) using IDF from `background` (all statements of that kind).
 * Members are visited in id order, so the result does not depend on input order.
 */
export function clusterStatements(
  uncovered: Statement[],
  background: Statement[],
  bodies: Map<string, string>,
  threshold: number,
): StatementCluster[] {
  const counts = new Map(
    background.concat(uncovered).map((s) => [
      s.id,
      { head: bigramCounts(s.normText, STOP_BIGRAMS, true), body: bigramCounts((bodies.get(s.id) ?? "").slice(0, BODY_CHARS), STOP_BIGRAMS, true) },
    ]),
  );
  // n-grams of a single statement cannot make two statements similar, and n-grams in over a fifth of
  // them (党员 …) say nothing about the topic: both are left out.
  const docs = background.map((s) => mergeCounts(counts.get(s.id)!.head, counts.get(s.id)!.body));
  const idf = inverseDocumentFrequency(docs, 2, MAX_DF_SHARE);
  const sorted = [...uncovered].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const vectors = new Map<string, SparseVector>();
  for (const s of sorted) {
    const c = counts.get(s.id)!;
    vectors.set(s.id, topFeatures(tfidfVector([[c.head, 1], [c.body, BODY_WEIGHT]], idf, true), VECTOR_SIZE));
  }
  const groups: { members: Statement[]; sum: SparseVector; centroid: SparseVector }[] = [];
  for (const s of sorted) {
    const v = vectors.get(s.id)!;
    let best = -1;
    let bestSim = threshold;
    groups.forEach((g, i) => {
      // A statement with no usable n-grams can still join a cluster that holds the same text.
      const sim = v.size === 0 ? (g.members.some((m) => m.normText === s.normText) ? 1 : 0) : cosine(v, g.centroid);
      if (sim >= bestSim && (best < 0 || sim > bestSim)) [best, bestSim] = [i, sim];
    });
    if (best < 0) {
      groups.push({ members: [s], sum: new Map(v), centroid: v });
      continue;
    }
    const g = groups[best]!;
    g.members.push(s);
    for (const [k, w] of v) g.sum.set(k, (g.sum.get(k) ?? 0) + w);
    g.centroid = topFeatures(normalise(g.sum), CENTROID_SIZE);
  }
  const clusters = groups.map((g) => toCluster(g.members, g.centroid, vectors));
  // Two clusters can only share a medoid text when its n-grams were all unusable: keep ids unique.
  const seen = new Map<string, number>();
  for (const c of clusters) {
    const n = (seen.get(c.id) ?? 0) + 1;
    seen.set(c.id, n);
    if (n > 1) c.id = `${c.id}-${n}`;
  }
  return clusters;
}

function toCluster(members: Statement[], centroid: SparseVector, vectors: Map<string, SparseVector>): StatementCluster {
  // Medoid: the member closest to the cluster centroid (ties: first in id order); linear in the members.
  let medoid = members[0]!;
  let best = -1;
  for (const m of members) {
    const sim = cosine(vectors.get(m.id)!, centroid);
    if (sim > best + 1e-12) [medoid, best] = [m, sim];
  }
  const similarity = new Map(members.map((m) => [m.id, cosine(vectors.get(m.id)!, vectors.get(medoid.id)!)]));
  const hash = createHash("sha256").update(`${medoid.kind}\u241f${medoid.normText}`).digest("hex").slice(0, 12);
  return { id: `cl:${hash}`, label: shortLabel(medoid.normText), medoid, members, similarity };
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

function mergeCounts(a: Map<string, number>, b: Map<string, number>): Map<string, number> {
  const out = new Map(a);
  for (const [k, v] of b) out.set(k, (out.get(k) ?? 0) + v);
  return out;
}
