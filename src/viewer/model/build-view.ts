/*
 * Serialized KgGraph → view. Two steps, so the server can do the heavy one:
 * - buildViewParts(kg): the summary the first screen, the list and the matrices need (theme,
 *   mechanism and organisation nodes with their reports, the links between them, gaps, problem ×
 *   measure pairs, statement counts per report, the report list) as plain JSON (`kg serve` sends it
 *   at /api/summary, compressed), and apart from it the report links (Report → theme, mechanism,
 *   organisation: about 15 per report), which the page loads only when it needs them
 *   (model/report-links.ts: a selection's reports, or the Report layer).
 * - viewFromData(data, details): the display graph sigma draws (no Report nodes until their links
 *   are loaded) and the lookup maps.
 * Quotes and report links are never in the summary: a DetailsSource gives them on demand
 * (createLocalDetails over the graph in memory, or the server's /api/evidence, /api/pair and
 * /api/report-links). Pure: never changes the knowledge graph.
 */
import Graph from "graphology";
import type { SerializedGraph } from "graphology-types";

import { addAllReportLinks } from "./report-links.ts";
import { EDGE_COLORS, NODE_COLORS, edgeSize, labelFor, nodeSize, seededPosition } from "./style.ts";
import { DISPLAY_LABELS } from "./types.ts";
export type { ReportLink } from "./types.ts";
import type {
  DetailsSource,
  DisplayLabel,
  Evidence,
  PairInfo,
  PairQuote,
  ReportInfo,
  ReportLink,
  ViewEdgeAttributes,
  ViewGraph,
  ViewModel,
  ViewNodeAttributes,
} from "./types.ts";

type Attrs = Record<string, unknown>;
type KgLike = Graph<Attrs, Attrs, Attrs>;

const DISPLAY_SET = new Set<string>(DISPLAY_LABELS);

/** A display node in the summary. `reports` are indices into ViewData.reports. */
export interface ViewDataNode {
  key: string;
  name: string;
  kind: DisplayLabel;
  reportCount: number;
  family?: string;
  setting?: string;
  reports: number[];
}

/** The summary of a graph: everything but the quotes and the report links. Plain JSON. */
export interface ViewData {
  version: 2;
  reports: ReportInfo[];
  nodes: ViewDataNode[];
  /** [key, source, target, rel, reportCount] */
  edges: [string, string, string, string, number][];
  gaps: string[];
  /** [problem, measure, report indices] */
  pairs: [string, string, number[]][];
  /** [theme, [report index, statements][]] */
  cells: [string, [number, number][]][];
}

/** Import a `graph.export()` JSON document into a graphology graph. */
export function importKgGraph(data: SerializedGraph): KgLike {
  const graph: KgLike = new Graph({ multi: true, type: "directed", allowSelfLoops: true });
  graph.import(data as SerializedGraph<Attrs, Attrs, Attrs>);
  return graph;
}

/**
 * Derive everything the viewer shows from the knowledge graph (quotes and report links from the
 * graph in memory). Reports join the display graph on demand, as with `kg serve`; with
 * `allReports` every report and report link is in it at once (tests, the benchmark).
 */
export function buildView(kg: KgLike, options: { allReports?: boolean } = {}): ViewModel {
  const { data, links } = buildViewParts(kg);
  const view = viewFromData(data, createLocalDetails(kg, data.reports, links));
  if (options.allReports) addAllReportLinks(view, links);
  return view;
}

function str(value: unknown, fallback = ""): string {
  return typeof value === "string" ? value : fallback;
}

function num(value: unknown, fallback = 0): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

/** The summary of the knowledge graph (what /api/summary sends). */
export function buildViewData(kg: KgLike): ViewData {
  return buildViewParts(kg).data;
}

/** The summary and, apart from it, every report link (loaded on demand). */
export function buildViewParts(kg: KgLike): { data: ViewData; links: ReportLink[] } {
  const reports = collectReports(kg);
  const reportIndex = new Map(reports.map((r, i) => [r.key, i]));
  const themeOf = new Map<string, string>();
  const reportOf = new Map<string, string>();
  kg.forEachNode((key, a) => {
    if (a.label !== "Statement") return;
    const r = str(a.reportKey);
    if (r && reportIndex.has(r)) reportOf.set(key, r);
  });
  kg.forEachEdge((_e, a, source, target, sa, ta) => {
    if (a.type === "INSTANCE_OF" && sa.label === "Statement" && (ta.label === "Problem" || ta.label === "Measure")) themeOf.set(source, target);
  });
  const nodeReports = new Map<string, Set<string>>();
  const addReport = (node: string, report: string) => {
    let set = nodeReports.get(node);
    if (!set) nodeReports.set(node, (set = new Set()));
    set.add(report);
  };
  const cells = new Map<string, Map<string, number>>();
  for (const [st, theme] of themeOf) {
    const r = reportOf.get(st);
    if (!r) continue;
    addReport(theme, r);
    let row = cells.get(theme);
    if (!row) cells.set(theme, (row = new Map()));
    row.set(r, (row.get(r) ?? 0) + 1);
  }
  const derived = new Map<string, { source: string; target: string; rel: string; reports: Set<string> }>();
  const derive = (source: string, target: string, rel: string, report: string | undefined) => {
    if (source === target) return;
    const k = `${rel}:${source}->${target}`;
    let d = derived.get(k);
    if (!d) derived.set(k, (d = { source, target, rel, reports: new Set() }));
    if (report) d.reports.add(report);
  };
  const pairs = new Map<string, PairInfo>();
  kg.forEachEdge((_e, a, source, target, sa, ta) => {
    const type = str(a.type);
    if ((type === "RAISES" || type === "PROPOSES" || type === "MENTIONS") && sa.label === "Report" && reportIndex.has(source)) addReport(target, source);
    else if (type === "MENTIONS" && sa.label === "Statement" && ta.label === "Mechanism") {
      // A mechanism named inside a problem or measure: theme → mechanism.
      const theme = themeOf.get(source);
      if (theme) derive(theme, target, "MENTIONS", reportOf.get(source));
    } else if (type === "CAUSES" && sa.label === "Statement" && ta.label === "Statement") {
      const from = themeOf.get(source);
      const to = themeOf.get(target);
      if (from && to) derive(from, to, "CAUSES", reportOf.get(source));
    } else if (type === "ADDRESSED_BY" && sa.label === "Statement" && ta.label === "Statement") {
      const p = themeOf.get(source);
      const m = themeOf.get(target);
      const r = reportOf.get(source);
      if (!p || !m || !r || kg.getNodeAttribute(p, "label") !== "Problem" || kg.getNodeAttribute(m, "label") !== "Measure") return;
      const k = `${p}\u0000${m}`;
      let pair = pairs.get(k);
      if (!pair) pairs.set(k, (pair = { problem: p, measure: m, reports: new Set() }));
      pair.reports.add(r);
    }
  });
  // Report nodes are not in the summary: the page makes them from `reports` when their links come.
  const nodes: ViewDataNode[] = [];
  kg.forEachNode((key, a) => {
    const kind = str(a.label);
    if (!DISPLAY_SET.has(kind) || kind === "Report") return;
    const own = [...(nodeReports.get(key) ?? [])];
    const node: ViewDataNode = {
      key,
      name: str(a.name) || key,
      kind: kind as DisplayLabel,
      reportCount: Math.max(num(a.reportCount), own.length),
      reports: own.map((r) => reportIndex.get(r)!).filter((i) => i !== undefined).sort((x, y) => x - y),
    };
    // People read the family's label (党员队伍); its id (membership) only when a graph has no label.
    const family = str(a.familyLabel) || str(a.family);
    if (family) node.family = family;
    nodes.push(node);
  });
  const display = new Set(nodes.map((n) => n.key));
  const edges: ViewData["edges"] = [];
  const links: ReportLink[] = [];
  const seen = new Set<string>();
  kg.forEachEdge((edge, a, source, target) => {
    if (source === target) return;
    const rel = str(a.type);
    if (display.has(target) && reportIndex.has(source)) {
      links.push([reportIndex.get(source)!, target, rel, num(a.reportCount, 1)]);
      return;
    }
    if (!display.has(source) || !display.has(target)) return;
    seen.add(`${rel}:${source}->${target}`);
    edges.push([edge, source, target, rel, num(a.reportCount, 1)]);
  });
  for (const [k, d] of [...derived].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    if (seen.has(k) || !display.has(d.source) || !display.has(d.target)) continue;
    edges.push([`derived:${k}`, d.source, d.target, d.rel, Math.max(1, d.reports.size)]);
  }
  links.sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0) || (x[2] < y[2] ? -1 : 1));
  return { data: {
    version: 2,
    reports,
    nodes,
    edges,
    gaps: collectGaps(kg),
    pairs: [...pairs.values()].map((p) => [p.problem, p.measure, [...p.reports].map((r) => reportIndex.get(r)!).sort((x, y) => x - y)]),
    cells: [...cells].map(([theme, row]) => [theme, [...row].map(([r, n]) => [reportIndex.get(r)!, n] as [number, number]).sort((x, y) => x[0] - y[0])]),
  }, links };
}

function collectReports(kg: KgLike): ReportInfo[] {
  const reports: ReportInfo[] = [];
  kg.forEachNode((key, a) => {
    if (a.label !== "Report") return;
    const info: ReportInfo = { key, title: str(a.name) || str(a.title) || key, setting: str(a.setting, "unknown"), startLine: num(a.startLine) };
    for (const field of ["path", "organisation", "region", "year"] as const) {
      const v = a[field];
      if (typeof v === "string" && v) info[field] = v;
      else if (typeof v === "number") info[field] = String(v);
    }
    reports.push(info);
  });
  return reports.sort((a, b) => (a.path ?? "").localeCompare(b.path ?? "") || a.startLine - b.startLine || (a.key < b.key ? -1 : 1));
}

/** Problem themes with no ADDRESSED_BY edge to a measure theme. */
function collectGaps(kg: KgLike): string[] {
  const gaps: string[] = [];
  kg.forEachNode((key, a) => {
    if (a.label !== "Problem") return;
    const addressed = kg.someOutEdge(key, (_e, ea, _s, _t, _sa, ta) => ea.type === "ADDRESSED_BY" && ta.label === "Measure");
    if (!addressed) gaps.push(key);
  });
  return gaps;
}

/** Build the display graph and lookups from a summary. */
export function viewFromData(data: ViewData, details: DetailsSource): ViewModel {
  const reports = data.reports;
  const reportByKey = new Map(reports.map((r) => [r.key, r]));
  let maxCount = 1;
  // One scale, topped by the most recurrent problem or measure (the answer the view is about); a
  // mechanism or organisation mentioned by more reports is drawn at the top size, its label says its count.
  for (const n of data.nodes) if ((n.kind === "Problem" || n.kind === "Measure") && n.reportCount > maxCount) maxCount = n.reportCount;
  const graph: ViewGraph = new Graph<ViewNodeAttributes, ViewEdgeAttributes>({ multi: true, type: "directed" });
  const nodeReports = new Map<string, Set<string>>();
  for (const n of data.nodes) {
    const attrs: ViewNodeAttributes = {
      label: labelFor(n.kind, n.name, n.reportCount),
      fullLabel: n.name,
      kind: n.kind,
      ...seededPosition(n.key),
      size: nodeSize(n.kind, n.reportCount, maxCount),
      color: NODE_COLORS[n.kind],
      reportCount: n.reportCount,
    };
    if (n.family) attrs.family = n.family;
    if (n.setting) attrs.setting = n.setting;
    graph.addNode(n.key, attrs);
    nodeReports.set(n.key, new Set(n.reports.map((i) => reports[i]!.key)));
  }
  for (const [key, source, target, rel, reportCount] of data.edges) {
    if (!graph.hasNode(source) || !graph.hasNode(target)) continue;
    const weight = Math.max(1, reportCount);
    graph.addEdgeWithKey(key, source, target, {
      type: "arrow",
      rel,
      weight,
      size: edgeSize(weight),
      color: EDGE_COLORS[rel] ?? "#cccccc",
      reportCount,
    });
  }
  const pairs = new Map<string, PairInfo>();
  for (const [problem, measure, idx] of data.pairs) {
    pairs.set(`${problem}\u0000${measure}`, { problem, measure, reports: new Set(idx.map((i) => reports[i]!.key)) });
  }
  const cellCounts = new Map<string, Map<string, number>>();
  for (const [theme, row] of data.cells) cellCounts.set(theme, new Map(row.map(([i, n]) => [reports[i]!.key, n])));
  const settings = [...new Set(reports.map((r) => r.setting))].sort();
  for (const r of reports) nodeReports.set(r.key, new Set([r.key]));
  return { graph, reports, reportByKey, nodeReports, cellCounts, pairs, gaps: new Set(data.gaps), settings, details, reportLinks: { byNode: new Map(), loaded: new Map(), all: null, complete: false } };
}

/** Quotes from the knowledge graph in memory: theme statements, report statements, entity mentions, paired quotes. */
export function createLocalDetails(
  kg: KgLike,
  reports: ReportInfo[],
  links: ReportLink[] = buildViewParts(kg).links,
): DetailsSource & { evidenceSync(key: string): Evidence[]; pairQuotesSync(p: string, m: string): PairQuote[]; reportLinksSync(key: string | null): ReportLink[] } {
  const linksByNode = indexReportLinks(links, reports);
  const reportByKey = new Map(reports.map((r) => [r.key, r]));
  const order = new Map(reports.map((r, i) => [r.key, i]));
  const compare = (a: Evidence, b: Evidence) =>
    (order.get(a.reportKey) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.reportKey) ?? Number.MAX_SAFE_INTEGER) ||
    a.line - b.line ||
    (a.key < b.key ? -1 : 1);
  const themeOfStatement = (st: string): string | undefined => {
    let theme: string | undefined;
    kg.forEachOutEdge(st, (_e, a, _s, t) => {
      if (a.type === "INSTANCE_OF") theme = t;
    });
    return theme;
  };
  const titleOf = (reportKey: string, fallback = "") => reportByKey.get(reportKey)?.title ?? (fallback || reportKey);
  const statementEvidence = (key: string): Evidence => {
    const a = kg.getNodeAttributes(key);
    const reportKey = str(a.reportKey);
    const quote = str(a.quote) || str(a.text);
    const ev: Evidence = { key, quote, reportKey, reportTitle: titleOf(reportKey, str(a.reportTitle)), line: num(a.line), path: str(a.path), kind: str(a.kind) };
    const item = str(a.itemText);
    if (item) {
      ev.context = item;
      const at = item.indexOf(quote);
      if (at >= 0) {
        ev.markStart = at;
        ev.markEnd = at + quote.length;
      }
    }
    return ev;
  };
  const evidenceSync = (nodeKey: string): Evidence[] => {
    if (!kg.hasNode(nodeKey)) return [];
    const label = kg.getNodeAttribute(nodeKey, "label");
    const out: Evidence[] = [];
    if (label === "Problem" || label === "Measure") {
      kg.forEachInEdge(nodeKey, (_e, a, s, _t, sa) => {
        if (a.type === "INSTANCE_OF" && sa.label === "Statement") out.push(statementEvidence(s));
      });
    } else if (label === "Report") {
      kg.forEachOutEdge(nodeKey, (_e, a, _s, t, _sa, ta) => {
        if (a.type === "CONTAINS" && ta.label === "Statement") out.push(statementEvidence(t));
      });
    } else {
      kg.forEachInEdge(nodeKey, (edge, a, s, _t, sa) => {
        if (a.type !== "MENTIONS" || typeof a.quote !== "string") return;
        if (sa.label === "Report") {
          const sentence = str(a.sentence) || a.quote;
          const at = sentence.indexOf(a.quote);
          out.push({
            key: edge,
            quote: a.quote,
            reportKey: s,
            reportTitle: titleOf(s),
            line: num(a.line),
            path: str(a.path),
            kind: "mention",
            context: sentence,
            ...(at >= 0 ? { markStart: at, markEnd: at + a.quote.length } : {}),
          });
        } else if (sa.label === "Statement") {
          const reportKey = str(sa.reportKey);
          const theme = themeOfStatement(s);
          const ev: Evidence = {
            key: edge,
            quote: a.quote,
            reportKey,
            reportTitle: titleOf(reportKey, str(sa.reportTitle)),
            line: num(a.line),
            path: str(a.path),
            kind: str(sa.kind),
            context: a.quote,
          };
          if (typeof a.termStart === "number" && typeof a.termEnd === "number") {
            ev.markStart = a.termStart;
            ev.markEnd = a.termEnd;
          }
          if (theme) {
            ev.themeKey = theme;
            ev.themeLabel = str(kg.getNodeAttribute(theme, "name"), theme);
          }
          out.push(ev);
        }
      });
    }
    return out.sort(compare);
  };
  const pairQuotesSync = (problem: string, measure: string): PairQuote[] => {
    if (!kg.hasNode(problem)) return [];
    const out: PairQuote[] = [];
    kg.forEachInEdge(problem, (_e, a, st, _t, sa) => {
      if (a.type !== "INSTANCE_OF" || sa.label !== "Statement") return;
      kg.forEachOutEdge(st, (_e2, a2, _s2, target, _sa2, ta2) => {
        if (a2.type !== "ADDRESSED_BY" || ta2.label !== "Statement" || themeOfStatement(target) !== measure) return;
        const p = statementEvidence(st);
        out.push({ reportKey: p.reportKey, reportTitle: p.reportTitle, problem: p, measure: statementEvidence(target) });
      });
    });
    return out.sort((x, y) => compare(x.problem, y.problem) || compare(x.measure, y.measure));
  };
  return {
    evidenceSync,
    pairQuotesSync,
    reportLinksSync: (key) => (key === null ? links : (linksByNode.get(key) ?? [])),
    evidence: async (key) => evidenceSync(key),
    pairQuotes: async (p, m) => pairQuotesSync(p, m),
    reportLinks: async (key) => (key === null ? links : (linksByNode.get(key) ?? [])),
  };
}

/** Report links by node: a display node's links, and a report's links under the report's key. */
export function indexReportLinks(links: readonly ReportLink[], reports: readonly ReportInfo[]): Map<string, ReportLink[]> {
  const byNode = new Map<string, ReportLink[]>();
  const add = (key: string, link: ReportLink) => {
    const list = byNode.get(key);
    if (list) list.push(link);
    else byNode.set(key, [link]);
  };
  for (const link of links) {
    add(link[1], link);
    const report = reports[link[0]];
    if (report) add(report.key, link);
  }
  return byNode;
}
