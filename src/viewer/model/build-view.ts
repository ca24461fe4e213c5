/*
 * Serialized KgGraph → ViewModel: the display graph (themes, mechanisms, organisations, reports),
 * the reports behind each node, the evidence quotes, and the problem themes left without a measure.
 * Pure: reads the knowledge graph, never changes it.
 */
import Graph from "graphology";
import type { SerializedGraph } from "graphology-types";

import { EDGE_COLORS, NODE_COLORS, edgeSize, nodeSize, seededPosition } from "./style.ts";
import { DISPLAY_LABELS } from "./types.ts";
import type { DisplayLabel, Evidence, ReportInfo, ViewEdgeAttributes, ViewGraph, ViewModel, ViewNodeAttributes } from "./types.ts";

type Attrs = Record<string, unknown>;
type KgLike = Graph<Attrs, Attrs, Attrs>;

const DISPLAY_SET = new Set<string>(DISPLAY_LABELS);

/** Import a `graph.export()` JSON document into a graphology graph. */
export function importKgGraph(data: SerializedGraph): KgLike {
  const graph: KgLike = new Graph({ multi: true, type: "directed", allowSelfLoops: true });
  graph.import(data as SerializedGraph<Attrs, Attrs, Attrs>);
  return graph;
}

/** Derive everything the viewer shows from the knowledge graph. */
export function buildView(kg: KgLike): ViewModel {
  const reports = collectReports(kg);
  const reportByKey = new Map(reports.map((r) => [r.key, r]));
  const nodeReports = collectNodeReports(kg);
  const graph = buildDisplayGraph(kg, nodeReports);
  const evidence = collectEvidence(kg, reportByKey);
  const gaps = collectGaps(kg);
  const settings = [...new Set(reports.map((r) => r.setting))].sort();
  return { graph, reports, reportByKey, nodeReports, evidence, gaps, settings };
}

function str(value: unknown, fallback = ""): string {
  return typeof value === "string" ? value : fallback;
}

function num(value: unknown, fallback = 0): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

function collectReports(kg: KgLike): ReportInfo[] {
  const reports: ReportInfo[] = [];
  kg.forEachNode((key, a) => {
    if (a.label !== "Report") return;
    reports.push({ key, title: str(a.title) || str(a.name) || key, setting: str(a.setting, "unknown"), startLine: num(a.startLine) });
  });
  return reports.sort((a, b) => a.startLine - b.startLine || (a.key < b.key ? -1 : 1));
}

/** Reports behind each display node: RAISES / PROPOSES / MENTIONS sources, statements' reports, itself for a report. */
function collectNodeReports(kg: KgLike): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  const add = (node: string, report: string) => {
    let set = result.get(node);
    if (!set) result.set(node, (set = new Set()));
    set.add(report);
  };
  kg.forEachNode((key, a) => {
    if (a.label === "Report") add(key, key);
  });
  kg.forEachEdge((_e, a, source, target, sa) => {
    if (a.type === "RAISES" || a.type === "PROPOSES" || a.type === "MENTIONS") {
      if (sa.label === "Report") add(target, source);
    } else if (a.type === "INSTANCE_OF") {
      const report = str(sa.reportKey);
      if (report && kg.hasNode(report)) add(target, report);
    }
  });
  return result;
}

function displayLabelOf(a: Attrs, key: string): string {
  return a.label === "Report" ? str(a.title) || str(a.name) || key : str(a.name) || key;
}

function buildDisplayGraph(kg: KgLike, nodeReports: Map<string, Set<string>>): ViewGraph {
  const graph: ViewGraph = new Graph<ViewNodeAttributes, ViewEdgeAttributes>({ multi: true, type: "directed" });
  kg.forEachNode((key, a) => {
    if (!DISPLAY_SET.has(str(a.label))) return;
    const kind = a.label as DisplayLabel;
    const reportCount = kind === "Report" ? 1 : Math.max(num(a.reportCount), nodeReports.get(key)?.size ?? 0);
    const attrs: ViewNodeAttributes = {
      label: displayLabelOf(a, key),
      kind,
      ...seededPosition(key),
      size: nodeSize(kind, reportCount),
      color: NODE_COLORS[kind],
      reportCount,
    };
    if (kind === "Report") attrs.setting = str(a.setting, "unknown");
    graph.addNode(key, attrs);
  });
  kg.forEachEdge((edge, a, source, target) => {
    if (!graph.hasNode(source) || !graph.hasNode(target) || source === target) return;
    const rel = str(a.type);
    const weight = Math.max(1, num(a.reportCount, 1));
    graph.addEdgeWithKey(edge, source, target, {
      type: "arrow",
      rel,
      weight,
      size: edgeSize(weight),
      color: EDGE_COLORS[rel] ?? "#cccccc",
      reportCount: num(a.reportCount, 1),
    });
  });
  return graph;
}

/** Evidence per display node: statements (INSTANCE_OF) for themes and reports, MENTIONS quotes for entities. */
function collectEvidence(kg: KgLike, reportByKey: Map<string, ReportInfo>): Map<string, Evidence[]> {
  const result = new Map<string, Evidence[]>();
  const push = (node: string, ev: Evidence) => {
    const list = result.get(node);
    if (list) list.push(ev);
    else result.set(node, [ev]);
  };
  kg.forEachEdge((edge, a, source, target, sa) => {
    if (a.type === "INSTANCE_OF" && sa.label === "Statement") {
      const ev = statementEvidence(source, sa, reportByKey);
      push(target, ev);
      if (ev.reportKey) push(ev.reportKey, ev);
    } else if (a.type === "MENTIONS" && typeof a.quote === "string") {
      const report = reportByKey.get(source);
      push(target, {
        key: edge,
        quote: a.quote,
        reportKey: source,
        reportTitle: report?.title ?? source,
        line: num(a.line),
        path: str(a.path),
        kind: "mention",
      });
    }
  });
  for (const list of result.values()) list.sort(compareEvidence(reportByKey));
  return result;
}

function statementEvidence(key: string, a: Attrs, reportByKey: Map<string, ReportInfo>): Evidence {
  const reportKey = str(a.reportKey);
  return {
    key,
    quote: str(a.quote) || str(a.text),
    reportKey,
    reportTitle: str(a.reportTitle) || reportByKey.get(reportKey)?.title || reportKey,
    line: num(a.line),
    path: str(a.path),
    kind: str(a.kind),
  };
}

function compareEvidence(reportByKey: Map<string, ReportInfo>) {
  const order = (k: string) => reportByKey.get(k)?.startLine ?? Number.MAX_SAFE_INTEGER;
  return (a: Evidence, b: Evidence) =>
    order(a.reportKey) - order(b.reportKey) || a.path.localeCompare(b.path) || a.line - b.line || (a.key < b.key ? -1 : 1);
}

/** Problem themes with no ADDRESSED_BY edge to a measure theme. */
function collectGaps(kg: KgLike): Set<string> {
  const gaps = new Set<string>();
  kg.forEachNode((key, a) => {
    if (a.label !== "Problem") return;
    const addressed = kg.someOutEdge(key, (_e, ea, _s, _t, _sa, ta) => ea.type === "ADDRESSED_BY" && ta.label === "Measure");
    if (!addressed) gaps.add(key);
  });
  return gaps;
}
