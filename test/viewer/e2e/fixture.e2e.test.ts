/*
 * End-to-end on the synthetic fixture graph in real headless Chromium: drawing, search (also
 * traditional input), hover, click → evidence, gaps, filters, matrix, exports, and the XSS sample.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { XSS, XSS_LABEL, XSS_QUOTE, fixtureGraphJson } from "../fixtures/graph.fixtures.ts";
import { launchBrowser } from "./browser.ts";
import {
  cameraRatio,
  ensureViewerBuilt,
  nodePagePosition,
  pngPixels,
  screenshot,
  stagePixels,
  startServe,
  visibleNodeCount,
  waitForViewer,
} from "./harness.ts";
import type { ServeProcess } from "./harness.ts";

let server: ServeProcess;
let browser: BrowserContext;
let page: Page;
const dialogs: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  ensureViewerBuilt();
  const dir = mkdtempSync(join(tmpdir(), "kg-e2e-fixture-"));
  const graphFile = join(dir, "graph.json");
  writeFileSync(graphFile, JSON.stringify(fixtureGraphJson()));
  server = await startServe(graphFile);
  browser = await launchBrowser();
  page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(15_000);
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(server.url);
  await waitForViewer(page);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (server) expect(await server.stop()).toBe(0);
});

async function search(query: string): Promise<string[]> {
  const box = page.locator('[data-testid="search"]');
  await box.fill(query);
  await page.waitForTimeout(300);
  return page.locator('[data-testid="search-results"] button').allTextContents();
}

async function clearSearch(): Promise<void> {
  await page.locator('[data-testid="search"]').fill("");
  await page.waitForTimeout(300);
}

describe("viewer on the fixture graph", { timeout: 90_000 }, () => {
  it("should draw the aggregate view on the canvas", async () => {
    const px = await stagePixels(page);
    expect(px.nonWhite).toBeGreaterThan(500);
    expect(px.coloured).toBeGreaterThan(100);
    expect(await visibleNodeCount(page)).toBe(6);
    await screenshot(page, "fixture-01-aggregate");
  });

  it("should find a simplified label from traditional input and focus it", async () => {
    expect(await search("黨員發展")).toEqual(["党员发展工作滞后 ×2", "加强党员发展工作 ×2"]);
    const before = await cameraRatio(page);
    await page.locator('[data-testid="search"]').press("Enter");
    await page.waitForTimeout(800);
    expect(await page.locator('[data-testid="details-label"]').textContent()).toBe("党员发展工作滞后");
    expect(await cameraRatio(page)).toBeLessThan(before);
    await screenshot(page, "fixture-02-search-traditional");
    await clearSearch();
  });

  it("should open the evidence of a node clicked on the canvas", async () => {
    await page.evaluate(() => (window as unknown as { __kgViewer: { renderer: { getCamera(): { setState(s: object): void } } } }).__kgViewer.renderer.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1 }));
    await page.waitForTimeout(300);
    const p = await nodePagePosition(page, "problem:p2");
    await page.mouse.move(p.x, p.y);
    await page.waitForTimeout(300);
    const hover = await page.evaluate(() => {
      const state = (window as unknown as { __kgViewer: { ctx: { state: { hoveredNode: string; hoverNeighbours: Set<string> } } } }).__kgViewer.ctx.state;
      return { node: state.hoveredNode, neighbours: [...state.hoverNeighbours] };
    });
    expect(hover).toEqual({ node: "problem:p2", neighbours: ["measure:m2"] });
    await screenshot(page, "fixture-03-hover");
    await page.mouse.click(p.x, p.y);
    await page.waitForTimeout(300);
    expect(await page.locator('[data-testid="details-label"]').textContent()).toBe("组织生活不规范");
    expect(await page.locator('[data-testid="details-recurrence"]').textContent()).toContain("3");
    const quotes = await page.locator('[data-testid="quote"]').allTextContents();
    expect(quotes).toEqual(["组织生活不规范，三会一课流于形式。", "组织生活开展不经常。", "部分支部组织生活质量不高。"]);
    expect(await page.locator('[data-testid="details-linked"] button').first().textContent()).toContain("严格落实三会一课制度");
    await screenshot(page, "fixture-04-details");
    await page.locator('[data-testid="details"] button.close').click();
    expect(await page.locator('[data-testid="details"]').isVisible()).toBe(false);
  });

  it("should show only the problems without a measure when gaps is on", async () => {
    await page.locator('[data-testid="gaps-toggle"]').check();
    expect(await visibleNodeCount(page)).toBe(2);
    await screenshot(page, "fixture-05-gaps");
    await page.locator('[data-testid="gaps-toggle"]').uncheck();
    expect(await visibleNodeCount(page)).toBe(6);
  });

  it("should narrow by type, setting, recurrence and report", async () => {
    await page.locator('[data-testid="type-toggle-Report"]').check();
    expect(await visibleNodeCount(page)).toBe(9);
    await page.locator('[data-testid="setting-enterprise"]').uncheck();
    expect(await visibleNodeCount(page)).toBe(7);
    await page.locator('[data-testid="setting-enterprise"]').check();
    await page.locator('[data-testid="type-toggle-Report"]').uncheck();
    await page.locator('[data-testid="min-recurrence"]').fill("3");
    expect(await visibleNodeCount(page)).toBe(1);
    await page.locator('[data-testid="min-recurrence"]').fill("1");
    await page.locator('[data-testid="report-filter"]').selectOption({ label: "某村党建工作调研" });
    expect(await visibleNodeCount(page)).toBe(4);
    await page.locator('[data-testid="report-filter"]').selectOption("");
    expect(await visibleNodeCount(page)).toBe(6);
  });

  it("should open a matrix cell's quotes", async () => {
    await page.locator('[data-testid="matrix-toggle"]').click();
    const cells = page.locator('[data-testid="matrix"] td.filled');
    expect(await cells.count()).toBe(7);
    await screenshot(page, "fixture-06-matrix");
    await page.locator('[data-testid="matrix"] td[title="党员发展工作滞后 · 某村党建工作调研"]').click();
    expect(await page.locator('[data-testid="quote"]').allTextContents()).toEqual(["农村党员发展力度不大，队伍老龄化严重。"]);
    await page.locator('[data-testid="matrix-toggle"]').click();
  });

  it("should show the XSS sample as text and run nothing", async () => {
    expect(await search("<img")).toEqual([`${XSS_LABEL} ×1`]);
    await page.locator('[data-testid="search"]').press("Enter");
    await page.waitForTimeout(600);
    expect(await page.locator('[data-testid="details-label"]').textContent()).toBe(XSS_LABEL);
    expect(await page.locator('[data-testid="quote"]').allTextContents()).toEqual([XSS_QUOTE]);
    await expect.poll(() => page.locator("body").innerText()).toContain(XSS);
    await page.locator('[data-testid="matrix-toggle"]').click();
    await page.waitForTimeout(300);
    await screenshot(page, "fixture-07-xss");
    await page.locator('[data-testid="matrix-toggle"]').click();
    expect(await page.locator("img").count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    await clearSearch();
  });

  it("should export the view as PNG and the visible graph as GEXF", async () => {
    const [png] = await Promise.all([page.waitForEvent("download"), page.locator('[data-testid="export-png"]').click()]);
    const pngBytes = readFileSync((await png.path())!);
    expect(pngBytes.subarray(1, 4).toString()).toBe("PNG");
    const px = await pngPixels(page, pngBytes);
    expect(px.coloured).toBeGreaterThan(100);
    const [gexf] = await Promise.all([page.waitForEvent("download"), page.locator('[data-testid="export-gexf"]').click()]);
    const xml = readFileSync((await gexf.path())!, "utf8");
    expect(xml).toContain("<gexf");
    expect(xml).toContain("党员发展工作滞后");
    expect(xml).toContain('label="&lt;img src=x onerror=alert(1)>问题"');
    expect(xml.match(/<node /g)).toHaveLength(6);
  });
});
