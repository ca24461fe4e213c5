/*
 * Viewer benchmark on a generated graph (default 10,000 nodes / 50,000 edges): times the
 * graph-to-view transforms and the layout in Node, then (unless --no-browser) loads the graph in
 * headless Chromium through `kg serve` and measures load, layout, refresh and frame times.
 * Usage: node --import tsx scripts/bench-viewer.ts [--nodes N] [--edges M] [--no-browser]
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

import * as OpenCC from "opencc-js/t2cn";

import { createLayoutInput, runIterations } from "../src/viewer/layout/fa2.ts";
import { buildView } from "../src/viewer/model/build-view.ts";
import { computeVisibility, createDefaultFilters } from "../src/viewer/model/filters.ts";
import { buildProblemReportMatrix } from "../src/viewer/model/matrix.ts";
import { createSearchIndex, searchNodes } from "../src/viewer/model/search.ts";
import { DISPLAY_LABELS } from "../src/viewer/model/types.ts";
import { launchBrowser } from "../test/viewer/e2e/browser.ts";
import { ensureViewerBuilt, startServe, waitForViewer } from "../test/viewer/e2e/harness.ts";
import { generateLargeGraph } from "../test/viewer/fixtures/large-graph.fixtures.ts";

const { values } = parseArgs({
  options: { nodes: { type: "string", default: "10000" }, edges: { type: "string", default: "50000" }, "no-browser": { type: "boolean", default: false } },
});

function time<T>(label: string, fn: () => T): T {
  const t = performance.now();
  const result = fn();
  console.log(`${label.padEnd(44)} ${(performance.now() - t).toFixed(1).padStart(9)} ms`);
  return result;
}

const kg = time("generate graph", () => generateLargeGraph({ nodes: Number(values.nodes), edges: Number(values.edges) }));
console.log(`graph: ${kg.order} nodes, ${kg.size} edges`);
const view = time("buildView", () => buildView(kg));
console.log(`display graph: ${view.graph.order} nodes, ${view.graph.size} edges`);
const defaults = createDefaultFilters();
const agg = time("computeVisibility (aggregate)", () => computeVisibility(view, defaults));
console.log(`aggregate view: ${agg.nodes.size} nodes, ${agg.edges.size} edges`);
const all = time("computeVisibility (all types)", () => computeVisibility(view, { ...defaults, labels: new Set(DISPLAY_LABELS) }));
console.log(`all types: ${all.nodes.size} nodes, ${all.edges.size} edges`);
time("computeVisibility (gaps)", () => computeVisibility(view, { ...defaults, gapsOnly: true }));
time("computeVisibility (settings + min 3)", () => computeVisibility(view, { ...defaults, settings: new Set(["school", "rural"]), minRecurrence: 3 }));
const toSimplified = OpenCC.Converter({ from: "t", to: "cn" });
const index = time("createSearchIndex (t2s of every label)", () => createSearchIndex(view, toSimplified));
const hits = time("searchNodes 黨員發展", () => searchNodes(index, "黨員發展", toSimplified));
console.log(`search hits: ${hits.length}`);
time("buildProblemReportMatrix (200 rows)", () => buildProblemReportMatrix(view, agg.nodes, null));
const input = createLayoutInput(view.graph);
console.log(`layout: ${input.iterations} iterations for ${view.graph.order} nodes`);
time("ForceAtlas2 x 10 iterations (worker work)", () => runIterations(input, 10));

/** Runs in the page (a string, so no bundler helpers leak in): refresh cost and frame times while zooming. */
const FRAME_PROBE = `(async () => {
  const renderer = window.__kgViewer.renderer;
  let t = performance.now();
  for (let i = 0; i < 5; i++) renderer.refresh({ skipIndexation: true });
  const refresh = (performance.now() - t) / 5;
  const graph = renderer.getGraph();
  let hub = null;
  graph.forEachNode((n) => {
    if (renderer.getNodeDisplayData(n).hidden) return;
    if (hub === null || graph.degree(n) > graph.degree(hub)) hub = n;
  });
  t = performance.now();
  for (let i = 0; i < 5; i++) renderer.refresh({ partialGraph: { nodes: [hub, ...graph.neighbors(hub)], edges: graph.edges(hub).filter((e) => !renderer.getEdgeDisplayData(e).hidden) }, skipIndexation: true, schedule: true });
  const partial = (performance.now() - t) / 5;
  const hubDegree = graph.degree(hub);
  const renders = [];
  let start = 0;
  renderer.on("beforeRender", () => { start = performance.now(); });
  renderer.on("afterRender", () => { renders.push(performance.now() - start); });
  const frames = [];
  let last = performance.now();
  let running = true;
  const tick = (now) => { frames.push(now - last); last = now; if (running) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  await renderer.getCamera().animate({ ratio: 0.2 }, { duration: 1000 });
  await renderer.getCamera().animate({ ratio: 1 }, { duration: 1000 });
  running = false;
  frames.sort((a, b) => a - b);
  renders.sort((a, b) => a - b);
  return { refresh, partial, hubDegree, render: renders[Math.floor(renders.length / 2)] ?? 0, renders: renders.length, frames: frames.length, median: frames[Math.floor(frames.length / 2)], p95: frames[Math.floor(frames.length * 0.95)] };
})()`;

if (!values["no-browser"]) await benchBrowser();

interface Probe {
  refresh: number;
  partial: number;
  hubDegree: number;
  render: number;
  renders: number;
  frames: number;
  median: number;
  p95: number;
}

function report(what: string, p: Probe): void {
  console.log(`browser (${what}): refresh after a filter change (all reducers + draw) ${p.refresh.toFixed(1)} ms`);
  console.log(`browser (${what}): hover refresh (partial, hub of degree ${p.hubDegree}, draw deferred) ${p.partial.toFixed(1)} ms; sigma render (JS side, median) ${p.render.toFixed(1)} ms`);
  console.log(`browser (${what}): 2 s zoom animation: ${p.frames} frames, median ${p.median.toFixed(1)} ms, p95 ${p.p95.toFixed(1)} ms (headless SwiftShader, CPU WebGL)`);
}

async function benchBrowser(): Promise<void> {
  ensureViewerBuilt();
  const file = join(mkdtempSync(join(tmpdir(), "kg-bench-")), "graph.json");
  writeFileSync(file, JSON.stringify(kg.export()));
  const server = await startServe(file);
  const browser = await launchBrowser();
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    const t0 = Date.now();
    await page.goto(server.url);
    await page.locator('[data-testid="visible-count"]').waitFor();
    console.log(`browser: first draw after load ${String(Date.now() - t0).padStart(21)} ms`);
    await waitForViewer(page);
    console.log(`browser: layout finished after ${String(Date.now() - t0).padStart(22)} ms`);
    report("aggregate", (await page.evaluate(FRAME_PROBE)) as Probe);
    for (const kind of ["Mechanism", "Organisation", "Report"]) await page.locator(`[data-testid="type-toggle-${kind}"]`).check();
    console.log(`browser: visible with all types ${(await page.locator('[data-testid="visible-count"]').textContent())}`);
    report("all types", (await page.evaluate(FRAME_PROBE)) as Probe);
  } finally {
    await browser.close();
    await server.stop();
  }
}

