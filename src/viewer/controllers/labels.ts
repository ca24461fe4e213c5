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

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Where a label stands relative to its node. */
export type LabelPos = "right" | "left" | "above" | "below";
const POSITIONS: LabelPos[] = ["right", "left", "above", "below"];

/** The label's box for a node at (cx, cy) of radius r, text width w. */
function labelBox(pos: LabelPos, cx: number, cy: number, r: number, w: number): Box {
  const h = LABEL_SIZE;
  if (pos === "right") return { x0: cx + r + 2, y0: cy - h * 0.75, x1: cx + r + 5 + w, y1: cy + h * 0.45 };
  if (pos === "left") return { x0: cx - r - 5 - w, y0: cy - h * 0.75, x1: cx - r - 2, y1: cy + h * 0.45 };
  if (pos === "above") return { x0: cx - w / 2 - 2, y0: cy - r - 3 - h, x1: cx + w / 2 + 2, y1: cy - r - 1 };
  return { x0: cx - w / 2 - 2, y0: cy + r + 1, x1: cx + w / 2 + 2, y1: cy + r + 3 + h };
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
  const pos = data.labelPos ?? "right";
  let x = data.x + data.size + 3;
  let y = data.y + size / 3;
  if (pos === "left") x = data.x - data.size - 3 - w;
  else if (pos === "above") {
    x = data.x - w / 2;
    y = data.y - data.size - 4;
  } else if (pos === "below") {
    x = data.x - w / 2;
    y = data.y + data.size + size;
  }
  context.lineWidth = 3;
  context.lineJoin = "round";
  context.strokeStyle = "rgba(255,255,255,0.9)";
  context.strokeText(data.label, x, y);
  context.fillStyle = "#222";
  context.fillText(data.label, x, y);
}

/** Compute the label placement for the current camera and state. */
export function placeLabels(ctx: ViewerContext, renderer: ViewRenderer, measure: (text: string) => number): Map<string, LabelPos> {
  const state = ctx.state;
  const graph = ctx.view.graph;
  const { width, height } = renderer.getDimensions();
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
    const a = graph.getNodeAttributes(c.key);
    const vp = renderer.graphToViewport({ x: a.x, y: a.y });
    const r = renderer.scaleSize(a.size);
    if (vp.x + r < 0 || vp.x - r > width || vp.y + r < 0 || vp.y - r > height) continue;
    discs.set(c.key, { x0: vp.x - r, y0: vp.y - r, x1: vp.x + r, y1: vp.y + r });
  }
  const placed: Box[] = [];
  const out = new Map<string, LabelPos>();
  const free = (key: string, box: Box) => {
    if (box.x0 < 0 || box.x1 > width || box.y0 < 0 || box.y1 > height) return false;
    if (placed.some((b) => overlaps(b, box))) return false;
    for (const [k, d] of discs) if (k !== key && overlaps(d, box)) return false;
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
    const pos = POSITIONS.find((p) => free(c.key, labelBox(p, cx, cy, r, w)));
    if (!pos) continue;
    placed.push(labelBox(pos, cx, cy, r, w));
    out.set(c.key, pos);
  }
  return out;
}

/** Keep ctx.labelled up to date; returns the cleanup. */
export function startLabelPlacer(ctx: ViewerContext, renderer: ViewRenderer): { schedule: () => void; cleanup: () => void } {
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
    const next = placeLabels(ctx, renderer, measure);
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
  const unsubscribe = subscribe(ctx, schedule);
  schedule();
  return {
    schedule,
    cleanup: () => {
      clearTimeout(timer);
      camera.off("updated", schedule);
      renderer.off("resize", schedule);
      unsubscribe();
    },
  };
}
