/*
 * Export buttons: the current view as PNG (sigma's layers drawn onto one canvas by
 * @sigma/export-image) and the visible part of the graph as GEXF for Gephi (graphology-gexf).
 */
import { downloadAsPNG } from "@sigma/export-image";
import Graph from "graphology";
import { write } from "graphology-gexf/browser";
import type Sigma from "sigma";

import { el } from "../panels/dom.ts";
import type { ViewRenderer, ViewerContext } from "../state.ts";

/** The visible subgraph with display and domain attributes (label, kind, recurrence, position, colour, size). */
export function visibleSubgraph(ctx: ViewerContext): Graph {
  const out = new Graph({ multi: true, type: "directed" });
  const { nodes, edges } = ctx.state.visibility;
  ctx.view.graph.forEachNode((key, a) => {
    if (nodes.has(key)) out.addNode(key, { label: a.label, kind: a.kind, reportCount: a.reportCount, x: a.x, y: a.y, size: a.size, color: a.color });
  });
  ctx.view.graph.forEachEdge((key, a, source, target) => {
    if (edges.has(key)) out.addEdgeWithKey(key, source, target, { type: a.rel, weight: a.weight, reportCount: a.reportCount });
  });
  return out;
}

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = el("a", { attrs: { href: url, download: fileName } });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Build the export buttons. */
export function createExportButtons(ctx: ViewerContext, renderer: ViewRenderer): HTMLElement {
  const png = el("button", { text: "导出 PNG", attrs: { type: "button", "data-testid": "export-png" } });
  png.addEventListener("click", () => void downloadAsPNG(renderer as unknown as Sigma, { fileName: "kg-view", backgroundColor: "#ffffff" }));
  const gexf = el("button", { text: "导出 GEXF", attrs: { type: "button", "data-testid": "export-gexf" } });
  gexf.addEventListener("click", () => {
    const xml = write(visibleSubgraph(ctx), { formatEdge: (_key, a) => ({ label: String(a.type), weight: Number(a.weight), attributes: a }) });
    download(new Blob([xml], { type: "application/xml" }), "kg-graph.gexf");
  });
  return el("div", { className: "exports" }, [png, gexf]);
}
