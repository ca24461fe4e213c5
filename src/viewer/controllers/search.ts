/*
 * The search box: folds the query (traditional → simplified with opencc-js), lists matching nodes,
 * and selecting a result shows, selects and focuses it.
 */
import * as OpenCC from "opencc-js/t2cn";

import { createSearchIndex, searchNodes } from "../model/search.ts";
import type { SearchEntry, ToSimplified } from "../model/search.ts";
import { NODE_COLORS } from "../model/style.ts";
import type { DisplayLabel } from "../model/types.ts";
import { clear, el } from "../panels/dom.ts";
import { setFilters, setSearch, setSelectedNode } from "../state.ts";
import type { ViewerContext } from "../state.ts";

/**
 * Traditional → simplified (mainland) converter from opencc-js, built on first use: building its
 * dictionary takes tens of milliseconds, which the first screen does not need to spend.
 */
export function createToSimplified(): ToSimplified {
  let convert: ToSimplified | null = null;
  return (text) => (convert ??= OpenCC.Converter({ from: "t", to: "cn" }))(text);
}

/** Build the search box and its result list; `onFocus` moves the camera. */
export function createSearch(ctx: ViewerContext, onFocus: (key: string) => void, toSimplified: ToSimplified = createToSimplified()): { element: HTMLElement; cleanup: () => void } {
  // Built on first use: folding every label costs a few hundred ms on a 10k-node graph.
  let index: SearchEntry[] | null = null;
  const input = el("input", {
    attrs: { type: "search", placeholder: "搜索 Search（支持繁体）", "aria-label": "search", "data-testid": "search" },
  });
  const results = el("ul", { className: "search-results", attrs: { "data-testid": "search-results", role: "listbox" } });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let hits: SearchEntry[] = [];
  const run = () => {
    index ??= createSearchIndex(ctx.view, toSimplified);
    hits = searchNodes(index, input.value, toSimplified, { limit: 30 });
    setSearch(ctx, input.value, hits.map((h) => h.key));
    renderResults(results, hits, (hit) => {
      choose(ctx, hit, onFocus);
      clear(results);
    });
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    clearTimeout(timer);
    run();
    if (!hits[0]) return;
    choose(ctx, hits[0], onFocus);
    clear(results);
  });
  const element = el("div", { className: "search" }, [input, results]);
  if (ctx.state.query) {
    // Restored from the URL: show the matches, not the result list.
    input.value = ctx.state.query;
    index ??= createSearchIndex(ctx.view, toSimplified);
    setSearch(ctx, input.value, searchNodes(index, input.value, toSimplified, { limit: 30 }).map((h) => h.key));
  }
  return { element, cleanup: () => clearTimeout(timer) };
}

function renderResults(list: HTMLElement, hits: SearchEntry[], onChoose: (hit: SearchEntry) => void): void {
  clear(list);
  for (const hit of hits) {
    const button = el("button", { attrs: { type: "button", "data-key": hit.key, role: "option" } }, [
      el("span", { className: "dot", attrs: { style: `background:${NODE_COLORS[hit.kind as DisplayLabel] ?? "#999"}` } }),
      hit.label,
      el("span", { className: "count", text: ` ×${hit.reportCount}` }),
    ]);
    button.addEventListener("click", () => onChoose(hit));
    list.append(el("li", {}, [button]));
  }
}

/**
 * Select a chosen result and move onto it. A node of a hidden type (a mechanism while that layer is
 * off) is shown with its ego network for as long as it stays selected; no layer is switched on, so
 * clearing the selection leaves the view as it was. Filters that hide the node are relaxed only
 * when its type is on.
 */
function choose(ctx: ViewerContext, hit: SearchEntry, onFocus: (key: string) => void): void {
  const typeOn = ctx.state.filters.labels.has(hit.kind as DisplayLabel);
  if (typeOn && !ctx.state.visibility.nodes.has(hit.key)) setFilters(ctx, { settings: null, reportKey: null, minRecurrence: 1, gapsOnly: false });
  setSelectedNode(ctx, hit.key);
  onFocus(hit.key);
}
