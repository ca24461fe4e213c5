/*
 * End-to-end harness: builds the viewer when dist/viewer is missing, starts `kg serve` on a free
 * port against a graph file, and reads what the page shows (pixels, counts, the viewer's state).
 */
import { execFileSync, spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

import type { Page } from "playwright-core";

export const ROOT = resolve(import.meta.dirname, "../../..");
export const SCREENSHOTS = join(ROOT, "screenshots");

/** Build the viewer when dist/viewer is missing or older than a file of src/viewer. */
export function ensureViewerBuilt(): void {
  const index = join(ROOT, "dist/viewer/index.html");
  const fresh = () => existsSync(index) && newestMtime(join(ROOT, "src/viewer")) <= statSync(index).mtimeMs;
  if (fresh()) return;
  // Several test files may ask at once: one builds (holding a lock directory), the others wait for it.
  const lock = join(ROOT, "dist/.viewer-build.lock");
  mkdirSync(join(ROOT, "dist"), { recursive: true });
  if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
  try {
    mkdirSync(lock);
  } catch {
    for (const until = Date.now() + 300_000; existsSync(lock) && Date.now() < until; ) sleepSync(250);
    if (!fresh()) throw new Error("e2e: the viewer build another test started did not finish; run `npm run build`.");
    return;
  }
  try {
    if (fresh()) return; // another file built it meanwhile
    execFileSync("npx", ["vite", "build", "--config", "src/viewer/vite.config.ts", "--logLevel", "error"], { cwd: ROOT, stdio: "inherit" });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** A running `kg serve`. */
export interface ServeProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<number | null>;
}

/** Start `node bin/kg.js serve --port 0 --graph <file>` and wait for the URL it prints. */
export function startServe(graphFile: string): Promise<ServeProcess> {
  const child = spawn(process.execPath, ["bin/kg.js", "serve", "--port", "0", "--graph", graphFile], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`kg serve did not start in 60 s.\n${out}\n${err}`));
    }, 60_000);
    child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolvePromise({ url: m[0], child, stop: () => stopChild(child) });
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`kg serve exited with ${code}.\n${out}\n${err}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolvePromise) => {
    child.removeAllListeners("exit");
    child.once("exit", (code) => resolvePromise(code));
    child.kill("SIGINT");
  });
}

/** Save a screenshot under screenshots/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** Count non-white and strongly coloured pixels of the sigma stage (a screenshot decoded in the page). */
export async function stagePixels(page: Page): Promise<{ nonWhite: number; coloured: number; total: number }> {
  return pngPixels(page, await page.locator('[data-testid="stage"]').screenshot());
}

/** Count non-white and strongly coloured pixels of a PNG (decoded by the page's own image decoder). */
export async function pngPixels(page: Page, png: Buffer): Promise<{ nonWhite: number; coloured: number; total: number }> {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = img.width;
    canvas.height = img.height;
    const g = canvas.getContext("2d")!;
    g.drawImage(img, 0, 0);
    const data = g.getImageData(0, 0, img.width, img.height).data;
    let nonWhite = 0;
    let coloured = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, gg, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      if (r < 245 || gg < 245 || b < 245) nonWhite++;
      if (Math.max(r, gg, b) - Math.min(r, gg, b) > 80) coloured++;
    }
    return { nonWhite, coloured, total: data.length / 4 };
  }, png.toString("base64"));
}

/** Visible node count the filter panel reports. */
export async function visibleNodeCount(page: Page): Promise<number> {
  return Number(await page.locator('[data-testid="visible-count"]').getAttribute("data-nodes"));
}

/** Wait until the graph is drawn and the layout has finished. */
export async function waitForViewer(page: Page): Promise<void> {
  await page.locator('[data-testid="visible-count"]').waitFor({ state: "attached" });
  await page.locator('[data-testid="layout-status"][data-done="true"]').waitFor({ state: "attached", timeout: 60_000 });
  await page.waitForTimeout(300);
}

/** Viewport position (relative to the page) of a node, from sigma's own coordinates. */
export async function nodePagePosition(page: Page, key: string): Promise<{ x: number; y: number }> {
  const p = await page.evaluate((k) => {
    const viewer = (window as unknown as { __kgViewer: { renderer: { getGraph(): { getNodeAttributes(k: string): { x: number; y: number } }; graphToViewport(p: { x: number; y: number }): { x: number; y: number } } } }).__kgViewer;
    const a = viewer.renderer.getGraph().getNodeAttributes(k);
    return viewer.renderer.graphToViewport({ x: a.x, y: a.y });
  }, key);
  const box = (await page.locator('[data-testid="stage"]').boundingBox())!;
  return { x: box.x + p.x, y: box.y + p.y };
}

/** Camera ratio (1 = whole graph; smaller = zoomed in). */
export async function cameraRatio(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __kgViewer: { renderer: { getCamera(): { ratio: number } } } }).__kgViewer.renderer.getCamera().ratio);
}

/** The colour a person sees at a page position (one screenshot pixel, decoded by the page). */
export async function colourAt(page: Page, x: number, y: number): Promise<[number, number, number]> {
  const png = await page.screenshot({ clip: { x: Math.round(x), y: Math.round(y), width: 1, height: 1 } });
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = 1;
    canvas.height = 1;
    const g = canvas.getContext("2d")!;
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, 1, 1).data;
    return [d[0]!, d[1]!, d[2]!] as [number, number, number];
  }, png.toString("base64"));
}

/** Whether a colour is about the given hex colour (anti-aliasing and blending tolerated). */
export function near(colour: [number, number, number], hex: string, tolerance = 40): boolean {
  const n = Number.parseInt(hex.slice(1), 16);
  const want = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return colour.every((c, i) => Math.abs(c - want[i]!) <= tolerance);
}

/** A node's on-screen radius (px), from sigma's display data. */
export async function nodeScreenRadius(page: Page, key: string): Promise<number> {
  return page.evaluate((k) => {
    const viewer = (window as unknown as { __kgViewer: { renderer: { getGraph(): { getNodeAttribute(k: string, n: "size"): number }; scaleSize(s: number): number } } }).__kgViewer;
    return viewer.renderer.scaleSize(viewer.renderer.getGraph().getNodeAttribute(k, "size"));
  }, key);
}

/** Put the camera back on the whole (fitted) view. */
export async function resetCamera(page: Page): Promise<void> {
  await page.evaluate(() =>
    (window as unknown as { __kgViewer: { renderer: { getCamera(): { setState(s: object): void } } } }).__kgViewer.renderer.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 }),
  );
  await page.waitForTimeout(300);
}

/** Whether every given node is drawn inside the canvas (the camera frames them). */
export async function allInView(page: Page, keys: string[]): Promise<boolean> {
  const box = (await page.locator('[data-testid="stage"]').boundingBox())!;
  for (const key of keys) {
    const p = await nodePagePosition(page, key);
    if (p.x < box.x || p.x > box.x + box.width || p.y < box.y || p.y > box.y + box.height) return false;
  }
  return true;
}

/** The selected node's ego network (keys), from the viewer's state. */
export async function egoKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window as unknown as { __kgViewer: { ctx: { state: { ego: { nodes: Set<string> } } } } }).__kgViewer.ctx.state.ego.nodes]);
}
