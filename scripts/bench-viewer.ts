/*
 * Viewer benchmark. Prints figures; asserts nothing.
 *
 * Default: a corpus of N generated reports (default 5,000; test/viewer/fixtures/report-corpus.ts,
 * our own words) imported with `kg import`, served with `kg serve`, and measured in headless
 * Chromium:
 *   - what kg serve sends: the summary (first screen), the report links (on demand) and the whole
 *     graph (without the Document nodes' records), raw / gzip / brotli;
 *   - first useful screen: navigation → ranked problem list shown and the canvas drawn;
 *   - list filtering: a search in the list and a setting filter (state change → list redrawn);
 *   - selecting a problem (ego network, re-fit), and until its report links came and are drawn;
 *   - the problem × report matrix: time to open it, and frame times while scrolling it;
 *   - switching the Report layer on (every report link fetched and drawn).
 * With --graph <file> it measures an existing graph file instead; with --synthetic it uses the
 * generated 10,000-node graph of test/viewer/fixtures/large-graph.fixtures.ts (the Node-side
 * transforms and layout are timed too).
 *
 * Usage: node --import tsx scripts/bench-viewer.ts [--reports 5000] [--graph file] [--synthetic] [--no-browser]
 * Run `npm run build` first.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";

import * as OpenCC from "opencc-js/t2cn";

import { createLayoutInput, runIterations } from "../src/viewer/layout/fa2.ts";
import { buildView, buildViewParts } from "../src/viewer/model/build-view.ts";
import { computeVisibility, createDefaultFilters } from "../src/viewer/model/filters.ts";
import { stripUnsent } from "../src/viewer/server/graph-cache.ts";
import type { SourceGraph } from "../src/viewer/server/graph-cache.ts";
import { readGraphFile } from "../src/sinks/graph-file.ts";
import { buildProblemMeasureMatrix, buildProblemReportMatrix } from "../src/viewer/model/matrix.ts";
import { rankProblems } from "../src/viewer/model/ranking.ts";
import { createSearchIndex, foldText, searchNodes } from "../src/viewer/model/search.ts";
import { launchBrowser } from "../test/viewer/e2e/browser.ts";
import { ROOT, ensureViewerBuilt, startServe, waitForViewer } from "../test/viewer/e2e/harness.ts";
import { generateLargeGraph } from "../test/viewer/fixtures/large-graph.fixtures.ts";
import { generateReportCorpus } from "../test/viewer/fixtures/report-corpus.ts";

const { values } = parseArgs({
  options: {
    reports: { type: "string", default: "5000" },
    graph: { type: "string" },
    synthetic: { type: "boolean", default: false },
    "no-browser": { type: "boolean", default: false },
  },
});

const line = (label: string, value: string) => console.log(`${label.padEnd(58)} ${value}`);
const ms = (n: number) => `${n.toFixed(1).padStart(9)} ms`;
const mb = (n: number) => `${(n / 1e6).toFixed(2).padStart(9)} MB`;

function time<T>(label: string, fn: () => T): T {
  const t = performance.now();
  const result = fn();
  line(label, ms(performance.now() - t));
  return result;
}

function graphFile(): string {
  if (values.graph) return values.graph;
  const dir = mkdtempSync(join(tmpdir(), "kg-bench-viewer-"));
  const file = join(dir, "graph.json");
  if (values.synthetic) {
    writeFileSync(file, JSON.stringify(generateLargeGraph().export()));
    return file;
  }
  const n = Number(values.reports);
  const reports = join(dir, "reports");
  mkdirSync(reports);
  const corpus = generateReportCorpus(n);
  let chars = 0;
  for (const f of corpus) {
    writeFileSync(join(reports, f.name), f.text);
    chars += f.text.length;
  }
  const env = { ...process.env };
  delete env.NEO4J_URI;
  const t = performance.now();
  execFileSync(process.execPath, [join(ROOT, "bin/kg.js"), "import", reports, "--out", file], { cwd: dir, env, stdio: "ignore" });
  line(`kg import of ${n} generated reports (${(chars / 1e6).toFixed(1)} M characters)`, ms(performance.now() - t));
  return file;
}

const file = graphFile();
let t0 = performance.now();
const kg = (await readGraphFile(file)) as unknown as SourceGraph;
line("read the graph file (readGraphFile, Node)", ms(performance.now() - t0));
const labels = new Map<string, number>();
kg.forEachNode((_k, a) => labels.set(String(a.label), (labels.get(String(a.label)) ?? 0) + 1));
console.log(`graph: ${kg.order} nodes, ${kg.size} relationships (${[...labels].map(([l, n]) => `${l} ${n}`).join(", ")})`);

// What kg serve computes once and sends.
const { data, links } = time("buildViewParts (the server's summary and report links)", () => buildViewParts(kg));
const summary = Buffer.from(JSON.stringify(data));
const linksJson = Buffer.from(JSON.stringify(links));
// What /api/graph sends: the graph without the Document nodes' extraction records.
line("graph file on disk", mb(statSync(file).size));
stripUnsent(kg);
const whole = Buffer.from(JSON.stringify(kg.export()));
const br = (b: Buffer) => brotliCompressSync(b, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } }).length;
line("whole graph (/api/graph): raw / gzip / brotli", `${mb(whole.length)} ${mb(gzipSync(whole).length)} ${mb(br(whole))}`);
line("summary (/api/summary): raw / gzip / brotli", `${mb(summary.length)} ${mb(gzipSync(summary).length)} ${mb(br(summary))}`);
line(`all ${links.length} report links (/api/report-links): raw / gzip / brotli`, `${mb(linksJson.length)} ${mb(gzipSync(linksJson).length)} ${mb(br(linksJson))}`);

// The page's own work, in Node.
const view = time("viewFromData + local details (buildView)", () => buildView(kg));
const defaults = createDefaultFilters();
const agg = time("computeVisibility (aggregate)", () => computeVisibility(view, defaults));
console.log(`aggregate view: ${agg.nodes.size} nodes, ${agg.edges.size} edges; ${view.reports.length} reports`);
const toSimplified = OpenCC.Converter({ from: "t", to: "cn" });
const fold = (s: string) => foldText(s, toSimplified);
time("rankProblems (the list)", () => rankProblems(view, { scope: null }));
time("rankProblems, one setting + search 组织", () => rankProblems(view, { scope: new Set(view.reports.filter((r) => r.setting === "school").map((r) => r.key)), query: "组织", fold }));
const index = time("createSearchIndex", () => createSearchIndex(view, toSimplified));
time("searchNodes 黨員發展", () => searchNodes(index, "黨員發展", toSimplified));
const pr = time("buildProblemReportMatrix", () => buildProblemReportMatrix(view, agg.nodes, null));
console.log(`problem × report: ${pr.rows.length} rows × ${pr.columns.length} report columns (${pr.hiddenEmpty} empty hidden), ${pr.groups.length} groups`);
const pm = time("buildProblemMeasureMatrix", () => buildProblemMeasureMatrix(view, agg.nodes, null));
console.log(`problem × measure: ${pm.rows.length} × ${pm.columns.length}`);
const input = createLayoutInput(view.graph);
time(`ForceAtlas2 × 10 iterations of ${input.iterations} (${view.graph.order} nodes, worker work)`, () => runIterations(input, 10));


/** Runs in the page (a string, so no bundler helpers leak in): list filtering, selection, matrix open and scroll. */
const PAGE_PROBE = `(async () => {
  const v = window.__kgViewer;
  const { ctx, actions } = v;
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
  const out = {};
  let t = performance.now();
  actions.setList(ctx, { listQuery: "组织" });
  out.listSearch = performance.now() - t;
  out.listRowsAfterSearch = document.querySelectorAll('[data-testid="problem-list"] li').length;
  t = performance.now();
  actions.setList(ctx, { listQuery: "" });
  out.listClear = performance.now() - t;
  const setting = ctx.view.settings[0];
  t = performance.now();
  actions.setFilters(ctx, { settings: new Set([setting]) });
  out.settingFilter = performance.now() - t;
  await frame();
  out.settingFilterWithFrame = performance.now() - t;
  actions.setFilters(ctx, { settings: null });
  await frame();
  const first = document.querySelector('[data-testid="problem-list"] button.problem-row').getAttribute("data-key");
  t = performance.now();
  actions.setSelectedNode(ctx, first);
  await frame();
  out.select = performance.now() - t;
  // Its report links come on demand: until they are in the ego network and drawn.
  while (ctx.state.reportLinksOf !== first) await new Promise((r) => setTimeout(r, 5));
  await frame();
  out.selectWithReports = performance.now() - t;
  out.egoNodes = ctx.state.ego.nodes.size;
  out.panelReports = document.querySelectorAll('[data-testid="linked-reports"] li').length;
  actions.setSelectedNode(ctx, null);
  await frame();
  t = performance.now();
  actions.setMatrix(ctx, "problem-report");
  await frame();
  out.matrixOpen = performance.now() - t;
  const scroller = document.querySelector('[data-testid="matrix"] .matrix-scroll');
  out.matrixCells = document.querySelectorAll('[data-testid="matrix"] td').length;
  out.matrixColumnsShown = document.querySelectorAll('[data-testid="matrix"] th.col').length;
  const frames = [];
  let last = performance.now();
  for (let i = 0; i < 60; i++) {
    scroller.scrollTop += 40;
    scroller.scrollLeft += 30;
    await frame();
    const now = performance.now();
    frames.push(now - last);
    last = now;
  }
  frames.sort((a, b) => a - b);
  out.scrollMedian = frames[Math.floor(frames.length / 2)];
  out.scrollP95 = frames[Math.floor(frames.length * 0.95)];
  const next = [...document.querySelectorAll('[data-testid="matrix-pager"] button')].pop();
  t = performance.now();
  if (next && !next.disabled) next.click();
  await frame();
  out.nextPage = performance.now() - t;
  actions.setMatrix(ctx, "problem-measure");
  await frame();
  t = performance.now();
  actions.setMatrix(ctx, "problem-report");
  await frame();
  out.matrixReopen = performance.now() - t;
  actions.setMatrix(ctx, null);
  await frame();
  // The Report layer: every report and report link, loaded on demand.
  t = performance.now();
  actions.setFilters(ctx, { labels: new Set([...ctx.state.filters.labels, "Report"]) });
  while (!ctx.view.reportLinks.complete) await new Promise((r) => setTimeout(r, 5));
  await frame();
  await frame();
  out.reportLayer = performance.now() - t;
  out.reportLayerNodes = ctx.state.visibility.nodes.size;
  out.reportLayerEdges = ctx.state.visibility.edges.size;
  return out;
})()`;

async function benchBrowser(graph: string): Promise<void> {
  ensureViewerBuilt();
  // kg serve reads the graph file before it prints its URL, then summarises it; the first request waits for that.
  t0 = Date.now();
  const server = await startServe(graph);
  const browser = await launchBrowser();
  try {
    await fetch(`${server.url}api/summary`, { headers: { "accept-encoding": "br" } });
    line("kg serve: start → graph read, summarised, summary compressed", ms(Date.now() - t0));
    let page = browser.pages()[0] ?? (await browser.newPage());
    for (const run of [1, 2, 3]) {
      // A fresh tab each time: what a person opening the viewer sees.
      if (run > 1) {
        await page.close();
        page = await browser.newPage();
      }
      t0 = Date.now();
      await page.goto(`${server.url}?run=${run}`);
      await page.locator('[data-testid="problem-list"] li').first().waitFor({ timeout: 120_000 });
      await page.locator('[data-testid="stage"] canvas').first().waitFor();
      const firstScreen = Date.now() - t0;
      await page.waitForFunction("window.__kgTimings !== undefined");
      const timings = (await page.evaluate("window.__kgTimings")) as { firstScreenMs: number; scriptStartMs: number; firstFrameMs: number };
      line(`browser load ${run}: first useful screen, in the page's own clock: navigation → painted`, ms(timings.firstFrameMs));
      line("  of which navigation → viewer script running (HTML, JS)", ms(timings.scriptStartMs));
      line("  of which fetch + parse + build + draw in the page", ms(timings.firstScreenMs));
      line("  seen by the test harness (goto → list and canvas found, with CDP round trips)", ms(firstScreen));
    }
    const wire = (await page.evaluate(`performance.getEntriesByType("resource").filter((e) => e.name.includes("/api/")).reduce((s, e) => s + e.encodedBodySize, 0)`)) as number;
    line("bytes of /api/* on the wire for one load (compressed)", mb(wire));
    t0 = Date.now();
    await waitForViewer(page);
    line("  layout finished, after the first screen", ms(Date.now() - t0));
    const p = (await page.evaluate(PAGE_PROBE)) as Record<string, number>;
    line(`list search 组织 (state → list redrawn, ${p.listRowsAfterSearch} rows)`, ms(p.listSearch!));
    line("list search cleared", ms(p.listClear!));
    line("setting filter (visibility, list, re-fit)", ms(p.settingFilter!));
    line("setting filter, until the next frame", ms(p.settingFilterWithFrame!));
    line("select the top problem, until the next frame", ms(p.select!));
    line(`  with its report links loaded and drawn (ego network of ${p.egoNodes} nodes)`, ms(p.selectWithReports!));
    line(`open problem × report (${p.matrixColumnsShown} columns on the page, ${p.matrixCells} cells)`, ms(p.matrixOpen!));
    line("matrix scroll: frame time median / p95 (60 steps)", `${ms(p.scrollMedian!)} ${ms(p.scrollP95!)}`);
    line("matrix next page of columns", ms(p.nextPage!));
    line("matrix reopened", ms(p.matrixReopen!));
    line(`Report layer on: all links fetched, ${p.reportLayerNodes} nodes and ${p.reportLayerEdges} links shown, drawn`, ms(p.reportLayer!));
  } finally {
    await browser.close();
    await server.stop();
  }
}

if (!values["no-browser"]) await benchBrowser(file);
