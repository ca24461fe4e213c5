#!/usr/bin/env node
// Entry point of the `kg` command. Runs the CLI compiled to JavaScript in lib/ (`npm run build:cli`,
// also part of `npm run build` and `npm install`) when it is there and newer than every source file;
// otherwise the TypeScript sources through tsx's loader, so a fresh clone or an edited src/ just works.
// KG_FROM_SOURCE=1 forces the sources.
import { readdirSync, statSync } from "node:fs";

const stamp = new URL("../lib/.build-stamp", import.meta.url);
const src = new URL("../src/", import.meta.url);

function compiledIsFresh() {
  if (process.env.KG_FROM_SOURCE === "1") return false;
  let built;
  try {
    built = statSync(stamp).mtimeMs;
  } catch {
    return false;
  }
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && statSync(`${entry.parentPath ?? entry.path}/${entry.name}`).mtimeMs > built) return false;
  }
  return true;
}

if (compiledIsFresh()) {
  await import("../lib/cli/index.js");
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/index.ts");
}
