/*
 * Fetches the serialized graph (`graph.export()` JSON) the server exposes at /api/graph, or the URL
 * given in the page's `?graph=` parameter.
 */
import type { SerializedGraph } from "graphology-types";

/** Where the graph comes from: `?graph=<url>` or /api/graph. */
export function resolveGraphUrl(location: Location): string {
  return new URLSearchParams(location.search).get("graph") ?? "api/graph";
}

/** Download and parse the serialized graph. */
export async function loadGraph(url: string, signal?: AbortSignal): Promise<SerializedGraph> {
  const response = await fetch(url, signal ? { signal } : {});
  if (!response.ok) {
    const detail = await response.text().catch(() => "");
    throw new Error(`loadGraph: ${url} answered ${response.status}. ${detail}`.trim());
  }
  return (await response.json()) as SerializedGraph;
}
