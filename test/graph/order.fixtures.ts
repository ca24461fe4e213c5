/*
 * A small corpus for the order-independence tests: our own fixture reports (several settings, a
 * traditional-character copy and a Big5 copy of one village report, so the same reports arrive in two
 * documents), each extracted once.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

import fc from "fast-check";

import { extractDocuments } from "../../src/pipeline.ts";
import type { DocumentExtraction } from "../../src/types.ts";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Paths (relative to the repository) of the corpus. */
export function corpusPaths(): string[] {
  const dir = (d: string, keep: (f: string) => boolean) =>
    readdirSync(`${ROOT}${d}`)
      .filter(keep)
      .sort()
      .map((f) => `${d}/${f}`);
  return [
    ...dir("test/fixtures/reports", () => true),
    ...dir("test/fixtures/unseen", (f) => f.endsWith(".txt")),
    ...dir("test/fixtures/heldout", (f) => f.endsWith(".txt")),
  ];
}

/** Each corpus file extracted on its own, by path (run from the repository root). */
export async function extractCorpus(paths: string[]): Promise<Map<string, DocumentExtraction>> {
  const out = new Map<string, DocumentExtraction>();
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    for (const p of paths) {
      const { documents } = await extractDocuments([p]);
      if (documents.length !== 1) throw new Error(`order fixtures: ${p} gave ${documents.length} documents`);
      out.set(p, documents[0]!);
    }
  } finally {
    process.chdir(cwd);
  }
  return out;
}

/**
 * A sequence of import batches that together cover every item: the items in a random order cut into
 * batches, with random earlier items imported again (overlaps, repeats) mixed in.
 */
export function importSequence<T>(items: readonly T[], maxExtra = 3): fc.Arbitrary<T[][]> {
  const n = items.length;
  return fc
    .record({
      order: fc.shuffledSubarray([...items], { minLength: n, maxLength: n }),
      cuts: fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, n - 1) }), { maxLength: Math.min(4, n - 1) }),
      extra: fc.array(fc.record({ at: fc.nat(), items: fc.subarray([...items], { minLength: 1, maxLength: 4 }) }), { maxLength: maxExtra }),
    })
    .map(({ order, cuts, extra }) => {
      const bounds = [0, ...[...cuts].sort((a, b) => a - b), n];
      const batches: T[][] = [];
      for (let i = 0; i + 1 < bounds.length; i++) if (bounds[i]! < bounds[i + 1]!) batches.push(order.slice(bounds[i], bounds[i + 1]));
      for (const e of extra) batches.splice(e.at % (batches.length + 1), 0, e.items);
      return batches;
    });
}

interface Serialized {
  nodes: { key: string; attributes?: Record<string, unknown> }[];
  edges: { key?: string; source: string; target: string; attributes?: Record<string, unknown> }[];
}

/**
 * The differences between two serialized graphs, in a few short lines (empty when equal): nodes and
 * edges only in one of them, and the first attributes that differ. `null` and missing attributes are
 * the same (Neo4j does not store null).
 */
export function graphDiff(expected: Serialized, actual: Serialized, max = 8): string[] {
  const clean = (a: Record<string, unknown> = {}) => JSON.stringify(Object.fromEntries(Object.entries(a).filter(([, v]) => v !== null).sort(([x], [y]) => (x < y ? -1 : 1))));
  const out: string[] = [];
  const cut = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}…` : s);
  const compare = (what: string, exp: Map<string, string>, act: Map<string, string>) => {
    for (const [k, v] of exp) {
      if (!act.has(k)) out.push(`${what} ${k} missing`);
      else if (act.get(k) !== v) out.push(cut(`${what} ${k} differs: expected ${v} got ${act.get(k)}`));
    }
    for (const k of act.keys()) if (!exp.has(k)) out.push(cut(`${what} ${k} extra: ${act.get(k)}`));
  };
  const nodes = (g: Serialized) => new Map(g.nodes.map((n) => [n.key, clean(n.attributes)]));
  const edges = (g: Serialized) => new Map(g.edges.map((e) => [e.key ?? "", `${e.source}->${e.target} ${clean(e.attributes)}`]));
  compare("node", nodes(expected), nodes(actual));
  compare("edge", edges(expected), edges(actual));
  return out.slice(0, max);
}

/** The same extraction as if the file had been at `path` (a document that changed at one path). */
export function atPath(doc: DocumentExtraction, path: string): DocumentExtraction {
  return { ...doc, document: { ...doc.document, source: { ...doc.document.source, path } } };
}

/** Keys of the Problem and Measure nodes of a serialized graph. */
export function themeKeys(graph: { nodes: { key: string; attributes?: Record<string, unknown> }[] }): Set<string> {
  return new Set(graph.nodes.filter((n) => n.attributes?.label === "Problem" || n.attributes?.label === "Measure").map((n) => n.key));
}
