/*
 * Substring search over node labels. Labels and queries are folded the same way (traditional →
 * simplified through the converter passed in, full-width → half-width, lower case, no spaces), so a
 * traditional query finds a simplified label. Pure: the converter is injected.
 */
import type { ViewModel } from "./types.ts";

/** Converts traditional Chinese to simplified (opencc-js t2cn in the browser). */
export type ToSimplified = (text: string) => string;

/** One searchable entry. */
export interface SearchEntry {
  key: string;
  label: string;
  folded: string;
  kind: string;
  reportCount: number;
}

/** Fold text for matching: NFKC (full-width → half-width), simplified, lower case, without white space. */
export function foldText(text: string, toSimplified: ToSimplified): string {
  return toSimplified(text.normalize("NFKC")).toLowerCase().replace(/\s+/g, "");
}

/** Build the search index of the display graph's labels and of every report's name (reports join the graph when chosen). */
export function createSearchIndex(view: ViewModel, toSimplified: ToSimplified): SearchEntry[] {
  const entries: SearchEntry[] = [];
  view.graph.forEachNode((key, a) => {
    if (a.kind === "Report") return;
    entries.push({ key, label: a.fullLabel, folded: foldText(a.fullLabel, toSimplified), kind: a.kind, reportCount: a.reportCount });
  });
  for (const r of view.reports) entries.push({ key: r.key, label: r.title, folded: foldText(r.title, toSimplified), kind: "Report", reportCount: 1 });
  return entries;
}

/** Entries whose label contains the query; exact, then prefix, then most recurrent first. */
export function searchNodes(
  index: readonly SearchEntry[],
  query: string,
  toSimplified: ToSimplified,
  options: { limit?: number; allowed?: Set<string> } = {},
): SearchEntry[] {
  const q = foldText(query, toSimplified);
  if (!q) return [];
  const hits: { entry: SearchEntry; rank: number }[] = [];
  for (const entry of index) {
    if (options.allowed && !options.allowed.has(entry.key)) continue;
    const at = entry.folded.indexOf(q);
    if (at < 0) continue;
    hits.push({ entry, rank: entry.folded === q ? 0 : at === 0 ? 1 : 2 });
  }
  hits.sort(
    (a, b) =>
      a.rank - b.rank ||
      b.entry.reportCount - a.entry.reportCount ||
      a.entry.label.length - b.entry.label.length ||
      (a.entry.key < b.entry.key ? -1 : 1),
  );
  return hits.slice(0, options.limit ?? 50).map((h) => h.entry);
}
