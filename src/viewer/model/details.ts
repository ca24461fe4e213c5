/*
 * What the side panel shows for a node: its linked themes (measures for a problem, problems for a
 * measure, themes for a report, reports for an entity) and its evidence.
 */
import type { NodeLabel } from "../../graph/schema.ts";
import type { Evidence, LinkedNode, ViewModel } from "./types.ts";

/** The side panel's content for one display node. */
export interface NodeDetails {
  key: string;
  label: string;
  kind: string;
  reportCount: number;
  isGap: boolean;
  linked: LinkedNode[];
  evidence: Evidence[];
}

/** Collect the details of a display node. */
export function describeNode(view: ViewModel, key: string): NodeDetails | null {
  if (!view.graph.hasNode(key)) return null;
  const a = view.graph.getNodeAttributes(key);
  return {
    key,
    label: a.label,
    kind: a.kind,
    reportCount: a.reportCount,
    isGap: view.gaps.has(key),
    linked: linkedNodes(view, key),
    evidence: view.evidence.get(key) ?? [],
  };
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
      label: oa.label,
      kind: oa.kind as NodeLabel,
      reportCount: ea.rel === "ADDRESSED_BY" ? ea.reportCount : oa.reportCount,
      rel: ea.rel,
    });
  });
  const relRank = (rel: string) => (rel === "ADDRESSED_BY" ? 0 : rel === "CAUSES" ? 1 : 2);
  return [...byKey.values()].sort(
    (a, b) => relRank(a.rel) - relRank(b.rel) || b.reportCount - a.reportCount || (a.key < b.key ? -1 : 1),
  );
}
