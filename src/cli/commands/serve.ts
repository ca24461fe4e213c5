/*
 * `kg serve`: serves the built viewer and the graph (the embedded graph file, or live from Neo4j)
 * on 127.0.0.1, prints the URL (never a password), and stops cleanly on Ctrl+C.
 */
import { stat } from "node:fs/promises";

import { InvalidArgumentError, Option } from "commander";
import type { Command } from "commander";

import { UsageError } from "../../errors.ts";
import { safeText } from "../../util/terminal.ts";
import type { GraphSource } from "../../viewer/server/serve-viewer.ts";

/** Graph files from this size on get a line saying they are being read. */
const LARGE_GRAPH_BYTES = 20 * 2 ** 20;

/** Default port of `kg serve`. */
export const DEFAULT_SERVE_PORT = 4173;
export const DEFAULT_GRAPH_PATH = "out/graph.json";

/** Options of the serve command. */
export interface ServeOptions {
  port: number;
  host: string;
  graph?: string;
  neo4j?: string;
  database?: string;
  viewerDir?: string;
  /** Resolves when serving should stop (default: SIGINT or SIGTERM). */
  until?: Promise<unknown>;
  log?: (line: string) => void;
}

/** Serve until `until` resolves; returns the URL it served on. */
export async function serve(opts: ServeOptions): Promise<{ url: string }> {
  if (opts.graph && opts.neo4j) throw new UsageError("kg serve: pass either --graph or --neo4j, not both.");
  const source = await resolveGraphSource(opts);
  // Loaded when used, so that `kg --help` stays fast (see bin/kg.js).
  const { startViewerServer } = await import("../../viewer/server/serve-viewer.ts");
  const server = await startViewerServer({
    host: opts.host,
    port: opts.port,
    graph: source.graph,
    ...(source.version ? { graphVersion: source.version } : {}),
    ...(opts.viewerDir ? { viewerDir: opts.viewerDir } : {}),
  });
  const log = opts.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  log(`kg serve: viewer at ${server.url} (graph from ${withoutCredentials(source.description)}). Press Ctrl+C to stop.`);
  try {
    await (opts.until ?? untilSignal());
  } finally {
    await server.close();
    await source.close();
  }
  return { url: server.url };
}

/** A text with any `user:password@` of a URI removed (the serve banner never shows credentials). */
export function withoutCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, "$1");
}

interface ResolvedSource {
  graph: GraphSource;
  version?: () => Promise<string>;
  description: string;
  close: () => Promise<void>;
}

async function resolveGraphSource(opts: ServeOptions): Promise<ResolvedSource> {
  const uri = opts.neo4j;
  if (uri) {
    const { createNeo4jGraphSource } = await import("../../store/neo4j/read-graph.ts");
    return createNeo4jGraphSource({ uri, ...(opts.database ? { database: opts.database } : {}) });
  }
  const path = opts.graph ?? DEFAULT_GRAPH_PATH;
  const { createGraphFileSource, graphFileVersion } = await import("../../viewer/server/graph-file-source.ts");
  // A large corpus's graph file takes a while to read (about a minute at 500 MB): say so rather than sit silent.
  const bytes = await stat(path).then((s) => s.size, () => 0);
  const started = Date.now();
  if (bytes >= LARGE_GRAPH_BYTES) process.stderr.write(`kg serve: reading ${safeText(path)} (${(bytes / 2 ** 20).toFixed(0)} MB)…\n`);
  const graph = await createGraphFileSource(path);
  if (bytes >= LARGE_GRAPH_BYTES) process.stderr.write(`kg serve: read in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return { graph, version: graphFileVersion(path), description: path, close: async () => {} };
}

/**
 * Resolves on the first SIGINT or SIGTERM. Later ones are ignored while the server closes: a terminal's
 * Ctrl-C reaches this process both from the terminal and through bin/kg.js, which passes signals on.
 */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.on("SIGINT", resolve);
    process.on("SIGTERM", resolve);
  });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError("expected a port number (0-65535).");
  return port;
}

/** Register `kg serve`. */
export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("serve the interactive viewer and the graph on 127.0.0.1")
    .addOption(new Option("-p, --port <n>", "port to listen on (0 = any free port)").argParser(parsePort).default(DEFAULT_SERVE_PORT))
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--graph <file>", `graph file written by kg import (default ${DEFAULT_GRAPH_PATH})`)
    .option("--neo4j <uri>", "read the graph live from Neo4j instead (user/password from NEO4J_USER / NEO4J_PASSWORD or .env)")
    .option("--database <name>", "Neo4j database (with --neo4j)")
    .action(async (flags: { port: number; host: string; graph?: string; neo4j?: string; database?: string }) => {
      await serve(flags);
    });
}
