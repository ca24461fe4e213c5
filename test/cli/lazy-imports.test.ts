/*
 * `kg --help` (and every command's start) loads only what parsing the command line needs: the static
 * imports reachable from src/cli/index.ts must not include the heavy packages, which the commands load
 * on first use (a cold `kg --help` then takes about 0.1 CPU-s instead of 0.2–0.6).
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

import { describe, expect, it } from "vitest";

import { REPO_ROOT } from "../helpers/cli.fixtures.ts";

const HEAVY = ["graphology", "neo4j-driver", "@node-rs/jieba", "opencc-js", "mammoth", "htmlparser2", "iconv-lite", "sigma"];

/** Packages and files reached from `entry` by static, non-type imports and re-exports. */
function staticImports(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^;"']*?\sfrom\s+)?["']([^"']+)["']/gm)) {
      const spec = m[1]!;
      if (spec.startsWith(".")) stack.push(resolve(dirname(file), spec));
      else if (!spec.startsWith("node:")) packages.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!);
    }
  }
  return { files, packages };
}

describe("what the CLI loads before a command runs", () => {
  it("reaches no heavy package through static imports", () => {
    const { files, packages } = staticImports(join(REPO_ROOT, "src/cli/index.ts"));
    expect(files.size).toBeGreaterThan(5);
    expect([...packages].filter((p) => HEAVY.includes(p))).toEqual([]);
  });

  it("would see one if a command imported it statically", () => {
    // The walk itself: the pipeline, which the commands load lazily, does reach the heavy packages.
    const { packages } = staticImports(join(REPO_ROOT, "src/pipeline.ts"));
    expect([...packages]).toEqual(expect.arrayContaining(["opencc-js"]));
  });
});
