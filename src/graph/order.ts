/*
 * The canonical order of documents: by path, then content hash. Whatever is decided "first come"
 * across documents (which copy of repeated content counts, whose provenance a shared edge such as
 * PART_OF carries, an entity's type when reports disagree) is decided in this order, so the graph
 * depends on the set of documents and not on the order they were read or imported in.
 */
import type { DocumentExtraction } from "../types.ts";

/** Documents sorted by path, then sha256 (a new array). */
export function canonicalOrder<T extends DocumentExtraction>(documents: readonly T[]): T[] {
  const key = (d: DocumentExtraction) => [d.document.source.path, d.document.source.sha256] as const;
  return [...documents].sort((a, b) => {
    const [pa, sa] = key(a);
    const [pb, sb] = key(b);
    return pa < pb ? -1 : pa > pb ? 1 : sa < sb ? -1 : sa > sb ? 1 : 0;
  });
}
