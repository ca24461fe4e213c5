/*
 * bin/kg.js runs the CLI compiled into lib/ (npm run build:cli) when it is fresh, else src/ through
 * tsx; the two must behave the same, workers included. And the command modules, which load the
 * heavy ones lazily, must agree with them on the defaults they print.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { DEFAULT_DECISIONS_FILE } from "../../src/cli/commands/extract.ts";
import { DEFAULT_GRAPH_FILE as IMPORT_DEFAULT } from "../../src/cli/commands/import.ts";
import { DEFAULT_GRAPH_FILE } from "../../src/sinks/graph-file.ts";
import { defaultDecisionsPath } from "../../src/themes/decisions.ts";

/** True when lib/ is built and newer than every source file (then bin/kg.js runs it). */
function compiledIsFresh(): boolean {
  if (!existsSync("lib/.build-stamp")) return false;
  const built = statSync("lib/.build-stamp").mtimeMs;
  return readdirSync("src", { recursive: true }).every((f) => !statSync(join("src", String(f))).isFile() || statSync(join("src", String(f))).mtimeMs <= built);
}

const kg = (args: string[], env: Record<string, string> = {}) =>
  execFileSync(process.execPath, ["bin/kg.js", ...args], { encoding: "utf8", env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "ignore"] });

describe("cold start", () => {
  it("kg import names the graph file the graph-file sink writes by default", () => {
    expect(IMPORT_DEFAULT).toBe(DEFAULT_GRAPH_FILE);
  });

  it("kg extract names the decisions file the themes module reads by default", () => {
    expect(DEFAULT_DECISIONS_FILE).toBe(defaultDecisionsPath(DEFAULT_GRAPH_FILE));
  });

  it.skipIf(!compiledIsFresh())("the compiled CLI prints the same help and the same extraction as the sources (worker threads included)", () => {
    expect(kg(["import", "--help"])).toBe(kg(["import", "--help"], { KG_FROM_SOURCE: "1" }));
    const compiled = kg(["extract", "test/fixtures/unseen", "test/fixtures/reports", "--json", "--jobs", "2"]);
    expect(compiled).toBe(kg(["extract", "test/fixtures/unseen", "test/fixtures/reports", "--json", "--jobs", "1"], { KG_FROM_SOURCE: "1" }));
  });
});
