/*
 * Plays the query library's Browser guide in the real Neo4j Browser of `npm run neo4j:start`, in
 * headless Chromium: starts `kg serve` (on a fixture graph), opens Browser (no login needed), runs
 * `:guide http://localhost:<port>/guide/kg-queries.html` (or `:play …`), goes to the first query's
 * slide and clicks its Cypher block (`:guide` only), and prints what Browser shows (title, slide count, the editor's first
 * line). Screenshots go to screenshots/browser-guide-*.png. A manual check, not a test (it needs Neo4j).
 *
 * Usage: npm run neo4j:start && node --import tsx scripts/check-browser-guide.ts [guide|play]
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { config } from "dotenv";

import { launchBrowser } from "../test/viewer/e2e/browser.ts";
import { ROOT, startServe } from "../test/viewer/e2e/harness.ts";
import { fixtureGraphJson } from "../test/viewer/fixtures/graph.fixtures.ts";

config({ path: join(ROOT, ".env"), quiet: true });
const command = process.argv[2] === "play" ? "play" : "guide";
const httpPort = process.env.NEO4J_HTTP_PORT ?? "7474";
const shots = join(ROOT, "screenshots");
mkdirSync(shots, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), "kg-guide-"));
const file = join(dir, "graph.json");
writeFileSync(file, JSON.stringify(fixtureGraphJson()));
const server = await startServe(file);
const port = new URL(server.url).port;
const browser = await launchBrowser();
const page = browser.pages()[0] ?? (await browser.newPage());
try {
  await page.goto(`http://localhost:${httpPort}/browser/`);
  const editor = page.locator(".monaco-editor").first();
  await editor.waitFor({ timeout: 60_000 });
  await editor.click();
  await page.keyboard.type(`:${command} http://localhost:${port}/guide/kg-queries.html`);
  await page.keyboard.press("Enter");
  await page.getByText("kg 查询库 · Query library").first().waitFor({ timeout: 30_000 });
  await page.screenshot({ path: join(shots, `browser-guide-${command}-1.png`) });
  console.log(`Browser shows the guide (:${command}): yes`);
  if (command === "guide") {
    for (let i = 0; i < 2; i++) await page.getByText("Next", { exact: true }).click();
    await page.waitForTimeout(800);
    const blocks = page.locator("pre.runnable:visible");
    console.log(`runnable blocks on the first query's slide: ${await blocks.count()}`);
    await blocks.nth(1).click();
    await page.waitForTimeout(800);
    const text = (await editor.innerText()).replace(/\s+/g, " ");
    console.log(`editor after a click on the query block: ${text.slice(0, 100)}…`);
    await page.screenshot({ path: join(shots, `browser-guide-${command}-2.png`) });
  }
} finally {
  await browser.close();
  await server.stop();
}
