/*
 * Deterministic short hashes for ids and keys, shared by every stage (segment, classify, graph).
 */
import { createHash } from "node:crypto";

/** Short stable hash (hex) of the given parts. */
export function hashKey(...parts: (string | number)[]): string {
  return createHash("sha256").update(parts.join("\u241f")).digest("hex").slice(0, 16);
}
