/*
 * Graph sources for the viewer's server: the embedded graph file written by `kg import`. The server
 * caches it and reads it again only when its version (mtime and size) changes, so a new import shows
 * on reload without every request reading the file.
 */
import { existsSync, readFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";

import { InputError } from "../../errors.ts";
import { parseGraphFile } from "../../sinks/graph-codec.ts";
import type { GraphSource } from "./serve-viewer.ts";

/** A source reading the graph file; throws InputError at once when the file is missing or not a graph. */
export function createGraphFileSource(path: string): GraphSource {
  if (!existsSync(path)) {
    throw new InputError(`kg serve: no graph file at ${path}. Run \`kg import <paths>\` first (or pass --graph <file>).`);
  }
  assertGraphJson(path, readFileSync(path));
  // The file may be compact or gzip-compressed (sinks/graph-codec.ts): the viewer gets graphology's export JSON.
  return async () => JSON.stringify(parseGraphFile(await readFile(path)));
}

/** The graph file's version: its mtime and size (a new import changes both or at least the mtime). */
export function graphFileVersion(path: string): () => Promise<string> {
  return async () => {
    const info = await stat(path);
    return `${info.mtimeMs.toFixed(0)}-${info.size}`;
  };
}

function assertGraphJson(path: string, bytes: Buffer): void {
  let data: unknown;
  try {
    data = parseGraphFile(bytes);
  } catch (err) {
    const what = err instanceof SyntaxError ? "is not JSON" : `is not a graph file (${(err as Error).message})`;
    throw new InputError(`kg serve: ${path} ${what}. Run \`kg import <paths>\` again to rewrite it.`, { cause: err });
  }
  const nodes = (data as { nodes?: unknown } | null)?.nodes;
  if (!Array.isArray(nodes)) {
    throw new InputError(`kg serve: ${path} is not a graph export (no "nodes" array). Run \`kg import <paths>\` again to rewrite it.`);
  }
}
