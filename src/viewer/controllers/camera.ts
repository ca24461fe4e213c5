/*
 * Camera: fit the view to a set of nodes (the visible ones after every filter change, the ego
 * network of a selection) by moving the camera onto their bounding box, and move onto one node.
 */
import type { ViewRenderer } from "../state.ts";

/** Smallest camera ratio a fit zooms to (a single node is not blown up to fill the screen). */
export const MIN_FIT_RATIO = 0.05;
/** Margins (px) kept free around the fitted nodes, for their discs and labels (labels run sideways). */
export const FIT_MARGIN_X = 130;
export const FIT_MARGIN_Y = 50;

/**
 * The camera state that shows the given nodes filling the canvas. Positions go through sigma's
 * current normalisation (graphToViewport), as drawn; sigma's cached display data can still hold raw
 * coordinates right after a layout step, so they are not used.
 */
export function fitState(renderer: ViewRenderer, keys: Iterable<string>, insets: { right?: number } = {}): { x: number; y: number; ratio: number; angle: number } | null {
  const graph = renderer.getGraph();
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const key of keys) {
    if (!graph.hasNode(key)) continue;
    const a = graph.getNodeAttributes(key);
    const p = renderer.graphToViewport({ x: a.x, y: a.y });
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
    x0 = Math.min(x0, p.x);
    x1 = Math.max(x1, p.x);
    y0 = Math.min(y0, p.y);
    y1 = Math.max(y1, p.y);
  }
  if (x0 === Infinity) return null;
  const { width: full, height } = renderer.getDimensions();
  const right = Math.min(insets.right ?? 0, full / 2);
  const width = full - right;
  const camera = renderer.getCamera();
  const scale = Math.max((x1 - x0) / Math.max(1, width - 2 * FIT_MARGIN_X), (y1 - y0) / Math.max(1, height - 2 * FIT_MARGIN_Y));
  const ratio = Math.min(8, Math.max(MIN_FIT_RATIO, camera.ratio * scale));
  // Centre the box in the part of the canvas left free: the camera's centre sits `right / 2` px to the
  // right of the box's centre, at the new zoom (ratio / camera.ratio px of now per px then).
  const shift = (right / 2) * (ratio / camera.ratio);
  const centre = renderer.viewportToFramedGraph({ x: (x0 + x1) / 2 + shift, y: (y0 + y1) / 2 });
  return { x: centre.x, y: centre.y, ratio, angle: 0 };
}

/**
 * Frame the given nodes: after sigma's next render (so positions are the ones on screen, even right
 * after a layout step or a resize), the camera centres on their box and zooms so it fills the canvas.
 * Only the camera moves: no re-indexation of the graph, so it is cheap at any size.
 */
export function fitToNodes(renderer: ViewRenderer, keys: Iterable<string>, instant = false, insets: { right?: number } = {}): void {
  const list = [...keys];
  renderer.once("afterRender", () => {
    const state = fitState(renderer, list, insets);
    if (!state) return;
    // animate() also cancels a fit still running (a camera.setState would be overwritten by it).
    void renderer.getCamera().animate(state, { duration: instant ? 1 : 300 });
  });
  renderer.scheduleRender();
}

/** Move the camera onto a node (search results, linked nodes). */
export function focusNode(renderer: ViewRenderer, key: string): void {
  const data = renderer.getNodeDisplayData(key);
  if (!data) return;
  void renderer.getCamera().animate({ x: data.x, y: data.y, ratio: 0.35 }, { duration: 450 });
}
