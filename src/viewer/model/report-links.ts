/*
 * Report links on demand. The summary the page opens with has no Report nodes and none of the
 * report links (about 15 per report: 75,000 at 5,000 reports), so the first screen only builds the
 * themes. The links come when something needs them, through view.details.reportLinks:
 * - a selection: the selected node's links (a theme's reports, a report's themes), once per node;
 *   the strongest EGO_LIMIT_PER_KIND reports of a theme join the display graph (its ego network),
 *   the side panel lists all of them;
 * - the Report layer: every link, once, and every report joins the display graph.
 * A Report node is made from the report list (title, setting) and placed beside the nodes it links
 * to (their centroid, a seeded offset), since the layout ran before it existed.
 */
import { EGO_LIMIT_PER_KIND } from "./details.ts";
import { EDGE_COLORS, NODE_COLORS, edgeSize, labelFor, nodeSize, seededPosition } from "./style.ts";
import type { ReportLink, ViewModel } from "./types.ts";

/** Key of a report link's edge in the display graph. */
export function reportEdgeKey(view: ViewModel, link: ReportLink): string {
  return `${link[2]}:${view.reports[link[0]]!.key}->${link[1]}`;
}

/** Add a report's node to the display graph (from the report list) if it is not there; false for an unknown key. */
export function ensureReportNode(view: ViewModel, reportKey: string, at?: { x: number; y: number }): boolean {
  if (view.graph.hasNode(reportKey)) return true;
  const report = view.reportByKey.get(reportKey);
  if (!report) return false;
  view.graph.addNode(reportKey, {
    label: labelFor("Report", report.title, 1),
    fullLabel: report.title,
    kind: "Report",
    ...(at ?? seededPosition(reportKey)),
    size: nodeSize("Report", 1, 1),
    color: NODE_COLORS.Report,
    reportCount: 1,
    setting: report.setting,
  });
  return true;
}

/** Half the width of the display graph's extent: report nodes are placed within a small part of it around their themes. */
function extent(view: ViewModel): number {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  view.graph.forEachNode((_k, a) => {
    if (a.kind === "Report") return;
    if (a.x < minX) minX = a.x;
    if (a.x > maxX) maxX = a.x;
    if (a.y < minY) minY = a.y;
    if (a.y > maxY) maxY = a.y;
  });
  return Number.isFinite(minX) ? Math.max(1, (maxX - minX + maxY - minY) / 4) : 100;
}

/** Where a report goes: the centroid of the nodes it links to, offset by a seeded amount. */
function placeNear(view: ViewModel, reportKey: string, targets: readonly string[], spread: number): { x: number; y: number } {
  let x = 0;
  let y = 0;
  let n = 0;
  for (const t of targets) {
    if (!view.graph.hasNode(t)) continue;
    const a = view.graph.getNodeAttributes(t);
    if (a.kind === "Report") continue;
    x += a.x;
    y += a.y;
    n++;
  }
  const jitter = seededPosition(reportKey);
  const s = spread * 0.004;
  return n === 0 ? jitter : { x: x / n + jitter.x * s, y: y / n + jitter.y * s };
}

/** Add links (and their Report nodes) to the display graph; returns how many edges were new. */
export function addReportLinks(view: ViewModel, links: readonly ReportLink[]): number {
  const targets = new Map<string, string[]>();
  for (const link of links) {
    const report = view.reports[link[0]];
    if (!report || !view.graph.hasNode(link[1])) continue;
    const list = targets.get(report.key);
    if (list) list.push(link[1]);
    else targets.set(report.key, [link[1]]);
  }
  const spread = extent(view);
  for (const [report, ts] of targets) if (!view.graph.hasNode(report)) ensureReportNode(view, report, placeNear(view, report, ts, spread));
  let added = 0;
  for (const link of links) {
    const report = view.reports[link[0]];
    if (!report || !view.graph.hasNode(link[1]) || !view.graph.hasNode(report.key)) continue;
    const key = reportEdgeKey(view, link);
    if (view.graph.hasEdge(key)) continue;
    const weight = Math.max(1, link[3]);
    view.graph.addEdgeWithKey(key, report.key, link[1], {
      type: "arrow",
      rel: link[2],
      weight,
      size: edgeSize(weight),
      color: EDGE_COLORS[link[2]] ?? "#cccccc",
      reportCount: link[3],
    });
    added++;
  }
  return added;
}

/** Put every Report node in the display graph beside its themes again (after the layout moved them). */
export function placeReportNodes(view: ViewModel): void {
  const spread = extent(view);
  const reports = view.graph.filterNodes((_k, a) => a.kind === "Report");
  for (const key of reports) {
    const at = placeNear(view, key, view.graph.outNeighbors(key), spread);
    view.graph.mergeNodeAttributes(key, at);
  }
}

/** A node's report links, when they have been loaded (else undefined). */
export function loadedReportLinks(view: ViewModel, key: string): ReportLink[] | undefined {
  return view.reportLinks.loaded.get(key);
}

/** Load a node's report links (once; a failed load is tried again next time). */
export function loadNodeReportLinks(view: ViewModel, key: string): Promise<ReportLink[]> {
  const cache = view.reportLinks;
  let p = cache.byNode.get(key);
  if (!p) {
    p = view.details.reportLinks(key).then((links) => {
      cache.loaded.set(key, links);
      return links;
    });
    p.catch(() => cache.byNode.delete(key));
    cache.byNode.set(key, p);
  }
  return p;
}

/**
 * The links of a selected node that join the display graph: for a report, all of them; for a
 * theme, its strongest EGO_LIMIT_PER_KIND reports (most reports behind the link, then report order).
 */
export function egoReportLinks(view: ViewModel, key: string, links: readonly ReportLink[]): ReportLink[] {
  if (view.reportByKey.has(key)) return [...links];
  return links
    .filter((l) => l[1] === key)
    .sort((a, b) => b[3] - a[3] || a[0] - b[0])
    .slice(0, EGO_LIMIT_PER_KIND);
}

/** Add every report and every report link to the display graph. */
export function addAllReportLinks(view: ViewModel, links: readonly ReportLink[]): void {
  for (const r of view.reports) ensureReportNode(view, r.key);
  addReportLinks(view, links);
  placeReportNodes(view);
  view.reportLinks.complete = true;
  view.reportLinks.all ??= Promise.resolve();
}

/** Load every report link and add every report and link to the display graph (once). */
export function loadAllReportLinks(view: ViewModel): Promise<void> {
  const cache = view.reportLinks;
  if (!cache.all) {
    cache.all = view.details.reportLinks(null).then((links) => addAllReportLinks(view, links));
    cache.all.catch(() => (cache.all = null));
  }
  return cache.all;
}
