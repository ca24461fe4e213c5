/*
 * Derived recurrence counts of a knowledge graph, computed from the graph itself (graphology `assign`
 * style): themes' reportCount/statementCount, entities' reportCount/mentionCount, and the aggregated
 * Problem → Measure ADDRESSED_BY reportCount and score. buildGraph and the graph-file merge share it, so
 * counts are the same whether a graph was built in one go or merged from several imports.
 */
import type { KgGraph } from "./build-graph.ts";
import { forEachEdgeHeld, forEachInEdgeHeld, forEachNodeHeld } from "./held.ts";

/**
 * Recompute recurrence over the whole graph (as the Neo4j loader does in Cypher): themes count the
 * distinct reports that raise or propose them and their statements; organisations and mechanisms the
 * distinct reports that mention them (mechanisms also all mentions); Problem→Measure ADDRESSED_BY the
 * distinct reports in which a statement of one is addressed by a statement of the other.
 */
export function assignAggregates(graph: KgGraph): void {
  // Labels, types and counts only: what a graph being built holds of its spilled statements (graph/held.ts).
  forEachNodeHeld(graph, (key, attrs) => {
    if (attrs.label === "Problem" || attrs.label === "Measure") {
      const reports = distinctSources(graph, key, ["RAISES", "PROPOSES"], "Report");
      const statements = distinctSources(graph, key, ["INSTANCE_OF"], "Statement");
      graph.mergeNodeAttributes(key, { reportCount: reports.size, statementCount: statements.size });
    } else if (attrs.label === "Organisation" || attrs.label === "Mechanism") {
      const reports = distinctSources(graph, key, ["MENTIONS"], "Report");
      let mentions = 0;
      forEachInEdgeHeld(graph, key, (_e, ea) => {
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
  forEachEdgeHeld(graph, (_e, ea, s, t, sa, ta) => {
    if (ea.type === "INSTANCE_OF" && sa.label === "Statement") themeOf.set(s, t);
    if (ea.type === "CONTAINS" && sa.label === "Report" && ta.label === "Statement") reportOf.set(t, s);
  });
  const agg = new Map<string, { reports: Set<string>; best: number | undefined }>();
  forEachEdgeHeld(graph, (_e, ea, s, t, sa, ta) => {
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
  forEachEdgeHeld(graph, (edge, ea, s, t, sa, ta) => {
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
  forEachInEdgeHeld(graph, node, (_e, ea, s, _t, sa) => {
    if (types.includes(ea.type) && sa.label === label) out.add(s);
  });
  return out;
}
