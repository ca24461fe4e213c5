/*
 * Where the viewer's data comes from:
 * - `kg serve`: the summary at api/summary (compressed, no quotes, no report links) and the rest on
 *   demand: quotes at api/evidence?node=… and api/pair?problem=…&measure=…, report links at
 *   api/report-links?node=… (one node's) and api/report-links (all), so the browser never loads the whole graph;
 * - `?graph=<url>`: a whole serialized graph (`graph.export()` JSON: kg serve's api/graph, or a version 1
 *   graph file; the compact versions 2 and 3 kg import writes are decoded by kg serve only), summarised in the page.
 */
import type { SerializedGraph } from "graphology-types";

import { buildView, importKgGraph, viewFromData } from "./model/build-view.ts";
import type { ViewData } from "./model/build-view.ts";
import type { DetailsSource, Evidence, PairQuote, ReportLink, SourceLines, ViewModel } from "./model/types.ts";

/** Where the graph comes from: `?graph=<url>`, or null for the server's summary. */
export function resolveGraphUrl(location: Location): string | null {
  return new URLSearchParams(location.search).get("graph");
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, signal ? { signal } : {});
  if (!response.ok) {
    const detail = await response.text().catch(() => "");
    throw new Error(`${url} answered ${response.status}. ${detail}`.trim());
  }
  return (await response.json()) as T;
}

/** Download and parse a serialized graph. */
export async function loadGraph(url: string, signal?: AbortSignal): Promise<SerializedGraph> {
  return getJson<SerializedGraph>(url, signal);
}

/** Quotes fetched from `kg serve` when first asked for, then kept. */
export function createRemoteDetails(base = "api/"): DetailsSource {
  const evidence = new Map<string, Promise<Evidence[]>>();
  const pairs = new Map<string, Promise<PairQuote[]>>();
  const remember = <T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> => {
    let p = cache.get(key);
    if (!p) {
      p = load();
      p.catch(() => cache.delete(key));
      cache.set(key, p);
    }
    return p;
  };
  return {
    evidence: (node) => remember(evidence, node, () => getJson<Evidence[]>(`${base}evidence?node=${encodeURIComponent(node)}`)),
    pairQuotes: (problem, measure) =>
      remember(pairs, `${problem}\u0000${measure}`, () =>
        getJson<PairQuote[]>(`${base}pair?problem=${encodeURIComponent(problem)}&measure=${encodeURIComponent(measure)}`),
      ),
    reportLinks: (node) => getJson<ReportLink[]>(node === null ? `${base}report-links` : `${base}report-links?node=${encodeURIComponent(node)}`),
    sourceLines: (statement) => getJson<SourceLines>(`${base}source?statement=${encodeURIComponent(statement)}`),
  };
}

/** Load the view: the server's summary, or a whole graph file when `graphUrl` is given. */
export async function loadView(graphUrl: string | null, signal?: AbortSignal): Promise<ViewModel> {
  if (graphUrl) return buildView(importKgGraph(await loadGraph(graphUrl, signal)));
  return viewFromData(await getJson<ViewData>("api/summary", signal), createRemoteDetails());
}
