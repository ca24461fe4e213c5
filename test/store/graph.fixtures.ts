/*
 * A small hand-made knowledge graph following src/graph/schema.ts: one document holding two
 * reports (A, B) that both raise the problem theme 党员发展 and propose 加强教育, one mechanism
 * mentioned by both, one organisation with a parent, statement-level links and the aggregates.
 * reportSubset() builds the same graph from only some reports (for "second batch" tests).
 */
import { createKgGraph, type KgGraph } from "../../src/graph/build-graph.ts";
import { nodeKey, relKey } from "../../src/graph/keys.ts";
import type { KgEdgeAttributes, RelType } from "../../src/graph/schema.ts";

export const KEYS = {
  doc: nodeKey("Document", "d1"),
  reportA: nodeKey("Report", "ra"),
  reportB: nodeKey("Report", "rb"),
  problem: nodeKey("Problem", "p-recruit"),
  measure: nodeKey("Measure", "m-educate"),
  mech: nodeKey("Mechanism", "三会一课"),
  org: nodeKey("Organisation", "某校党支部"),
  parentOrg: nodeKey("Organisation", "某校党委"),
};

const stmt = (report: "a" | "b", kind: string) => nodeKey("Statement", `${report}-${kind}`);

function edge(graph: KgGraph, type: RelType, source: string, target: string, attrs: Partial<KgEdgeAttributes> = {}) {
  graph.mergeEdgeWithKey(relKey(type, source, target), source, target, { type, ...attrs } as KgEdgeAttributes);
}

function addReport(graph: KgGraph, r: "a" | "b") {
  const report = r === "a" ? KEYS.reportA : KEYS.reportB;
  const base = { path: "reports/two.txt", reportKey: report, rule: "fixture", reportTitle: `报告${r}`, startOffset: 0, endOffset: 4 };
  graph.mergeNode(report, {
    label: "Report",
    title: `报告${r}`,
    setting: r === "a" ? "school" : "rural",
    path: "reports/two.txt",
    startLine: r === "a" ? 1 : 20,
    endLine: r === "a" ? 19 : 40,
    truncated: false,
  });
  edge(graph, "CONTAINS", KEYS.doc, report);
  const problem = stmt(r, "problem");
  const measure = stmt(r, "measure");
  const cause = stmt(r, "cause");
  graph.mergeNode(problem, { ...base, label: "Statement", kind: "problem", text: "发展党员质量不高", normText: "发展党员质量不高", quote: "发展党员质量不高", line: 3, themeKey: KEYS.problem });
  graph.mergeNode(measure, { ...base, label: "Statement", kind: "measure", text: "加强党员教育", normText: "加强党员教育", quote: "加强党员教育", line: 9, themeKey: KEYS.measure });
  graph.mergeNode(cause, { ...base, label: "Statement", kind: "cause", text: "重视不够", normText: "重视不够", quote: "重视不够", line: 6, themeKey: null });
  for (const s of [problem, measure, cause]) edge(graph, "CONTAINS", report, s);
  edge(graph, "INSTANCE_OF", problem, KEYS.problem, { reason: "codebook" });
  edge(graph, "INSTANCE_OF", measure, KEYS.measure, { reason: "codebook" });
  edge(graph, "RAISES", report, KEYS.problem);
  edge(graph, "PROPOSES", report, KEYS.measure);
  edge(graph, "ADDRESSED_BY", problem, measure, { score: r === "a" ? 0.9 : 0.6, reason: "same item" });
  edge(graph, "CAUSES", cause, problem, { score: 0.5, reason: "cause section" });
  edge(graph, "MENTIONS", report, KEYS.mech, { lines: [4, 8], contexts: ["practice"], mentionCount: r === "a" ? 2 : 3, quote: "三会一课", line: 4 });
  if (r === "a") {
    edge(graph, "MENTIONS", report, KEYS.org, { lines: [2], contexts: ["situation"], mentionCount: 1, quote: "某校党支部", line: 2 });
    edge(graph, "PART_OF", KEYS.org, KEYS.parentOrg, { reason: "stated in the report" });
  }
}

/**
 * The fixture graph with the given reports (default both); aggregates as buildGraph would set them
 * for exactly those reports.
 */
export function makeGraph(reports: ("a" | "b")[] = ["a", "b"]): KgGraph {
  const graph = createKgGraph();
  graph.mergeNode(KEYS.doc, { label: "Document", path: "reports/two.txt", sha256: "0".repeat(64), encoding: "utf-8" });
  const n = reports.length;
  graph.mergeNode(KEYS.problem, { label: "Problem", themeId: "p-recruit", name: "党员发展", source: "codebook", reportCount: n, statementCount: n });
  graph.mergeNode(KEYS.measure, { label: "Measure", themeId: "m-educate", name: "加强教育", source: "codebook", reportCount: n, statementCount: n });
  graph.mergeNode(KEYS.mech, { label: "Mechanism", name: "三会一课", source: "lexicon", reportCount: n, mentionCount: 0 });
  if (reports.includes("a")) {
    graph.mergeNode(KEYS.org, { label: "Organisation", name: "某校党支部", type: "party", reportCount: 1 });
    graph.mergeNode(KEYS.parentOrg, { label: "Organisation", name: "某校党委", type: "party", reportCount: 0 });
  }
  for (const r of reports) addReport(graph, r);
  const best = reports.includes("a") ? 0.9 : 0.6;
  edge(graph, "ADDRESSED_BY", KEYS.problem, KEYS.measure, { reportCount: n, score: best, reason: `linked within ${n} report(s)` });
  let mentions = 0;
  graph.forEachInEdge(KEYS.mech, (_e, a) => (mentions += Number(a.mentionCount ?? 0)));
  graph.mergeNodeAttributes(KEYS.mech, { mentionCount: mentions });
  return graph;
}
