/*
 * What the side panel shows for a node: its linked nodes grouped by what they are (measures, problems,
 * causes, mechanisms, organisations, reports: never mixed), and its ego network for the canvas.
 * The quotes come separately, on demand (view.details).
 */
import type { NodeLabel } from "../../graph/schema.ts";
import type { DisplayLabel, LinkedNode, ViewModel } from "./types.ts";

/** One group of linked nodes. */
export interface LinkedGroup {
  id: string;
  title: string;
  nodes: LinkedNode[];
}

/** The side panel's content for one display node. */
export interface NodeDetails {
  key: string;
  label: string;
  kind: string;
  family: string | null;
  reportCount: number;
  isGap: boolean;
  linked: LinkedNode[];
  groups: LinkedGroup[];
}

/** Collect the details of a display node. */
export function describeNode(view: ViewModel, key: string): NodeDetails | null {
  if (!view.graph.hasNode(key)) return null;
  const a = view.graph.getNodeAttributes(key);
  const linked = linkedNodes(view, key);
  return {
    key,
    label: a.fullLabel,
    kind: a.kind,
    family: typeof a.family === "string" ? a.family : null,
    reportCount: a.reportCount,
    isGap: view.gaps.has(key),
    linked,
    groups: groupLinked(a.kind, linked),
  };
}

const GROUP_TITLES: Record<string, string> = {
  measures: "提出的对策 Measures proposed",
  problems: "回应的问题 Problems it answers",
  causes: "原因 Causes",
  effects: "导致的问题 Leads to",
  mechanisms: "涉及的机制 Mechanisms named",
  themes: "出现在 Named in",
  organisations: "组织 Organisations",
  reports: "报告 Reports",
};

function groupOf(kind: DisplayLabel, node: LinkedNode): string {
  if (node.rel === "ADDRESSED_BY") return kind === "Problem" ? "measures" : "problems";
  if (node.rel === "CAUSES") return node.outgoing ? "effects" : "causes";
  if (node.kind === "Report") return "reports";
  if (node.kind === "Mechanism") return "mechanisms";
  if (node.kind === "Organisation") return "organisations";
  if (node.kind === "Problem" || node.kind === "Measure") return kind === "Report" ? (node.kind === "Problem" ? "problems" : "measures") : "themes";
  return "reports";
}

function groupLinked(kind: DisplayLabel, linked: LinkedNode[]): LinkedGroup[] {
  const groups = new Map<string, LinkedNode[]>();
  for (const node of linked) {
    const id = groupOf(kind, node);
    const list = groups.get(id);
    if (list) list.push(node);
    else groups.set(id, [node]);
  }
  return Object.keys(GROUP_TITLES)
    .filter((id) => groups.has(id))
    .map((id) => ({ id, title: GROUP_TITLES[id]!, nodes: groups.get(id)! }));
}

/** Neighbours worth listing: theme links first (by weight), then the rest. */
export function linkedNodes(view: ViewModel, key: string): LinkedNode[] {
  const byKey = new Map<string, LinkedNode>();
  view.graph.forEachEdge(key, (_e, ea, source, target) => {
    const other = source === key ? target : source;
    const oa = view.graph.getNodeAttributes(other);
    const prev = byKey.get(other);
    if (prev && prev.rel === "ADDRESSED_BY") return;
    byKey.set(other, {
      key: other,
      label: oa.fullLabel,
      kind: oa.kind as NodeLabel,
      reportCount: ea.rel === "ADDRESSED_BY" || ea.rel === "CAUSES" || ea.rel === "MENTIONS" ? ea.reportCount : oa.reportCount,
      rel: ea.rel,
      outgoing: source === key,
    });
  });
  // A theme's reports that are not in the display graph (report links come on demand, model/report-links.ts).
  const loaded = view.reportLinks.loaded.get(key);
  if (loaded && nodeKind(view, key) !== "Report") {
    for (const [index, target, rel, reportCount] of loaded) {
      const report = view.reports[index];
      if (target !== key || !report || byKey.has(report.key)) continue;
      byKey.set(report.key, { key: report.key, label: report.title, kind: "Report", reportCount: rel === "MENTIONS" ? reportCount : 1, rel, outgoing: false });
    }
  }
  const relRank = (rel: string) => (rel === "ADDRESSED_BY" ? 0 : rel === "CAUSES" ? 1 : 2);
  return [...byKey.values()].sort(
    (a, b) => relRank(a.rel) - relRank(b.rel) || b.reportCount - a.reportCount || (a.key < b.key ? -1 : 1),
  );
}

function nodeKind(view: ViewModel, key: string): string {
  return view.graph.getNodeAttribute(key, "kind");
}

/** Most neighbours of one type an ego network shows (the strongest links); the panel lists them all. */
export const EGO_LIMIT_PER_KIND = 40;

/**
 * The ego network of a node: itself, its neighbours (any type, shown even when their layer is off;
 * at most EGO_LIMIT_PER_KIND of each type, strongest links first) and the edges to them.
 */
export function egoNetwork(view: ViewModel, key: string): { nodes: Set<string>; edges: Set<string> } {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  if (!view.graph.hasNode(key)) return { nodes, edges };
  nodes.add(key);
  const candidates: { edge: string; other: string; kind: string; weight: number }[] = [];
  view.graph.forEachEdge(key, (edge, a, source, target) => {
    const other = source === key ? target : source;
    candidates.push({ edge, other, kind: view.graph.getNodeAttribute(other, "kind"), weight: a.weight });
  });
  candidates.sort((x, y) => y.weight - x.weight || (x.other < y.other ? -1 : 1));
  const perKind = new Map<string, number>();
  for (const c of candidates) {
    const n = perKind.get(c.kind) ?? 0;
    if (n >= EGO_LIMIT_PER_KIND && !nodes.has(c.other)) continue;
    if (!nodes.has(c.other)) perKind.set(c.kind, n + 1);
    nodes.add(c.other);
    edges.add(c.edge);
  }
  return { nodes, edges };
}
