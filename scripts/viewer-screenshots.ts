/*
 * Screenshots of the viewer for docs/: the seed and a generated 50-report corpus
 * (test/viewer/fixtures/report-corpus.ts, our own words) imported with `kg import`, served with
 * `kg serve` and photographed in headless Chromium: the first screen, a selected problem, and the
 * problem × measure matrix with a cell's paired quotes. Run `npm run build` first.
 * Usage: node --import tsx scripts/viewer-screenshots.ts [--out docs]
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

import type { Page } from "playwright-core";

import { launchBrowser } from "../test/viewer/e2e/browser.ts";
import { ROOT, ensureViewerBuilt, startServe, waitForViewer } from "../test/viewer/e2e/harness.ts";
import { generateReportCorpus } from "../test/viewer/fixtures/report-corpus.ts";

const { values } = parseArgs({ options: { out: { type: "string", default: "docs" } } });
const OUT = join(ROOT, values.out!);

function importInto(input: string, dir: string): string {
  const file = join(dir, "graph.json");
  const env = { ...process.env };
  delete env.NEO4J_URI;
  execFileSync(process.execPath, [join(ROOT, "bin/kg.js"), "import", input, "--out", file], { cwd: dir, env, stdio: "pipe" });
  return file;
}

async function shoot(page: Page, name: string): Promise<void> {
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path });
  console.log(`${path}  ${(statSync(path).size / 1024).toFixed(0)} KB`);
}

async function photograph(graphFile: string, prefix: string, full: boolean): Promise<void> {
  const server = await startServe(graphFile);
  const browser = await launchBrowser();
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(server.url);
    await waitForViewer(page);
    await page.waitForTimeout(800);
    await shoot(page, `${prefix}`);
    if (!full) return;
    await page.locator('[data-testid="problem-list"] button.problem-row').nth(1).click();
    await page.waitForTimeout(1200);
    await shoot(page, `${prefix}-selected`);
    await page.locator('[data-testid="clear-selection"]').click();
    await page.locator('[data-testid="matrix-toggle-problem-measure"]').click();
    await page.waitForTimeout(400);
    await page.locator('[data-testid="matrix"] td.filled').first().click();
    await page.waitForTimeout(600);
    await shoot(page, `${prefix}-matrix`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

ensureViewerBuilt();
mkdirSync(OUT, { recursive: true });
const seedDir = mkdtempSync(join(tmpdir(), "kg-shots-seed-"));
await photograph(importInto(join(ROOT, "seeds"), seedDir), "viewer-seed", false);
const corpusDir = mkdtempSync(join(tmpdir(), "kg-shots-50-"));
const reports = join(corpusDir, "reports");
mkdirSync(reports);
for (const f of generateReportCorpus(50)) writeFileSync(join(reports, f.name), f.text);
await photograph(importInto(reports, corpusDir), "viewer-50-reports", true);
