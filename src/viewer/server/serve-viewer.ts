/*
 * The viewer's HTTP server (node:http, Node only, never bundled): serves the built viewer from
 * dist/viewer and the serialized graph at /api/graph, on 127.0.0.1 by default, with a strict CSP.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

import { ServeError } from "../../errors.ts";

export { ServeError };

/** Where the built viewer lives (package root, not the working directory). */
export const DEFAULT_VIEWER_DIR = fileURLToPath(new URL("../../../dist/viewer", import.meta.url));

/** Produces the graph JSON text for each /api/graph request. */
export type GraphSource = () => Promise<string>;

/** Options of startViewerServer. */
export interface ViewerServerOptions {
  host: string;
  port: number;
  graph: GraphSource;
  viewerDir?: string;
}

/** A running server. */
export interface RunningViewerServer {
  url: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".map": "application/json; charset=utf-8",
  ".woff2": "font/woff2",
};

const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; " +
    "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

/** Check the viewer is built; throws ServeError saying to run `npm run build`. */
export function assertViewerBuilt(viewerDir: string): void {
  if (!existsSync(join(viewerDir, "index.html"))) {
    throw new ServeError(`kg serve: the viewer is not built (${join(viewerDir, "index.html")} is missing). Run \`npm run build\` first.`);
  }
}

/** Start serving; resolves once listening, rejects with ServeError when the port is taken. */
export async function startViewerServer(options: ViewerServerOptions): Promise<RunningViewerServer> {
  const viewerDir = resolve(options.viewerDir ?? DEFAULT_VIEWER_DIR);
  assertViewerBuilt(viewerDir);
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => void handle(req, res, viewerDir, options.graph));
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await listen(server, options.host, options.port);
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/`,
    close: () => closeServer(server, sockets),
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      if (err.code === "EADDRINUSE") {
        reject(new ServeError(`kg serve: port ${port} on ${host} is already in use. Stop what uses it or pass --port <another>.`, { cause: err }));
      } else if (err.code === "EACCES" || err.code === "EADDRNOTAVAIL") {
        reject(new ServeError(`kg serve: cannot listen on ${host}:${port} (${err.code}). Pick another --host or --port.`, { cause: err }));
      } else reject(err);
    };
    const onListening = () => {
      server.off("error", onError);
      resolvePromise();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

function closeServer(server: Server, sockets: Set<Socket>): Promise<void> {
  return new Promise((resolvePromise) => {
    server.close(() => resolvePromise());
    for (const socket of sockets) socket.destroy();
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, viewerDir: string, graph: GraphSource): Promise<void> {
  try {
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "text/plain; charset=utf-8", "method not allowed");
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    if (path === "/api/graph") return send(res, 200, CONTENT_TYPES[".json"]!, await graph(), req.method === "HEAD");
    const file = resolveStatic(viewerDir, path);
    if (!file) return send(res, 404, "text/plain; charset=utf-8", "not found");
    const body = await readFile(file);
    return send(res, 200, CONTENT_TYPES[extname(file)] ?? "application/octet-stream", body, req.method === "HEAD");
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return send(res, 500, "application/json; charset=utf-8", JSON.stringify({ error: message }));
  }
}

/** Map a URL path to a file inside the viewer directory, or null (outside it, or absent). */
export function resolveStatic(viewerDir: string, urlPath: string): string | null {
  const relative = urlPath === "/" ? "index.html" : urlPath.replace(/^\/+/, "");
  const file = resolve(viewerDir, relative);
  if (file !== viewerDir && !file.startsWith(viewerDir + sep)) return null;
  return existsSync(file) && extname(file) !== "" ? file : null;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headOnly = false): void {
  res.writeHead(status, { ...SECURITY_HEADERS, "content-type": type, "cache-control": "no-store", "content-length": Buffer.byteLength(body) });
  res.end(headOnly ? undefined : body);
}
