/*
 * The server's one copy of the graph: read once per version of the source (the graph file's mtime
 * and size; a Neo4j read at most every NEO4J_TTL_MS), shared by every client. Concurrent requests
 * wait for the same read, so memory is bounded by one graph, its summary and their compressed
 * forms, whatever the number of clients. Compressed bodies (brotli, gzip) are made once, when first
 * asked for. Nothing sent carries the Document nodes' `record` (the extraction record kept for
 * re-imports: internal, and most of the file's size); the whole graph's JSON is made when first asked for.
 */
import { promisify } from "node:util";
import { brotliCompress, constants as zlib, gzip } from "node:zlib";

import type Graph from "graphology";

import { buildViewParts, createLocalDetails, importKgGraph } from "../model/build-view.ts";
import type { Evidence, PairQuote, ReportLink } from "../model/types.ts";

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** A graph as the viewer reads it (attributes of unknown type). */
export type SourceGraph = Graph<Record<string, unknown>, Record<string, unknown>, Record<string, unknown>>;
type KgLike = SourceGraph;

/** Produces the graph: a graph in memory (the graph file, read by readGraphFile) or its JSON text (`graph.export()` shape). */
export type GraphSource = () => Promise<string | KgLike>;

/** Node properties never sent: internal to kg import. */
export const UNSENT_NODE_PROPERTIES = ["record"] as const;

/** A body in identity, gzip and brotli forms (compressed forms made on first use). */
export class EncodedBody {
  private gz: Promise<Buffer> | null = null;
  private br: Promise<Buffer> | null = null;
  constructor(readonly raw: Buffer) {}
  /** The body for an encoding ("br", "gzip" or "identity"). */
  encoded(encoding: Encoding): Promise<Buffer> {
    if (encoding === "br") {
      // Quality 5: about gzip's speed with a clearly smaller result; 11 takes minutes on 100 MB.
      this.br ??= brotli(this.raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: this.raw.length } });
      return this.br;
    }
    if (encoding === "gzip") {
      this.gz ??= gzipAsync(this.raw, { level: 6 });
      return this.gz;
    }
    return Promise.resolve(this.raw);
  }
}

export type Encoding = "br" | "gzip" | "identity";

/** The encoding to answer with, from an Accept-Encoding header: brotli, else gzip, else none. */
export function negotiateEncoding(header: string | undefined): Encoding {
  if (!header) return "identity";
  const accepted = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    accepted.set(name, q ? Number(q[1]) : 1);
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get("*") ?? 0) > 0;
  if (ok("br")) return "br";
  if (ok("gzip")) return "gzip";
  return "identity";
}

/** One loaded version of the graph. */
export interface LoadedGraph {
  version: string;
  /** The whole graph (made on first use). */
  graph(): EncodedBody;
  summary: EncodedBody;
  /** Every report link (made on first use). */
  allReportLinks(): EncodedBody;
  /** One node's report links: a theme's reports, a report's themes. */
  reportLinks(node: string): ReportLink[];
  evidence(node: string): Evidence[];
  pairQuotes(problem: string, measure: string): PairQuote[];
  /** A statement's source place (path and line), for the source-lines endpoint. */
  statementPlace(key: string): { path: string; line: number } | null;
}

/** Options of the cache. */
export interface GraphCacheOptions {
  source: GraphSource;
  /** The source's current version; when absent the graph is re-read after `ttlMs`. */
  version?: () => Promise<string>;
  ttlMs?: number;
}

/** Most quotes one evidence answer carries (the panel says when there are more). */
export const MAX_EVIDENCE = 400;

/** The cache: `get()` gives the loaded graph, reading it again only when its version changed. */
export class GraphCache {
  private current: { version: string; at: number; loaded: Promise<LoadedGraph> } | null = null;
  constructor(private readonly options: GraphCacheOptions) {}

  async get(): Promise<LoadedGraph> {
    const version = this.options.version ? await this.options.version() : null;
    const now = Date.now();
    const cur = this.current;
    if (cur && (version !== null ? cur.version === version : now - cur.at < (this.options.ttlMs ?? 10_000))) return cur.loaded;
    const v = version ?? String(now);
    const loaded = this.load(v);
    this.current = { version: v, at: now, loaded };
    loaded.catch(() => {
      if (this.current?.loaded === loaded) this.current = null;
    });
    return loaded;
  }

  private async load(version: string): Promise<LoadedGraph> {
    const source = await this.options.source();
    const kg = typeof source === "string" ? importKgGraph(JSON.parse(source)) : source;
    stripUnsent(kg);
    const { data, links } = buildViewParts(kg);
    const details = createLocalDetails(kg, data.reports, links);
    let graph: EncodedBody | null = null;
    let allLinks: EncodedBody | null = null;
    return {
      version,
      graph: () => (graph ??= new EncodedBody(exportJson(kg))),
      summary: new EncodedBody(Buffer.from(JSON.stringify(data), "utf8")),
      allReportLinks: () => (allLinks ??= new EncodedBody(Buffer.from(JSON.stringify(links), "utf8"))),
      reportLinks: (node) => details.reportLinksSync(node),
      evidence: (node) => details.evidenceSync(node).slice(0, MAX_EVIDENCE),
      pairQuotes: (p, m) => details.pairQuotesSync(p, m).slice(0, MAX_EVIDENCE),
      statementPlace: (key) => {
        if (!kg.hasNode(key)) return null;
        const a = kg.getNodeAttributes(key);
        return a.label === "Statement" && typeof a.path === "string" && typeof a.line === "number" ? { path: a.path, line: a.line } : null;
      },
    };
  }
}

/** Remove what is never sent (the Document nodes' extraction records) from the server's copy of the graph. */
export function stripUnsent(kg: KgLike): void {
  kg.forEachNode((key, a) => {
    for (const p of UNSENT_NODE_PROPERTIES) if (p in a) kg.removeNodeAttribute(key, p);
  });
}

/** Characters gathered before they are encoded into one Buffer piece of exportJson. */
const EXPORT_PIECE_CHARS = 1 << 24;

/**
 * The JSON of `kg.export()` as UTF-8, written node by node and edge by edge: a 100 MB corpus's graph is
 * larger than the longest string V8 allows (about 512 M characters), so it is never one string, and no
 * copy of the whole graph as objects is made either.
 */
export function exportJson(kg: KgLike, pieceChars = EXPORT_PIECE_CHARS): Buffer {
  const pieces: Buffer[] = [];
  let pending: string[] = [];
  let chars = 0;
  const put = (text: string) => {
    pending.push(text);
    chars += text.length;
    if (chars >= pieceChars) {
      pieces.push(Buffer.from(pending.join(""), "utf8"));
      pending = [];
      chars = 0;
    }
  };
  const options = { type: kg.type, multi: kg.multi, allowSelfLoops: kg.allowSelfLoops };
  put(`{"options":${JSON.stringify(options)},"attributes":${JSON.stringify(kg.getAttributes())},"nodes":[`);
  let first = true;
  kg.forEachNode((key, attributes) => {
    put(`${first ? "" : ","}${JSON.stringify(Object.keys(attributes).length > 0 ? { key, attributes } : { key })}`);
    first = false;
  });
  put('],"edges":[');
  first = true;
  kg.forEachEdge((key, attributes, source, target, _sa, _ta, undirected) => {
    const edge: Record<string, unknown> = { key, source, target };
    if (Object.keys(attributes).length > 0) edge.attributes = attributes;
    if (kg.type === "mixed" && undirected) edge.undirected = true;
    put(`${first ? "" : ","}${JSON.stringify(edge)}`);
    first = false;
  });
  put("]}");
  pieces.push(Buffer.from(pending.join(""), "utf8"));
  return Buffer.concat(pieces);
}
