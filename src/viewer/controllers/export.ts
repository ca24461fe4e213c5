/*
 * Export buttons: the current view as a PNG with a title line (what the view shows and its filters)
 * and a legend (node types and the size scale) drawn around sigma's layers (@sigma/export-image),
 * and the visible part of the graph as GEXF for Gephi (graphology-gexf).
 */
import { drawOnCanvas } from "@sigma/export-image";
import Graph from "graphology";
import { write } from "graphology-gexf/browser";
import type Sigma from "sigma";

import { CJK_FONT_STACK, NODE_CAPTIONS, NODE_COLORS, nodeSize } from "../model/style.ts";
import { DISPLAY_LABELS } from "../model/types.ts";
import { el } from "../panels/dom.ts";
import { legendSteps, maxThemeCount } from "../panels/size-legend.ts";
import { SETTING_CAPTIONS } from "../panels/filters.ts";
import { isShown } from "../state.ts";
import type { ViewRenderer, ViewerContext } from "../state.ts";
import { downloadBlob, downloadText } from "./download.ts";

/** The visible subgraph with display and domain attributes (label, kind, recurrence, position, colour, size). */
export function visibleSubgraph(ctx: ViewerContext): Graph {
  const out = new Graph({ multi: true, type: "directed" });
  const state = ctx.state;
  ctx.view.graph.forEachNode((key, a) => {
    if (isShown(state, key)) out.addNode(key, { label: a.fullLabel, kind: a.kind, reportCount: a.reportCount, x: a.x, y: a.y, size: a.size, color: a.color });
  });
  ctx.view.graph.forEachEdge((key, a, source, target) => {
    if ((state.visibility.edges.has(key) || state.ego.edges.has(key)) && out.hasNode(source) && out.hasNode(target)) {
      out.addEdgeWithKey(key, source, target, { type: a.rel, weight: a.weight, reportCount: a.reportCount });
    }
  });
  return out;
}

/** The title line of an exported image: what is selected and which filters apply. */
export function viewTitle(ctx: ViewerContext): string {
  const s = ctx.state;
  const parts = ["党建调研报告知识图谱"];
  if (s.selectedNode && ctx.view.graph.hasNode(s.selectedNode)) parts.push(`选中 ${ctx.view.graph.getNodeAttribute(s.selectedNode, "fullLabel")}`);
  if (s.filters.settings) parts.push(`类型 ${[...s.filters.settings].map((x) => SETTING_CAPTIONS[x] ?? x).join("、")}`);
  if (s.filters.reportKey) parts.push(`报告 ${ctx.view.reportByKey.get(s.filters.reportKey)?.title ?? s.filters.reportKey}`);
  if (s.filters.minRecurrence > 1) parts.push(`至少 ${s.filters.minRecurrence} 份报告`);
  if (s.filters.gapsOnly) parts.push("只看无对策的问题");
  parts.push(`${ctx.view.reports.length} 份报告`);
  return parts.join(" · ");
}

const HEADER = 44;
const FOOTER = 64;

/** Draw the view, its title and legend onto one canvas. */
export async function renderViewImage(ctx: ViewerContext, renderer: ViewRenderer): Promise<HTMLCanvasElement> {
  const graphCanvas = await drawOnCanvas(renderer as unknown as Sigma, { backgroundColor: "#ffffff" });
  const ratio = graphCanvas.width / renderer.getDimensions().width || 1;
  const out = document.createElement("canvas");
  out.width = graphCanvas.width;
  out.height = graphCanvas.height + (HEADER + FOOTER) * ratio;
  const g = out.getContext("2d")!;
  g.scale(ratio, ratio);
  const width = out.width / ratio;
  g.fillStyle = "#ffffff";
  g.fillRect(0, 0, width, out.height / ratio);
  g.fillStyle = "#222";
  g.font = `bold 16px ${CJK_FONT_STACK}`;
  g.textBaseline = "middle";
  g.fillText(viewTitle(ctx), 12, HEADER / 2, width - 24);
  g.drawImage(graphCanvas, 0, HEADER, graphCanvas.width / ratio, graphCanvas.height / ratio);
  const y0 = HEADER + graphCanvas.height / ratio;
  g.strokeStyle = "#dddddd";
  g.beginPath();
  g.moveTo(0, y0 + 0.5);
  g.lineTo(width, y0 + 0.5);
  g.stroke();
  g.font = `13px ${CJK_FONT_STACK}`;
  let x = 12;
  const cy = y0 + FOOTER / 2;
  for (const kind of DISPLAY_LABELS) {
    if (!ctx.state.filters.labels.has(kind)) continue;
    g.fillStyle = NODE_COLORS[kind];
    g.beginPath();
    g.arc(x + 6, cy, 6, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = "#222";
    g.fillText(NODE_CAPTIONS[kind], x + 16, cy);
    x += 30 + g.measureText(NODE_CAPTIONS[kind]).width;
  }
  const max = maxThemeCount(ctx);
  x += 10;
  g.fillText("圆面积 ∝ 报告数:", x, cy);
  x += g.measureText("圆面积 ∝ 报告数:").width + 8;
  for (const count of legendSteps(max)) {
    const r = Math.min(FOOTER / 2 - 4, renderer.scaleSize(nodeSize("Problem", count, max)));
    g.fillStyle = "#bbbbbb";
    g.beginPath();
    g.arc(x + r, cy, r, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = "#222";
    g.fillText(String(count), x + 2 * r + 4, cy);
    x += 2 * r + 14 + g.measureText(String(count)).width;
  }
  return out;
}

/** Build the export buttons. */
export function createExportButtons(ctx: ViewerContext, renderer: ViewRenderer): HTMLElement {
  const png = el("button", { text: "导出 PNG", attrs: { type: "button", "data-testid": "export-png" } });
  png.addEventListener("click", () => {
    void renderViewImage(ctx, renderer).then((canvas) => canvas.toBlob((blob) => blob && downloadBlob(blob, "kg-view.png"), "image/png"));
  });
  const gexf = el("button", { text: "导出 GEXF", attrs: { type: "button", "data-testid": "export-gexf" } });
  gexf.addEventListener("click", () => {
    const xml = write(visibleSubgraph(ctx), { formatEdge: (_key, a) => ({ label: String(a.type), weight: Number(a.weight), attributes: a }) });
    downloadText(xml, "kg-graph.gexf", "application/xml");
  });
  return el("div", { className: "exports" }, [png, gexf]);
}
