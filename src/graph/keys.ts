/*
 * Deterministic, content-derived keys for nodes and relationships. The same key is used in
 * graphology and as the `key` property in Neo4j, so MERGE on it makes imports idempotent.
 */
import { hashKey } from "../shared/hash-key.ts";
import type { NodeLabel, RelType } from "./schema.ts";

export { hashKey };

const PREFIX: Record<NodeLabel, string> = {
  Document: "doc",
  Report: "report",
  Organisation: "org",
  Mechanism: "mech",
  Problem: "problem",
  Measure: "measure",
  Statement: "stmt",
  Figure: "fig",
};

// Keys are joined (Array.prototype.join gives a flat string) rather than concatenated: a concatenation of 13
// characters or more is a tree of the parts, and a hash is a slice holding its 64-digit parent, so a
// relationship's key took about 160 bytes where the flat string takes 48, for every relationship of the graph.

/** Key of a node, e.g. nodeKey("Mechanism", "三会一课") → "mech:三会一课". */
export function nodeKey(label: NodeLabel, id: string): string {
  return [PREFIX[label], id].join(":");
}

/** Key of a relationship between two node keys. */
export function relKey(type: RelType, source: string, target: string): string {
  return [type, hashKey(source, target)].join(":");
}
