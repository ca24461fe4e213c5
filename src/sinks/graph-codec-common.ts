/*
 * What the graph file's format versions share (graph-codec.ts reads and writes them): the graphology
 * export type, version 1 (the plain export, canonical), the canonical property order.
 */
import type { SerializedGraph } from "graphology-types";

import type { KgEdgeAttributes, KgGraphAttributes, KgNodeAttributes } from "../graph/schema.ts";

export type SerializedKgGraph = SerializedGraph<KgNodeAttributes, KgEdgeAttributes, KgGraphAttributes>;
export type Attrs = Record<string, unknown>;

export const GRAPH_FORMAT = "kg-graph";

export const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The marker of a reference into the strings table (versions 2 and 3). */
export const REF = "\uE000";

/**
 * The strings table of versions 2 and 3 from the counts of the strings written: those met more than once,
 * most used first (short references), then in code-unit order (independent of any insertion order), and
 * each one's reference, REF + its index in base 36. Empties `counts`.
 */
export function stringTable(counts: Map<string, number>): { strings: string[]; ref: Map<string, string> } {
  const strings = [...counts].filter(([, c]) => c > 1).sort((a, b) => b[1] - a[1] || byCodeUnits(a[0], b[0])).map(([s]) => s);
  counts.clear();
  return { strings, ref: new Map(strings.map((s, i) => [s, REF + i.toString(36)])) };
}

/** Version 1: the graphology export itself, canonical (what older kg wrote; used when the compact form cannot hold the graph). */
export function encodePlain(data: SerializedKgGraph): string {
  const byKey = (a: { key?: string | undefined }, b: { key?: string | undefined }) => byCodeUnits(a.key ?? "", b.key ?? "");
  const canonical = { options: data.options, attributes: data.attributes, nodes: data.nodes.sort(byKey), edges: data.edges.sort(byKey) };
  const keys = new Set<string>();
  collectKeys(canonical, keys);
  return `${JSON.stringify(canonical, propertyOrder(keys))}\n`;
}

/** Every property name of every object in `value`, at any depth. */
export function collectKeys(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) if (v !== null && typeof v === "object") collectKeys(v, into);
  } else if (value !== null && typeof value === "object") {
    for (const k in value as Attrs) {
      into.add(k);
      const v = (value as Attrs)[k];
      if (v !== null && typeof v === "object") collectKeys(v, into);
    }
  }
}

const INTEGER_KEY = /^(?:0|[1-9]\d{0,9})$/;

/**
 * Keys in the order JavaScript gives an object built with them sorted (integer-like keys ascending, then
 * the rest in code-unit order): as JSON.stringify's property list, it writes every object with sorted keys
 * without copying it.
 */
export function propertyOrder(keys: Set<string>): string[] {
  const isIndex = (k: string) => INTEGER_KEY.test(k) && Number(k) < 2 ** 32 - 1;
  const ints = [...keys].filter(isIndex).sort((a, b) => Number(a) - Number(b));
  return [...ints, ...[...keys].filter((k) => !isIndex(k)).sort()];
}
