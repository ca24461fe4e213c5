/*
 * Camera: fit the view to a set of nodes (the visible ones after every filter change, the ego
 * network of a selection) by framing their bounding box, and move onto one node.
 */
import type { ViewRenderer } from "../state.ts";

/** Bounding box (graph coordinates) of some nodes, or null when there are none. */
export function nodesBBox(renderer: ViewRenderer, keys: Iterable<string>): { x: [number, number]; y: [number, number] } | null {
  const graph = renderer.getGraph();
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const key of keys) {
    if (!graph.hasNode(key)) continue;
    const { x, y } = graph.getNodeAttributes(key);
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (minX === Infinity) return null;
  // A single node (or a line) still gets an area around it.
  const pad = Math.max(maxX - minX, maxY - minY, 1) * 0.08 + (maxX - minX < 1e-6 || maxY - minY < 1e-6 ? 10 : 0);
  return { x: [minX - pad, maxX + pad], y: [minY - pad, maxY + pad] };
}

/** Frame the given nodes: the camera shows exactly their bounding box (animated unless `instant`). */
export function fitToNodes(renderer: ViewRenderer, keys: Iterable<string>, instant = false): void {
  const bbox = nodesBBox(renderer, keys);
  renderer.setCustomBBox(bbox);
  renderer.refresh({ skipIndexation: false, schedule: false });
  const camera = renderer.getCamera();
  if (instant) camera.setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
  else void camera.animate({ x: 0.5, y: 0.5, ratio: 1, angle: 0 }, { duration: 300 });
}

/** Move the camera onto a node (search results, linked nodes). */
export function focusNode(renderer: ViewRenderer, key: string): void {
  const data = renderer.getNodeDisplayData(key);
  if (!data) return;
  void renderer.getCamera().animate({ x: data.x, y: data.y, ratio: 0.35 }, { duration: 450 });
}
