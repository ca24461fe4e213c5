/*
 * End-to-end on the seed: `kg import seeds/` into a temporary graph file, `kg serve` it, and check
 * in headless Chromium that the graph draws, 党员发展 is found and focused, its panel quotes the
 * seed exactly (with the right line), and the gaps switch changes what is shown.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { launchBrowser } from "./browser.ts";
import { ROOT, allInView, cameraRatio, egoKeys, ensureViewerBuilt, nodePagePosition, screenshot, stagePixels, startServe, visibleNodeCount, waitForViewer } from "./harness.ts";
import type { ServeProcess } from "./harness.ts";
import { parseGraphFile } from "../../../src/sinks/graph-codec.ts";

const SEED_FILE = join(ROOT, "seeds/000_d566339e5b9149bf.txt");
const seedText = readFileSync(SEED_FILE, "utf8");
const seedLines = seedText.split("\n");

let server: ServeProcess;
let browser: BrowserContext;
let page: Page;
const dialogs: string[] = [];

/** Import the seed into a temporary graph file; runs from a temporary folder so no .env redirects it to Neo4j. */
function importSeed(): string {
  const dir = mkdtempSync(join(tmpdir(), "kg-e2e-seed-"));
  const file = join(dir, "graph.json");
  const env = { ...process.env };
  delete env.NEO4J_URI;
  execFileSync(process.execPath, [join(ROOT, "bin/kg.js"), "import", join(ROOT, "seeds"), "--out", file], { cwd: dir, env, stdio: "pipe" });
  return file;
}

let seedGraphFile: string;

beforeAll(async () => {
  ensureViewerBuilt();
  seedGraphFile = importSeed();
  server = await startServe(seedGraphFile);
  browser = await launchBrowser();
  page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(15_000);
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(server.url);
  await waitForViewer(page);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (server) expect(await server.stop()).toBe(0);
});

describe("viewer on the seed", { timeout: 90_000 }, () => {
  it("should draw problem and measure themes with Chinese labels", async () => {
    expect(await visibleNodeCount(page)).toBeGreaterThan(5);
    const px = await stagePixels(page);
    expect(px.nonWhite).toBeGreaterThan(2000);
    expect(px.coloured).toBeGreaterThan(300);
    await screenshot(page, "seed-01-aggregate");
  });

  it("should tag each ranked problem with its family's Chinese name from the codebook, not its id", async () => {
    const codebook = JSON.parse(readFileSync(join(ROOT, "src/themes/codebook.json"), "utf8")) as { families: { id: string; label: string }[] };
    const tags = await page.locator('[data-testid="problem-list"] .family').allTextContents();
    expect(tags.length).toBeGreaterThan(3);
    const labels = new Set(codebook.families.map((f) => f.label));
    for (const tag of tags) expect(labels, tag).toContain(tag);
  });

  it("should find 党员发展 and focus the theme", async () => {
    await page.locator('[data-testid="search"]').fill("党员发展");
    await page.waitForTimeout(400);
    const results = await page.locator('[data-testid="search-results"] button').allTextContents();
    expect(results.length).toBeGreaterThan(0);
    expect(results[0]).toContain("党员发展");
    await screenshot(page, "seed-02-search");
    const before = await cameraRatio(page);
    await page.locator('[data-testid="search-results"] button').first().click();
    await page.waitForTimeout(800);
    expect(await page.locator('[data-testid="details-label"]').textContent()).toContain("党员发展");
    expect(before).toBeGreaterThan(0);
    // focused: the camera frames the theme and its ego network
    const ego = await egoKeys(page);
    expect(ego.length).toBeGreaterThan(1);
    expect(await allInView(page, ego)).toBe(true);
  });

  it("should show the exact quotes from the seed, with their lines, when the theme is clicked on the canvas", async () => {
    await page.locator('[data-testid="search"]').fill("党员发展");
    await page.waitForTimeout(400);
    const key = (await page.locator('[data-testid="search-results"] button').first().getAttribute("data-key"))!;
    await page.locator('[data-testid="search"]').fill("");
    await page.mouse.click(5, 5);
    await page.evaluate(() =>
      (window as unknown as { __kgViewer: { renderer: { getCamera(): { setState(s: object): void } } } }).__kgViewer.renderer.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1 }),
    );
    await page.waitForTimeout(400);
    const p = await nodePagePosition(page, key);
    await page.mouse.click(p.x, p.y);
    await page.waitForTimeout(400);
    expect(await page.locator('[data-testid="details-label"]').textContent()).toContain("党员发展");
    const items = await page.locator('[data-testid="evidence"] li').evaluateAll((lis) =>
      lis.map((li) => ({ quote: li.querySelector("blockquote mark")?.textContent ?? "", context: li.querySelector("blockquote")?.textContent ?? "", source: li.querySelector(".source")?.textContent ?? "" })),
    );
    expect(items.length).toBeGreaterThan(0);
    const exact = items.filter((it) => it.quote.length >= 8 && seedText.includes(it.quote));
    expect(exact.length).toBeGreaterThan(0);
    for (const it of exact) {
      const line = Number(/line (\d+)/.exec(it.source)![1]);
      expect(seedLines[line - 1]).toContain(it.quote.slice(0, 8));
      // the quote is shown inside its item's whole text, which is longer and also verbatim
      expect(it.context).toContain(it.quote);
    }
    expect(items.some((it) => it.context.length > it.quote.length + 20)).toBe(true);
    // and the source lines around it, the statement's own line marked
    await page.locator('[data-testid="evidence"] .source-button').first().click();
    const lines = page.locator('[data-testid="source-lines"]').first();
    await expect.poll(() => lines.locator(".line").count()).toBeGreaterThan(3);
    const here = (await lines.locator(".here").textContent())!;
    const n = Number(here.trim().split(/\s+/)[0]);
    expect(here).toContain(seedLines[n - 1]!.slice(0, 10));
    await screenshot(page, "seed-03-details");
  });

  it("should change what is shown when the gaps switch is on", async () => {
    await page.locator('[data-testid="search"]').fill("");
    await page.waitForTimeout(300);
    await page.locator('[data-testid="clear-selection"]').click();
    const before = await visibleNodeCount(page);
    await page.locator('[data-testid="gaps-toggle"]').check();
    const gaps = await visibleNodeCount(page);
    expect(gaps).not.toBe(before);
    expect(gaps).toBeLessThan(before);
    await screenshot(page, "seed-04-gaps");
    await page.locator('[data-testid="gaps-toggle"]').uncheck();
    expect(await visibleNodeCount(page)).toBe(before);
  });

  it("should show mechanisms, organisations and reports on demand, and the matrix", async () => {
    await page.locator(".more-filters summary").click();
    for (const kind of ["Mechanism", "Organisation", "Report"]) await page.locator(`[data-testid="type-toggle-${kind}"]`).check();
    await page.waitForTimeout(300);
    await screenshot(page, "seed-05-all-types");
    for (const kind of ["Mechanism", "Organisation", "Report"]) await page.locator(`[data-testid="type-toggle-${kind}"]`).uncheck();
    await page.locator('[data-testid="matrix-toggle-problem-report"]').click();
    expect(await page.locator('[data-testid="matrix"] td.filled').count()).toBeGreaterThan(0);
    await screenshot(page, "seed-06-matrix");
    await page.locator('[data-testid="matrix-toggle-problem-report"]').click();
    expect(dialogs).toEqual([]);
  });

  it("should name reports by their title where the document has one, and never by a hash", async () => {
    const graph = parseGraphFile(readFileSync(seedGraphFile)) as unknown as { nodes: { attributes: Record<string, unknown> }[] };
    const titled = graph.nodes.filter((n) => n.attributes.label === "Report" && typeof n.attributes.title === "string").map((n) => n.attributes.title as string);
    expect(titled.length).toBeGreaterThan(0);
    const names = (await page.locator('[data-testid="report-filter"] option').allTextContents()).slice(1);
    expect(names).toHaveLength(9);
    for (const title of titled) expect(names).toContain(title);
    for (const name of names) {
      expect(name).not.toMatch(/[0-9a-f]{12,}/); // no file hash
      expect(name).not.toMatch(/#\d+ \(lines/); // no "file #n (lines a-b)"
      expect(name).toMatch(/[\u4e00-\u9fff]{4,}/); // a readable Chinese name
    }
    await page.locator('[data-testid="matrix-toggle-problem-report"]').click();
    const headers = await page.locator('[data-testid="matrix"] th.col').evaluateAll((ths) => ths.map((th) => th.getAttribute("title") ?? ""));
    for (const h of headers) expect(h).not.toMatch(/[0-9a-f]{12,}/);
    await page.locator('[data-testid="matrix-toggle-problem-report"]').click();
  });
});
