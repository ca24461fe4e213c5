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
  const counts = (s: Statement) => ({
    head: bigramCounts(s.normText, STOP_BIGRAMS, true),
    body: bigramCounts(bodies.get(s.id) ?? "", STOP_BIGRAMS, true),
  });
  // n-grams of a single statement cannot make two statements similar: they are left out (minDf 2).
  const idf = inverseDocumentFrequency(background.map((s) => mergeCounts(counts(s).head, counts(s).body)), 2);
  const sorted = [...uncovered].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const vectors = new Map<string, SparseVector>();
  for (const s of sorted) {
    const c = counts(s);
    vectors.set(s.id, tfidfVector([[c.head, 1], [c.body, BODY_WEIGHT]], idf, true));
  }
  const groups: { members: Statement[]; sum: SparseVector }[] = [];
  for (const s of sorted) {
    const v = vectors.get(s.id)!;
    let best = -1;
    let bestSim = threshold;
    groups.forEach((g, i) => {
      const sim = cosine(v, normalise(g.sum));
      if (sim >= bestSim && (best < 0 || sim > bestSim)) [best, bestSim] = [i, sim];
    });
    if (best < 0) groups.push({ members: [s], sum: new Map(v) });
    else {
      const g = groups[best]!;
      g.members.push(s);
      for (const [k, w] of v) g.sum.set(k, (g.sum.get(k) ?? 0) + w);
    }
  }
  return groups.map((g) => toCluster(g.members, vectors));
}

function toCluster(members: Statement[], vectors: Map<string, SparseVector>): StatementCluster {
  // Medoid: the member most similar to all others (ties: first in id order).
  let medoid = members[0]!;
  let bestTotal = -1;
  for (const m of members) {
    const total = members.reduce((s, o) => s + (o === m ? 0 : cosine(vectors.get(m.id)!, vectors.get(o.id)!)), 0);
    if (total > bestTotal + 1e-12) [medoid, bestTotal] = [m, total];
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

function mergeCounts(a: Map<string, number>, b: Map<string, number>): Map<string, number> {
  const out = new Map(a);
  for (const [k, v] of b) out.set(k, (out.get(k) ?? 0) + v);
  return out;
}
