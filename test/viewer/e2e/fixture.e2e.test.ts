/*
 * End-to-end on the synthetic fixture graph in real headless Chromium: the ranked problem list,
 * a selection that keeps its measures highlighted, node sizes by recurrence, search (also
 * traditional input), hover, click → evidence, gaps, filters, both matrices with their quotes in
 * front, URL state, exports, and the XSS sample. Checks read pixels and what is on top, as a person sees.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { XSS, XSS_LABEL, XSS_QUOTE, fixtureGraphJson } from "../fixtures/graph.fixtures.ts";
import { launchBrowser } from "./browser.ts";
import {
  allInView,
  cameraRatio,
  egoKeys,
  colourAt,
  ensureViewerBuilt,
  near,
  nodeScreenRadius,
  resetCamera,
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

/** Whether the element on top at the centre of a locator's box is inside it (nothing covers it). */
async function onTop(selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const target = document.querySelector(sel);
    if (!target) return false;
    const r = target.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 10));
    return hit !== null && (hit === target || target.contains(hit));
  }, selector);
}

describe("viewer on the fixture graph", { timeout: 90_000 }, () => {
  it("should draw the aggregate view on the canvas", async () => {
    const px = await stagePixels(page);
    expect(px.nonWhite).toBeGreaterThan(500);
    expect(px.coloured).toBeGreaterThan(100);
    expect(await visibleNodeCount(page)).toBe(6);
    await screenshot(page, "fixture-01-aggregate");
  });

  it("should open on the ranked list of recurring problems, with counts, measures and gap flags", async () => {
    const rows = page.locator('[data-testid="problem-list"] button.problem-row');
    expect(await rows.count()).toBe(4);
    const first = await rows.first().innerText();
    expect(first).toContain("组织生活不规范");
    expect(first).toContain("3");
    expect(first).toContain("对策 1");
    expect(await page.locator('[data-testid="problem-list"] [data-testid="gap-flag"]').count()).toBe(2);
    await page.locator('[data-testid="list-search"]').fill("黨員");
    await expect.poll(() => rows.count()).toBe(1);
    await page.locator('[data-testid="list-search"]').fill("");
    await expect.poll(() => rows.count()).toBe(4);
    await page.locator('[data-testid="list-setting"]').selectOption("enterprise");
    await expect.poll(() => rows.locator(".name").allTextContents()).toEqual(["组织生活不规范", XSS_LABEL]);
    await page.locator('[data-testid="list-setting"]').selectOption("");
    await expect.poll(() => rows.count()).toBe(4);
    await page.waitForTimeout(600); // the re-fit after the filter change is animated
  });

  it("should draw a theme raised by more reports as a bigger disc", async () => {
    await resetCamera(page);
    await page.waitForTimeout(300);
    const big = await nodeScreenRadius(page, "problem:p2"); // 3 reports
    const small = await nodeScreenRadius(page, "problem:p4"); // 1 report
    expect((big / small) ** 2).toBeCloseTo(3, 1);
    // and on screen: a point at 80% of the big radius from each centre is red for p2, not for p4
    const pb = await nodePagePosition(page, "problem:p2");
    const ps = await nodePagePosition(page, "problem:p4");
    const d = big * 0.8;
    expect(near(await colourAt(page, pb.x, pb.y + d), "#d62728")).toBe(true);
    expect(near(await colourAt(page, ps.x, ps.y + d), "#d62728")).toBe(false);
    const legend = await page.locator('[data-testid="size-legend"] .step').allInnerTexts();
    expect(legend).toEqual(["1", "2", "3"]);
  });

  it("should keep the selected theme's measures highlighted until the selection is cleared", async () => {
    await page.locator('[data-testid="problem-list"] button[data-key="problem:p1"]').click();
    // its reports come on demand and join its ego network; the view re-fits (a 300 ms animation)
    await expect.poll(() => egoKeys(page)).toContain("report:b");
    await page.waitForTimeout(700);
    // move the mouse over the canvas and away again: the selection must survive hovering
    const box = (await page.locator('[data-testid="stage"]').boundingBox())!;
    await page.mouse.move(box.x + 5, box.y + box.height - 5);
    await page.waitForTimeout(300);
    const measure = await nodePagePosition(page, "measure:m1");
    expect(near(await colourAt(page, measure.x, measure.y), "#2ca02c")).toBe(true);
    // the problem itself is framed with its measure and reports; an unrelated problem is grey, or out of the frame
    expect(await allInView(page, ["problem:p1", "measure:m1", "report:a", "report:b"])).toBe(true);
    if (await allInView(page, ["problem:p2"])) {
      const other = await nodePagePosition(page, "problem:p2");
      expect(near(await colourAt(page, other.x, other.y), "#e4e4e4", 12)).toBe(true);
    }
    expect(await page.locator('[data-testid="linked-measures"] button').allTextContents()).toEqual(["加强党员发展工作 ×2"]);
    expect(page.url()).toContain("sel=problem%3Ap1");
    await screenshot(page, "fixture-02-selected");
    await page.locator('[data-testid="clear-selection"]').click();
    await page.waitForTimeout(800);
    const p2 = await nodePagePosition(page, "problem:p2");
    expect(near(await colourAt(page, p2.x, p2.y), "#d62728")).toBe(true);
  });

  it("should show a selected theme's reports and quotes, though report links are not loaded up front", async () => {
    const inGraph = () =>
      page.evaluate(() => (window as unknown as { __kgViewer: { ctx: { view: { graph: { filterNodes(f: (k: string, a: { kind: string }) => boolean): string[] } } } } }).__kgViewer.ctx.view.graph.filterNodes((_k, a) => a.kind === "Report"));
    // the page never loaded every report link (only the previous selection's), and p2's third report is not there yet
    expect(await page.evaluate(() => performance.getEntriesByType("resource").filter((e) => e.name.includes("/api/report-links")).map((e) => new URL(e.name).search))).toEqual(["?node=problem%3Ap1"]);
    expect(await inGraph()).not.toContain("report:c");
    await page.locator('[data-testid="problem-list"] button[data-key="problem:p2"]').click();
    // its reports come, are listed by title in the panel and drawn in orange beside it, framed with it
    await expect.poll(() => page.locator('[data-testid="linked-reports"] button').allTextContents()).toEqual(["某中学党支部调研报告 ×1", "某村党建工作调研 ×1", "某公司党委调研报告 ×1"]);
    expect((await inGraph()).sort()).toEqual(["report:a", "report:b", "report:c"]);
    await expect.poll(() => egoKeys(page)).toContain("report:c");
    // the framing is a camera animation: on a loaded machine it may end later than its 300 ms
    await expect.poll(() => allInView(page, ["problem:p2", "report:a", "report:b", "report:c"]), { timeout: 5000 }).toBe(true);
    const reportDrawnOrange = async () => {
      const report = await nodePagePosition(page, "report:c");
      return near(await colourAt(page, report.x, report.y), "#ff7f0e");
    };
    await expect.poll(reportDrawnOrange, { timeout: 5000 }).toBe(true);
    expect(await page.locator('[data-testid="quote"]').allTextContents()).toEqual(["组织生活不规范，三会一课流于形式。", "组织生活开展不经常。", "部分支部组织生活质量不高。"]);
    await screenshot(page, "fixture-02-selected-reports");
    await page.locator('[data-testid="clear-selection"]').click();
    await page.waitForTimeout(500);
  });

  it("should find a simplified label from traditional input and focus it", async () => {
    expect(await search("黨員發展")).toEqual(["党员发展工作滞后 ×2", "加强党员发展工作 ×2"]);
    const before = await cameraRatio(page);
    await page.locator('[data-testid="search"]').press("Enter");
    await page.waitForTimeout(800);
    expect(await page.locator('[data-testid="details-label"]').textContent()).toBe("党员发展工作滞后");
    expect(before).toBeGreaterThan(0);
    // focused: the camera frames the theme and its ego network
    const ego = await egoKeys(page);
    expect(ego.length).toBeGreaterThan(1);
    expect(await allInView(page, ego)).toBe(true);
    await screenshot(page, "fixture-02-search-traditional");
    await clearSearch();
  });

  it("should open the evidence of a node clicked on the canvas", async () => {
    // nothing selected: the side panel is closed and covers no part of the canvas
    await page.locator('[data-testid="clear-selection"]').click();
    // The view re-fits (a 300 ms camera animation, longer on a loaded machine): wait for it to end, then fix the camera.
    const settled = () =>
      page.evaluate(() => {
        const c = (window as unknown as { __kgViewer: { renderer: { getCamera(): { isAnimated(): boolean; setState(s: object): void; getState(): { x: number; y: number; ratio: number } } } } }).__kgViewer.renderer.getCamera();
        const s = c.getState();
        if (c.isAnimated()) return false;
        if (s.x === 0.5 && s.y === 0.5 && s.ratio === 1) return true;
        c.setState({ x: 0.5, y: 0.5, ratio: 1 });
        return false;
      });
    await page.waitForTimeout(600);
    await expect.poll(settled, { timeout: 10_000 }).toBe(true);
    // The stage may still resize after the panel closes (sigma then redraws every node elsewhere), so each try reads
    // the node's position again and moves the pointer onto it from outside the canvas.
    let p = await nodePagePosition(page, "problem:p2");
    const hover = async () => {
      p = await nodePagePosition(page, "problem:p2");
      await page.mouse.move(1, 1);
      await page.mouse.move(p.x, p.y, { steps: 2 });
      return page.evaluate(() => {
        const state = (window as unknown as { __kgViewer: { ctx: { state: { hoveredNode: string; hoverNeighbours: Set<string> } } } }).__kgViewer.ctx.state;
        return { node: state.hoveredNode, neighbours: [...state.hoverNeighbours] };
      });
    };
    await expect.poll(hover, { timeout: 10_000 }).toEqual({ node: "problem:p2", neighbours: ["measure:m2"] });
    await screenshot(page, "fixture-03-hover");
    await page.mouse.click(p.x, p.y);
    await expect.poll(() => page.locator('[data-testid="details-label"]').textContent(), { timeout: 10_000 }).toBe("组织生活不规范");
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
    await page.locator(".more-filters summary").click();
    await page.locator('[data-testid="type-toggle-Report"]').check();
    // every report and report link is loaded when the Report layer is first switched on
    await expect.poll(() => visibleNodeCount(page)).toBe(9);
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
    // the slider's range counts only the node types shown
    expect(await page.locator('[data-testid="min-recurrence"]').getAttribute("max")).toBe("3");
  });

  it("should open a problem × report cell's quotes in front of the matrix", async () => {
    await page.locator('[data-testid="matrix-toggle-problem-report"]').click();
    const cells = page.locator('[data-testid="matrix"] td.filled');
    expect(await cells.count()).toBe(7);
    expect(await page.locator('[data-testid="matrix"] th.col').allInnerTexts()).toContain("某村党建工作调研");
    await screenshot(page, "fixture-06-matrix");
    await page.locator('[data-testid="matrix"] td[title="党员发展工作滞后 · 某村党建工作调研"]').click();
    await page.waitForTimeout(300);
    const quotes = page.locator('[data-testid="cell-popup"] [data-testid="quote"]');
    expect(await quotes.allTextContents()).toEqual(["农村党员发展力度不大，队伍老龄化严重。"]);
    expect(await quotes.first().isVisible()).toBe(true);
    expect(await onTop('[data-testid="cell-popup"] [data-testid="quote"]')).toBe(true);
    await page.locator('[data-testid="cell-popup-close"]').click();
    await page.locator('[data-testid="matrix-toggle-problem-report"]').click();
  });

  it("should open a problem × measure cell's paired quotes side by side, in front", async () => {
    await page.locator('[data-testid="matrix-toggle-problem-measure"]').click();
    await page.locator('[data-testid="matrix"] td.filled').first().click();
    await page.waitForTimeout(300);
    const pair = page.locator('[data-testid="cell-popup"] [data-testid="pair"]');
    expect(await pair.count()).toBe(1);
    const [problem, measure] = await pair.first().locator('[data-testid="quote"]').allTextContents();
    expect([problem, measure]).toEqual(["发展党员工作滞后，青年教师入党积极性不高。", "加强对入党积极分子的培养。"]);
    expect(await pair.first().innerText()).toContain("某中学党支部调研报告");
    const boxes = await pair.first().locator('[data-testid="quote"]').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().left));
    expect(boxes[1]!).toBeGreaterThan(boxes[0]! + 100); // side by side
    expect(await onTop('[data-testid="cell-popup"] [data-testid="pair"]')).toBe(true);
    await screenshot(page, "fixture-06b-problem-measure");
    const [csv] = await Promise.all([page.waitForEvent("download"), page.locator('[data-testid="matrix-csv"]').click()]);
    expect(readFileSync((await csv.path())!, "utf8")).toContain("党员发展工作滞后,1");
    await page.locator('[data-testid="cell-popup-close"]').click();
    await page.locator('[data-testid="matrix-toggle-problem-measure"]').click();
  });

  it("should not leave the Mechanism layer on after a search chose a mechanism", async () => {
    await search("三会一课");
    await page.locator('[data-testid="search-results"] button[data-key="mech:三会一课"]').click();
    await page.waitForTimeout(400);
    expect(await page.locator('[data-testid="details-label"]').textContent()).toBe("三会一课");
    await page.locator('[data-testid="clear-selection"]').click();
    await clearSearch();
    expect(await page.locator('[data-testid="type-toggle-Mechanism"]').isChecked()).toBe(false);
    expect(await visibleNodeCount(page)).toBe(6);
  });

  it("should restore the view from its URL", async () => {
    const url = `${server.url}#sel=problem%3Ap2&settings=rural,school`;
    const other = await browser.newPage();
    await other.goto(url);
    await waitForViewer(other);
    expect(await other.locator('[data-testid="details-label"]').textContent()).toBe("组织生活不规范");
    expect(await other.locator('[data-testid="setting-enterprise"]').isChecked()).toBe(false);
    expect(await other.locator('[data-testid="problem-list"] li.selected').count()).toBe(1);
    await other.close();
  });

  it("should show the XSS sample as text and run nothing", async () => {
    expect(await search("<img")).toEqual([`${XSS_LABEL} ×1`]);
    await page.locator('[data-testid="search"]').press("Enter");
    await page.waitForTimeout(600);
    expect(await page.locator('[data-testid="details-label"]').textContent()).toBe(XSS_LABEL);
    await expect.poll(() => page.locator('[data-testid="details"] [data-testid="quote"]').allTextContents()).toEqual([XSS_QUOTE]);
    await expect.poll(() => page.locator("body").innerText()).toContain(XSS);
    await page.locator('[data-testid="matrix-toggle-problem-report"]').click();
    await page.waitForTimeout(300);
    await screenshot(page, "fixture-07-xss");
    await page.locator('[data-testid="matrix-toggle-problem-report"]').click();
    expect(await page.locator("img").count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    await clearSearch();
  });

  it("should export the view as PNG (with title and legend) and the visible graph as GEXF", async () => {
    await page.locator('[data-testid="clear-selection"]').click();
    await page.waitForTimeout(300);
    const [png] = await Promise.all([page.waitForEvent("download"), page.locator('[data-testid="export-png"]').click()]);
    const pngBytes = readFileSync((await png.path())!);
    expect(pngBytes.subarray(1, 4).toString()).toBe("PNG");
    const px = await pngPixels(page, pngBytes);
    expect(px.coloured).toBeGreaterThan(100);
    // taller than the canvas: a title band above and a legend band below
    const stage = (await page.locator('[data-testid="stage"]').boundingBox())!;
    expect(pngBytes.readUInt32BE(20)).toBeGreaterThan(stage.height + 80);
    const [gexf] = await Promise.all([page.waitForEvent("download"), page.locator('[data-testid="export-gexf"]').click()]);
    const xml = readFileSync((await gexf.path())!, "utf8");
    expect(xml).toContain("<gexf");
    expect(xml).toContain("党员发展工作滞后");
    expect(xml).toContain('label="&lt;img src=x onerror=alert(1)>问题"');
    expect(xml.match(/<node /g)).toHaveLength(6);
  });
});
