/*
 * Label placer: decides which node labels sigma draws, and on which side of the node, so that no
 * two labels overlap and no label covers another node. Candidates are taken in priority order (the
 * selection and its ego network, search matches, then the most recurrent nodes); each tries right,
 * left, above and below, and keeps the first free box. Runs after camera moves, layout steps and
 * state changes (debounced), and refreshes sigma only when the placement changes. drawNodeLabel
 * draws a label where the placer put it, with a white halo.
 */
import type { NodeDisplayData } from "sigma/types";
import type { Settings } from "sigma/settings";

import { CJK_FONT_STACK } from "../model/style.ts";
import { isShown, refresh, subscribe } from "../state.ts";
import type { ViewRenderer, ViewerContext } from "../state.ts";

/** Most labels on screen at once. */
export const MAX_LABELS = 80;
/** Font size of canvas labels (px); also sigma's labelSize. */
export const LABEL_SIZE = 13;

/** A rectangle in canvas pixels. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Where a label stands relative to its node. */
export type LabelPos = "right" | "left" | "above" | "below" | "ne" | "se" | "nw" | "sw";
const POSITIONS: LabelPos[] = ["right", "left", "above", "below", "ne", "se", "nw", "sw"];
/** The most recurrent problems and measures get a label even over small discs (never over a label). */
export const ALWAYS_LABELLED = 12;

/** Where the text starts (x) and its baseline (y) for a node at (cx, cy) of radius r, text width w, font size h. */
export function labelAnchor(pos: LabelPos, cx: number, cy: number, r: number, w: number, h: number): { x: number; y: number } {
  const d = r * 0.72;
  switch (pos) {
    case "right":
      return { x: cx + r + 3, y: cy + h / 3 };
    case "left":
      return { x: cx - r - 3 - w, y: cy + h / 3 };
    case "above":
      return { x: cx - w / 2, y: cy - r - 4 };
    case "below":
      return { x: cx - w / 2, y: cy + r + h };
    case "ne":
      return { x: cx + d + 2, y: cy - d - 2 };
    case "se":
      return { x: cx + d + 2, y: cy + d + h };
    case "nw":
      return { x: cx - d - 2 - w, y: cy - d - 2 };
    case "sw":
      return { x: cx - d - 2 - w, y: cy + d + h };
  }
}

/** The label's box for a node at (cx, cy) of radius r, text width w. */
function labelBox(pos: LabelPos, cx: number, cy: number, r: number, w: number): Box {
  const h = LABEL_SIZE;
  const a = labelAnchor(pos, cx, cy, r, w, h);
  return { x0: a.x - 2, y0: a.y - h * 0.95, x1: a.x + w + 2, y1: a.y + h * 0.25 };
}

/** Draw a node label at the side the placer chose (sigma's defaultDrawNodeLabel). */
export function drawNodeLabel(
  context: CanvasRenderingContext2D,
  data: Partial<NodeDisplayData> & { x: number; y: number; size: number; label: string | null; labelPos?: LabelPos },
  settings: Settings,
): void {
  if (!data.label) return;
  const size = settings.labelSize;
  context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
  const w = context.measureText(data.label).width;
  const { x, y } = labelAnchor(data.labelPos ?? "right", data.x, data.y, data.size, w, size);
  context.lineWidth = 3;
  context.lineJoin = "round";
  context.strokeStyle = "rgba(255,255,255,0.9)";
  context.strokeText(data.label, x, y);
  context.fillStyle = "#222";
  context.fillText(data.label, x, y);
}

/**
 * Draw a hovered or selected node's highlight (sigma's defaultDrawNodeHover): a white ring with a
 * shadow, and its label where the placer put it (sigma's own hover box would always stand on the right).
 */
export function drawNodeHover(
  context: CanvasRenderingContext2D,
  data: Partial<NodeDisplayData> & { x: number; y: number; size: number; label: string | null; labelPos?: LabelPos },
  settings: Settings,
): void {
  context.save();
  context.fillStyle = "#ffffff";
  context.shadowOffsetX = 0;
  context.shadowOffsetY = 0;
  context.shadowBlur = 8;
  context.shadowColor = "#000000";
  context.beginPath();
  context.arc(data.x, data.y, data.size + 3, 0, Math.PI * 2);
  context.closePath();
  context.fill();
  context.restore();
  drawNodeLabel(context, data, settings);
}

/** Compute the label placement for the current camera and state. */
export function placeLabels(
  ctx: ViewerContext,
  renderer: ViewRenderer,
  measure: (text: string) => number,
  rightInset = 0,
  obstacles: Box[] = [],
): Map<string, LabelPos> {
  const state = ctx.state;
  const graph = ctx.view.graph;
  const dims = renderer.getDimensions();
  // A panel over the right of the canvas hides what is under it: no label goes there.
  const width = dims.width - rightInset;
  const height = dims.height;
  const priority = (key: string): number => {
    if (key === state.selectedNode) return 0;
    if (state.selectedNode) return state.ego.nodes.has(key) ? 1 : 9;
    if (state.searchMatches.size > 0) return state.searchMatches.has(key) ? 1 : 9;
    return 2;
  };
  const candidates: { key: string; p: number; size: number }[] = [];
  graph.forEachNode((key, a) => {
    if (!isShown(state, key)) return;
    const p = priority(key);
    if (p === 9) return;
    candidates.push({ key, p, size: a.size });
  });
  candidates.sort((a, b) => a.p - b.p || b.size - a.size || (a.key < b.key ? -1 : 1));
  // Every drawn (not dimmed) node's disc is an obstacle: a label never covers another node.
  const discs = new Map<string, Box>();
  for (const c of candidates) {
    // Through sigma's current normalisation, as drawn (its cached display data can hold raw coordinates).
    const a = graph.getNodeAttributes(c.key);
    const vp = renderer.graphToViewport({ x: a.x, y: a.y });
    const r = renderer.scaleSize(a.size);
    if (vp.x + r < 0 || vp.x - r > width || vp.y + r < 0 || vp.y - r > height) continue;
    discs.set(c.key, { x0: vp.x - r, y0: vp.y - r, x1: vp.x + r, y1: vp.y + r });
  }
  // Boxes already taken: the overlays on the canvas (size legend, buttons), then each placed label.
  const placed: Box[] = [...obstacles];
  const out = new Map<string, LabelPos>();
  const top = new Set(
    graph
      .filterNodes((k, a) => (a.kind === "Problem" || a.kind === "Measure") && discs.has(k))
      .sort((x, y) => graph.getNodeAttribute(y, "reportCount") - graph.getNodeAttribute(x, "reportCount") || (x < y ? -1 : 1))
      .slice(0, ALWAYS_LABELLED),
  );
  const free = (key: string, box: Box, overDiscs: boolean, ownDiameter: number) => {
    if (box.x0 < 0 || box.x1 > width || box.y0 < 0 || box.y1 > height) return false;
    if (placed.some((b) => overlaps(b, box))) return false;
    for (const [k, d] of discs) {
      if (k === key || !overlaps(d, box)) continue;
      // A top theme's label may cross a smaller disc (its own stays readable), never an equal or bigger one.
      if (!overDiscs || d.x1 - d.x0 >= ownDiameter) return false;
    }
    return true;
  };
  for (const c of candidates) {
    if (out.size >= MAX_LABELS) break;
    const disc = discs.get(c.key);
    if (!disc) continue;
    const a = graph.getNodeAttributes(c.key);
    const r = (disc.x1 - disc.x0) / 2;
    const cx = disc.x0 + r;
    const cy = disc.y0 + r;
    const text = c.key === state.selectedNode ? `${a.fullLabel} (${a.reportCount})` : a.label;
    const w = measure(text);
    const pos =
      POSITIONS.find((p) => free(c.key, labelBox(p, cx, cy, r, w), false, 2 * r)) ??
      (top.has(c.key) || c.key === state.selectedNode ? POSITIONS.find((p) => free(c.key, labelBox(p, cx, cy, r, w), true, 2 * r)) : undefined);
    if (!pos) continue;
    placed.push(labelBox(pos, cx, cy, r, w));
    out.set(c.key, pos);
  }
  return out;
}

/** Keep ctx.labelled up to date; returns the cleanup. */
export function startLabelPlacer(
  ctx: ViewerContext,
  renderer: ViewRenderer,
  rightInset: () => number = () => 0,
  overlays: () => HTMLElement[] = () => [],
): { schedule: () => void; cleanup: () => void } {
  const canvas = document.createElement("canvas").getContext("2d")!;
  canvas.font = `normal ${LABEL_SIZE}px ${CJK_FONT_STACK}`;
  const widths = new Map<string, number>();
  const measure = (text: string) => {
    let w = widths.get(text);
    if (w === undefined) widths.set(text, (w = canvas.measureText(text).width));
    return w;
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    timer = undefined;
    const stage = renderer.getContainer().getBoundingClientRect();
    const obstacles = overlays()
      .filter((e) => !e.hidden)
      .map((e) => e.getBoundingClientRect())
      .map((r) => ({ x0: r.left - stage.left, y0: r.top - stage.top, x1: r.right - stage.left, y1: r.bottom - stage.top }));
    const next = placeLabels(ctx, renderer, measure, rightInset(), obstacles);
    const same = next.size === ctx.labelled.size && [...next].every(([k, p]) => ctx.labelled.get(k) === p);
    if (same) return;
    ctx.labelled = next;
    refresh(ctx);
  };
  const schedule = () => {
    if (timer === undefined) timer = setTimeout(run, 60);
  };
  const camera = renderer.getCamera();
  camera.on("updated", schedule);
  renderer.on("resize", schedule);
  // After each render sigma's positions and sizes are what is on screen: place again from those (a
  // placement that did not change triggers nothing, so this settles).
  renderer.on("afterRender", schedule);
  const unsubscribe = subscribe(ctx, schedule);
  schedule();
  return {
    schedule,
    cleanup: () => {
      clearTimeout(timer);
      camera.off("updated", schedule);
      renderer.off("resize", schedule);
      renderer.off("afterRender", schedule);
      unsubscribe();
    },
  };
}
