/*
 * The embedded default store: the graph as graphology `graph.export()` JSON (default out/graph.json).
 * Importing into an existing file merges (mergeNode / mergeEdgeWithKey on the deterministic keys) and
 * recomputes the recurrence counts over everything in it; output is canonical (sorted nodes, edges
 * and attribute keys), so importing the same input twice leaves a byte-identical file.
 */
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

import type { SerializedGraph } from "graphology-types";

import { InputError } from "../errors.ts";
import { createKgGraph, type KgGraph } from "../graph/build-graph.ts";
import type { KgEdgeAttributes, KgGraphAttributes, KgNodeAttributes } from "../graph/schema.ts";

export const DEFAULT_GRAPH_FILE = "out/graph.json";

type SerializedKgGraph = SerializedGraph<KgNodeAttributes, KgEdgeAttributes, KgGraphAttributes>;

/** What writing into a graph file changed. */
export interface GraphFileSummary {
  path: string;
  /** Nodes / edges in the file after the write. */
  nodes: number;
  edges: number;
  nodesAdded: number;
  edgesAdded: number;
  /** True when an existing file was merged into (false: new file, or --wipe). */
  merged: boolean;
}

/** Read a graph file written by writeGraphFile. Throws InputError when it is missing or not a graph. */
export async function readGraphFile(path: string): Promise<KgGraph> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new InputError(`graph file: cannot read "${path}" (${(err as NodeJS.ErrnoException).code ?? "error"}). Run \`kg import <paths>\` first.`, { cause: err });
  }
  try {
    const graph = createKgGraph();
    graph.import(JSON.parse(text) as SerializedKgGraph);
    return graph;
  } catch (err) {
    throw new InputError(`graph file: "${path}" is not a graph written by kg import (${(err as Error).message}).`, { cause: err });
  }
}

/** Write a graph as canonical JSON (creating the folder), replacing the file atomically. */
export async function writeGraphFile(graph: KgGraph, path: string = DEFAULT_GRAPH_FILE): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, serializeGraph(graph), "utf8");
  await rename(tmp, path);
}

/**
 * Write `graph` into the graph file at `path`: merged into what the file holds (unless `wipe`),
 * with the recurrence counts recomputed over the result.
 * @example await importIntoGraphFile(buildGraph(extraction), "out/graph.json");
 */
export async function importIntoGraphFile(graph: KgGraph, path: string = DEFAULT_GRAPH_FILE, options: { wipe?: boolean } = {}): Promise<GraphFileSummary> {
  const existing = options.wipe ? null : await readIfExists(path);
  const target = existing ?? createKgGraph();
  const before = { nodes: target.order, edges: target.size };
  mergeGraphInto(target, graph);
  assignAggregates(target);
  await writeGraphFile(target, path);
  return {
    path,
    nodes: target.order,
    edges: target.size,
    nodesAdded: target.order - before.nodes,
    edgesAdded: target.size - before.edges,
    merged: existing !== null,
  };
}

/** Merge every node and edge of `source` into `target` by key (attributes of `source` win). */
export function mergeGraphInto(target: KgGraph, source: KgGraph): void {
  target.mergeAttributes(source.getAttributes());
  source.forEachNode((key, attrs) => target.mergeNode(key, attrs));
  source.forEachEdge((key, attrs, s, t) => target.mergeEdgeWithKey(key, s, t, attrs));
}

/** Canonical JSON of a graph: nodes and edges sorted by key, attribute keys sorted, one trailing newline. */
export function serializeGraph(graph: KgGraph): string {
  const data = graph.export();
  const byKey = (a: { key?: string | undefined }, b: { key?: string | undefined }) => ((a.key ?? "") < (b.key ?? "") ? -1 : (a.key ?? "") > (b.key ?? "") ? 1 : 0);
  const canonical = {
    options: data.options,
    attributes: data.attributes,
    nodes: [...data.nodes].sort(byKey),
    edges: [...data.edges].sort(byKey),
  };
  return `${JSON.stringify(sortKeys(canonical))}\n`;
}

/**
 * Recompute recurrence over the whole graph (as the Neo4j loader does in Cypher): themes count the
 * distinct reports that raise or propose them and their statements; organisations and mechanisms the
 * distinct reports that mention them (mechanisms also all mentions); Problem→Measure ADDRESSED_BY the
 * distinct reports in which a statement of one is addressed by a statement of the other.
 */
export function assignAggregates(graph: KgGraph): void {
  graph.forEachNode((key, attrs) => {
    if (attrs.label === "Problem" || attrs.label === "Measure") {
      const reports = distinctSources(graph, key, ["RAISES", "PROPOSES"], "Report");
      const statements = distinctSources(graph, key, ["INSTANCE_OF"], "Statement");
      graph.mergeNodeAttributes(key, { reportCount: reports.size, statementCount: statements.size });
    } else if (attrs.label === "Organisation" || attrs.label === "Mechanism") {
      const reports = distinctSources(graph, key, ["MENTIONS"], "Report");
      let mentions = 0;
      graph.forEachInEdge(key, (_e, ea) => {
        if (ea.type === "MENTIONS" && typeof ea.mentionCount === "number") mentions += ea.mentionCount;
      });
      graph.mergeNodeAttributes(key, attrs.label === "Mechanism" ? { reportCount: reports.size, mentionCount: mentions } : { reportCount: reports.size });
    }
  });
  assignAddressedBy(graph);
}

function assignAddressedBy(graph: KgGraph): void {
  const themeOf = new Map<string, string>();
  const reportOf = new Map<string, string>();
  graph.forEachEdge((_e, ea, s, t, sa, ta) => {
    if (ea.type === "INSTANCE_OF" && sa.label === "Statement") themeOf.set(s, t);
    if (ea.type === "CONTAINS" && sa.label === "Report" && ta.label === "Statement") reportOf.set(t, s);
  });
  const agg = new Map<string, { reports: Set<string>; best: number | undefined }>();
  graph.forEachEdge((_e, ea, s, t, sa, ta) => {
    if (ea.type !== "ADDRESSED_BY" || sa.label !== "Statement" || ta.label !== "Statement") return;
    const p = themeOf.get(s);
    const m = themeOf.get(t);
    const r = reportOf.get(s);
    if (!p || !m || !r) return;
    const entry = agg.get(`${p}\u0000${m}`) ?? { reports: new Set<string>(), best: undefined };
    entry.reports.add(r);
    if (typeof ea.score === "number") entry.best = Math.max(entry.best ?? ea.score, ea.score);
    agg.set(`${p}\u0000${m}`, entry);
  });
  graph.forEachEdge((edge, ea, s, t, sa, ta) => {
    if (ea.type !== "ADDRESSED_BY" || sa.label !== "Problem" || ta.label !== "Measure") return;
    const entry = agg.get(`${s}\u0000${t}`);
    const reports = entry?.reports.size ?? 0;
    graph.mergeEdgeAttributes(edge, {
      reportCount: reports,
      ...(entry?.best !== undefined ? { score: entry.best } : {}),
      reason: `linked within ${reports} report(s)`,
    });
  });
}

function distinctSources(graph: KgGraph, node: string, types: string[], label: string): Set<string> {
  const out = new Set<string>();
  graph.forEachInEdge(node, (_e, ea, s, _t, sa) => {
    if (types.includes(ea.type) && sa.label === label) out.add(s);
  });
  return out;
}

async function readIfExists(path: string): Promise<KgGraph | null> {
  try {
    await stat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
  }
  return readGraphFile(path);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(obj)
        .sort()
        .filter((k) => obj[k] !== undefined)
        .map((k) => [k, sortKeys(obj[k])]),
    );
  }
  return value;
}
