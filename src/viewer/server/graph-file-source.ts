/*
 * Graph sources for the viewer's server: the graph file written by `kg import`, read with
 * readGraphFile (whatever its format on disk, the same graph in memory). The server caches it and
 * reads it again only when its version (mtime and size) changes, so a new import shows on reload
 * without every request reading the file.
 */
import { existsSync } from "node:fs";
import { stat } from "node:fs/promises";

import { InputError } from "../../errors.ts";
import { readGraphFile } from "../../sinks/graph-file.ts";
import type { KgGraph } from "../../graph/build-graph.ts";
import type { GraphSource, SourceGraph } from "./graph-cache.ts";

/**
 * A source reading the graph file. Reads it once now (throws InputError at once when the file is
 * missing or not a graph) and hands that read to the first load, so starting reads the file once.
 */
export async function createGraphFileSource(path: string): Promise<GraphSource> {
  if (!existsSync(path)) {
    throw new InputError(`kg serve: no graph file at ${path}. Run \`kg import <paths>\` first (or pass --graph <file>).`);
  }
  let first: KgGraph | null = await readGraphFile(path).catch((err: unknown) => {
    throw new InputError(`kg serve: ${err instanceof Error ? err.message : String(err)} Run \`kg import <paths>\` again to rewrite it.`, { cause: err });
  });
  return async () => {
    const graph = first;
    first = null;
    // The viewer reads attributes loosely (unknown values), so the typed graph is taken as a plain one.
    return (graph ?? (await readGraphFile(path))) as unknown as SourceGraph;
  };
}

/** The graph file's version: its mtime and size (a new import changes both or at least the mtime). */
export function graphFileVersion(path: string): () => Promise<string> {
  return async () => {
    const info = await stat(path);
    return `${info.mtimeMs.toFixed(0)}-${info.size}`;
  };
}
