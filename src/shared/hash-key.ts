/*
 * Deterministic short hashes for ids and keys, shared by every stage (segment, classify, graph).
 */
import * as crypto from "node:crypto";

/** SHA-256 hex: crypto.hash, the one-shot form (Node ≥ 20.12, three times as fast), else createHash. */
const sha256 =
  typeof crypto.hash === "function"
    ? (text: string) => crypto.hash("sha256", text, "hex")
    : (text: string) => crypto.createHash("sha256").update(text).digest("hex");

/** Short stable hash (hex) of the given parts. */
export function hashKey(...parts: (string | number)[]): string {
  return sha256(parts.join("\u241f")).slice(0, 16);
}
