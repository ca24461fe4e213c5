/*
 * Camera: fit the view to a set of nodes (the visible ones after every filter change, the ego
 * network of a selection) by moving the camera onto their bounding box, and move onto one node.
 */
import type { ViewRenderer } from "../state.ts";

/** Bounding box of some nodes in sigma's framed coordinates (the whole graph spans [0, 1]), or null. */
export function framedBBox(renderer: ViewRenderer, keys: Iterable<string>): { x: [number, number]; y: [number, number] } | null {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const key of keys) {
    const d = renderer.getNodeDisplayData(key);
    if (!d) continue;
    if (d.x < minX) minX = d.x;
    if (d.x > maxX) maxX = d.x;
    if (d.y < minY) minY = d.y;
    if (d.y > maxY) maxY = d.y;
  }
  return minX === Infinity ? null : { x: [minX, maxX], y: [minY, maxY] };
}

/** Smallest camera ratio a fit zooms to (a single node is not blown up to fill the screen). */
export const MIN_FIT_RATIO = 0.12;

/**
 * Frame the given nodes: the camera centres on their bounding box and zooms so it fills the canvas
 * (a little padding). Only the camera moves: no re-indexation of the graph, so it is cheap at any size.
 */
export function fitToNodes(renderer: ViewRenderer, keys: Iterable<string>, instant = false): void {
  const bbox = framedBBox(renderer, keys);
  const camera = renderer.getCamera();
  if (!bbox) return;
  const { width, height } = renderer.getDimensions();
  const w = bbox.x[1] - bbox.x[0];
  const h = bbox.y[1] - bbox.y[0];
  // At ratio 1 the framed unit square fills the smaller side of the canvas; a wider canvas shows more width.
  const side = Math.min(width, height);
  const ratio = Math.max(MIN_FIT_RATIO, Math.max((w * side) / width, (h * side) / height) * 1.15);
  const state = { x: (bbox.x[0] + bbox.x[1]) / 2, y: (bbox.y[0] + bbox.y[1]) / 2, ratio, angle: 0 };
  if (instant) camera.setState(state);
  else void camera.animate(state, { duration: 300 });
}

/** Move the camera onto a node (search results, linked nodes). */
export function focusNode(renderer: ViewRenderer, key: string): void {
  const data = renderer.getNodeDisplayData(key);
  if (!data) return;
  void renderer.getCamera().animate({ x: data.x, y: data.y, ratio: 0.35 }, { duration: 450 });
}
