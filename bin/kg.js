#!/usr/bin/env node
// Entry point of the `kg` command. Runs the CLI compiled to JavaScript in lib/ (`npm run build:cli`,
// also part of `npm run build` and `npm install`) when it is there and newer than every source file;
// otherwise the TypeScript sources through tsx's loader, so a fresh clone or an edited src/ just works.
// KG_FROM_SOURCE=1 forces the sources. Commands that hold a corpus (import, extract, …) first start a child
// Node with a heap sized to the machine's memory (bin/heap.js; KG_MAX_HEAP_MB to choose, 0 for Node's default;
// KG_HEAP_GROWING_PERCENT to bound its growth).
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { getHeapStatistics } from "node:v8";

import { planHeap } from "./heap.js";

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

// Commands that hold a corpus run in a child with a heap sized to the machine (bin/heap.js).
let plan;
try {
  plan = planHeap({
    args: process.argv.slice(2),
    env: process.env,
    execArgv: process.execArgv,
    totalMemory: totalmem(),
    constrainedMemory: process.constrainedMemory?.(),
    currentLimit: getHeapStatistics().heap_size_limit,
  });
} catch (err) {
  process.stderr.write(`kg: ${err.message}\n`);
  process.exit(2);
}

if (plan.respawn) {
  // The IPC channel is only there to end the child if this process is killed outright (SIGKILL): see below.
  const growing = plan.growingPercent ? [`--heap-growing-percent=${plan.growingPercent}`] : [];
  const child = spawn(process.execPath, [...process.execArgv, `--max-old-space-size=${plan.megabytes}`, ...growing, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    env: { ...process.env, KG_HEAP_CHILD: "1" },
  });
  // Signals sent to this process are passed on (a terminal's Ctrl-C reaches the child directly as well).
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  child.on("error", (err) => {
    process.stderr.write(`kg: cannot start Node again with a larger heap (${err.message}); set KG_MAX_HEAP_MB=0 to run without.\n`);
    process.exit(1);
  });
  child.on("exit", (code, signal) => {
    if (signal === "SIGABRT" || code === 134) {
      process.stderr.write(
        `kg: aborted, most likely out of memory with a heap of ${plan.megabytes} MB. Give it more with KG_MAX_HEAP_MB=<megabytes> if the machine has it, or import fewer documents at a time into separate graph files.\n`,
      );
    }
    if (signal && signal !== "SIGABRT") {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }
    process.exit(code ?? 1);
  });
} else {
  // The child of the above: when its parent is gone (killed outright), so is the reason to go on.
  if (process.env.KG_HEAP_CHILD === "1" && process.channel) {
    process.channel.unref();
    process.on("disconnect", () => process.exit(1));
  }
  await runCli();
}

async function runCli() {
  if (compiledIsFresh()) {
    await import("../lib/cli/index.js");
  } else {
    const { register } = await import("tsx/esm/api");
    register();
    await import("../src/cli/index.ts");
  }
}
