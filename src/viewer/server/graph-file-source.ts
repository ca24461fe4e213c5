/*
 * Graph sources for the viewer's server: the embedded graph file written by `kg import`, read again
 * on every request so a new import shows on reload.
 */
import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";

import { InputError } from "../../errors.ts";
import type { GraphSource } from "./serve-viewer.ts";

/** A source reading the graph file; throws InputError at once when the file is missing or not a graph. */
export function createGraphFileSource(path: string): GraphSource {
  if (!existsSync(path)) {
    throw new InputError(`kg serve: no graph file at ${path}. Run \`kg import <paths>\` first (or pass --graph <file>).`);
  }
  assertGraphJson(path, readFileSync(path, "utf8"));
  return () => readFile(path, "utf8");
}

function assertGraphJson(path: string, text: string): void {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InputError(`kg serve: ${path} is not JSON. Run \`kg import <paths>\` again to rewrite it.`, { cause: err });
  }
  const nodes = (data as { nodes?: unknown } | null)?.nodes;
  if (!Array.isArray(nodes)) {
    throw new InputError(`kg serve: ${path} is not a graph export (no "nodes" array). Run \`kg import <paths>\` again to rewrite it.`);
  }
}
