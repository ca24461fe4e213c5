/*
 * Headless Chromium for the viewer's end-to-end tests: Debian's chromium through playwright-core,
 * WebGL from SwiftShader, a fresh profile, nothing fetched from the network.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { chromium } from "playwright-core";
import type { BrowserContext } from "playwright-core";

export const CHROMIUM = process.env.KG_CHROMIUM ?? "/usr/bin/chromium";

const ARGS = [
  "--no-sandbox",
  "--headless=new",
  "--use-gl=angle",
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
  "--ignore-gpu-blocklist",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-dev-shm-usage",
];

/** Launch a persistent context on a fresh user-data-dir. */
export async function launchBrowser(): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`e2e: no Chromium at ${CHROMIUM}. Install it (apt-get install -y chromium fonts-wqy-microhei) or set KG_CHROMIUM.`);
  }
  const profile = mkdtempSync(join(tmpdir(), "kg-chromium-"));
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
  });
}
