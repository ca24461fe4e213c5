/*
 * The viewer's HTTP server (node:http, Node only, never bundled): serves the built viewer from
 * dist/viewer and, from one cached copy of the graph (graph-cache.ts), compressed by Accept-Encoding:
 *   /api/summary                       what the first screen, list and matrices need (no quotes, no report links)
 *   /api/report-links?node=K           a node's report links (a theme's reports, a report's themes), on demand
 *   /api/report-links                  every report link (the Report layer), on demand
 *   /api/evidence?node=K               a node's quotes, on demand
 *   /api/pair?problem=P&measure=M      a problem × measure cell's paired quotes
 *   /api/source?statement=K            the source lines around a statement (when the file is readable)
 *   /api/graph                         the whole serialized graph (without the Document nodes' `record`)
 *   /guide/kg-queries.html             the Neo4j Browser guide of the query library (browser-guide.ts), CORS open
 *                                      so Browser (another origin) can fetch it: `:guide http://localhost:<port>/guide/kg-queries.html`
 * on 127.0.0.1 by default, with a strict CSP, a Host check (DNS rebinding) and 400 for malformed URLs.
 */
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

import { ServeError } from "../../errors.ts";
import { GUIDE_PATH, currentBrowserGuide } from "./browser-guide.ts";
import { EncodedBody, GraphCache, negotiateEncoding } from "./graph-cache.ts";
import type { GraphSource } from "./graph-cache.ts";

export { ServeError };
export type { GraphSource };

/** Where the built viewer lives (package root, not the working directory). */
export const DEFAULT_VIEWER_DIR = fileURLToPath(new URL("../../../dist/viewer", import.meta.url));

/** Options of startViewerServer. */
export interface ViewerServerOptions {
  host: string;
  port: number;
  graph: GraphSource;
  /** The graph's current version (a file's mtime and size); without it the graph is re-read at most every 10 s. */
  graphVersion?: () => Promise<string>;
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
  const cache = new GraphCache({ source: options.graph, ...(options.graphVersion ? { version: options.graphVersion } : {}) });
  const ctx: HandlerContext = { viewerDir, cache, allowedHosts: new Set(), anyIpHost: false };
  const server = createServer((req, res) => void handle(req, res, ctx));
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await listen(server, options.host, options.port);
  // Read and summarise the graph now, so the first visitor does not wait for it (errors show on request).
  cache.get().catch(() => {});
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  ctx.allowedHosts = allowedHosts(options.host, port);
  ctx.anyIpHost = options.host === "0.0.0.0" || options.host === "::";
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

interface HandlerContext {
  viewerDir: string;
  cache: GraphCache;
  /** Host header values accepted (lower case, with port). */
  allowedHosts: Set<string>;
  /** Listening on every interface: any IP-literal Host with the right port is accepted too. */
  anyIpHost: boolean;
}

/** Host header values a server on host:port answers: loopback names and the listening address, with the port. */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = new Set(["127.0.0.1", "localhost", "[::1]"]);
  names.add(host.includes(":") ? `[${host.toLowerCase()}]` : host.toLowerCase());
  return new Set([...names].map((n) => `${n}:${port}`));
}

/** Whether a Host header names this server (DNS rebinding: a foreign name pointing at 127.0.0.1 is refused). */
export function isAllowedHost(header: string | undefined, ctx: Pick<HandlerContext, "allowedHosts" | "anyIpHost">): boolean {
  if (!header) return false;
  const host = header.trim().toLowerCase();
  if (ctx.allowedHosts.has(host)) return true;
  if (!ctx.anyIpHost) return false;
  const port = [...ctx.allowedHosts][0]?.split(":").pop();
  const m = /^(\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:.]+\]):(\d+)$/.exec(host);
  return m !== null && m[2] === port;
}

class BadRequest extends Error {}

function parseRequestUrl(raw: string | undefined): { path: string; params: URLSearchParams } {
  let url: URL;
  try {
    url = new URL(raw ?? "/", "http://localhost");
  } catch {
    throw new BadRequest("malformed URL");
  }
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
    // URLSearchParams decodes leniently; a bad escape in the query is as malformed as one in the path.
    decodeURIComponent(url.search.replace(/\+/g, " "));
  } catch {
    throw new BadRequest("malformed URL: bad % escape");
  }
  if (path.includes("\0")) throw new BadRequest("malformed URL");
  return { path, params: url.searchParams };
}

async function handle(req: IncomingMessage, res: ServerResponse, ctx: HandlerContext): Promise<void> {
  try {
    if (!isAllowedHost(req.headers.host, ctx)) return send(res, 403, "text/plain; charset=utf-8", "forbidden: unknown Host (kg serve answers only 127.0.0.1 and localhost)");
    const { path, params } = parseRequestUrl(req.url);
    if (path === GUIDE_PATH) return await guide(req, res);
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "text/plain; charset=utf-8", "method not allowed");
    const head = req.method === "HEAD";
    if (path.startsWith("/api/")) return await api(req, res, ctx, path, params, head);
    const file = resolveStatic(ctx.viewerDir, path);
    if (!file) return send(res, 404, "text/plain; charset=utf-8", "not found");
    const body = await readFile(file);
    return send(res, 200, CONTENT_TYPES[extname(file)] ?? "application/octet-stream", body, head);
  } catch (err) {
    if (err instanceof BadRequest) return send(res, 400, "text/plain; charset=utf-8", `bad request: ${err.message}`);
    const message = err instanceof Error ? err.message : String(err);
    return send(res, 500, "application/json; charset=utf-8", JSON.stringify({ error: message }));
  }
}

/**
 * The Browser guide. Neo4j Browser fetches it from its own origin (http://localhost:7474) with
 * no-cache headers, so a preflight comes first: both are answered for any origin. The guide is the
 * query library's own text (no graph data), so any page may read it.
 */
async function guide(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const cors = {
    "access-control-allow-origin": "*",
    "access-control-allow-methods": "GET, HEAD, OPTIONS",
    "access-control-allow-headers": String(req.headers["access-control-request-headers"] ?? "pragma, cache-control"),
    "access-control-max-age": "600",
  };
  if (req.method === "OPTIONS") {
    res.writeHead(204, { ...cors, "content-length": 0 });
    res.end();
    return;
  }
  if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "text/plain; charset=utf-8", "method not allowed");
  const body = Buffer.from(await currentBrowserGuide(), "utf8");
  res.writeHead(200, { ...SECURITY_HEADERS, ...cors, "content-type": CONTENT_TYPES[".html"]!, "cache-control": "no-cache", "content-length": body.length });
  res.end(req.method === "HEAD" ? undefined : body);
}

function required(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (!value) throw new BadRequest(`missing parameter ${name}`);
  return value;
}

async function api(req: IncomingMessage, res: ServerResponse, ctx: HandlerContext, path: string, params: URLSearchParams, head: boolean): Promise<void> {
  const json = CONTENT_TYPES[".json"]!;
  if (path === "/api/summary" || path === "/api/graph") {
    const loaded = await ctx.cache.get();
    return sendEncoded(req, res, path === "/api/summary" ? loaded.summary : loaded.graph(), `"${path.slice(5)}-${loaded.version}"`, head);
  }
  if (path === "/api/report-links") {
    const loaded = await ctx.cache.get();
    const node = params.get("node");
    if (node === null) return sendEncoded(req, res, loaded.allReportLinks(), `"report-links-${loaded.version}"`, head);
    if (!node) throw new BadRequest("empty parameter node");
    return sendJson(req, res, loaded.reportLinks(node), head);
  }
  if (path === "/api/evidence") {
    const node = required(params, "node");
    return sendJson(req, res, (await ctx.cache.get()).evidence(node), head);
  }
  if (path === "/api/pair") {
    const problem = required(params, "problem");
    const measure = required(params, "measure");
    return sendJson(req, res, (await ctx.cache.get()).pairQuotes(problem, measure), head);
  }
  if (path === "/api/source") {
    const place = (await ctx.cache.get()).statementPlace(required(params, "statement"));
    if (!place) return send(res, 404, json, JSON.stringify({ error: "no such statement" }));
    return sendJson(req, res, await sourceLines(place.path, place.line), head);
  }
  return send(res, 404, "text/plain; charset=utf-8", "not found");
}

/** Lines around a statement from its source file (a path the graph names, never one from the request), or none when unreadable. */
async function sourceLines(path: string, line: number, around = 4): Promise<{ path: string; first: number; lines: string[] }> {
  try {
    const info = await stat(path);
    if (!info.isFile() || info.size > 50_000_000) return { path, first: line, lines: [] };
    const all = (await readFile(path, "utf8")).split(/\r?\n/);
    const first = Math.max(1, line - around);
    return { path, first, lines: all.slice(first - 1, Math.min(all.length, line + around)) };
  } catch {
    return { path, first: line, lines: [] };
  }
}

async function sendEncoded(req: IncomingMessage, res: ServerResponse, body: EncodedBody, etag: string, head: boolean): Promise<void> {
  const encoding = negotiateEncoding(req.headers["accept-encoding"] as string | undefined);
  const headers: Record<string, string | number> = { ...SECURITY_HEADERS, "content-type": CONTENT_TYPES[".json"]!, "cache-control": "no-cache", etag, vary: "Accept-Encoding" };
  if (req.headers["if-none-match"] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const bytes = await body.encoded(encoding);
  if (encoding !== "identity") headers["content-encoding"] = encoding;
  headers["content-length"] = bytes.length;
  res.writeHead(200, headers);
  res.end(head ? undefined : bytes);
}

async function sendJson(req: IncomingMessage, res: ServerResponse, value: unknown, head: boolean): Promise<void> {
  const raw = Buffer.from(JSON.stringify(value), "utf8");
  if (raw.length < 1024) return send(res, 200, CONTENT_TYPES[".json"]!, raw, head);
  const encoding = negotiateEncoding(req.headers["accept-encoding"] as string | undefined);
  const bytes = await new EncodedBody(raw).encoded(encoding === "br" ? "gzip" : encoding);
  const headers: Record<string, string | number> = { ...SECURITY_HEADERS, "content-type": CONTENT_TYPES[".json"]!, "cache-control": "no-store", vary: "Accept-Encoding", "content-length": bytes.length };
  if (encoding !== "identity") headers["content-encoding"] = "gzip";
  res.writeHead(200, headers);
  res.end(head ? undefined : bytes);
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
