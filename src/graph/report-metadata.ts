/*
 * User metadata for reports: a CSV (header `file,title,organisation,region,year,setting`, any order,
 * only `file` required) passed to `kg import --metadata`. A row applies to every report of the file it
 * names (matched by path, else by file name); its title becomes the report's name, and its fields
 * become Report properties the viewer's filters and matrix and Neo4j use. Empty cells change nothing.
 */
import { basename } from "node:path";

import { SETTINGS } from "../types.ts";
import type { KgGraph } from "./build-graph.ts";
import { filterNodesHeld, forEachNodeHeld } from "./held.ts";

export const METADATA_FIELDS = ["title", "organisation", "region", "year", "setting"] as const;
export type MetadataField = (typeof METADATA_FIELDS)[number];

/** One file's metadata. */
export type ReportMetadata = Partial<Record<MetadataField, string>>;

/** Thrown for a CSV that cannot be read as metadata; the message says which line and why. */
export class MetadataError extends Error {}

/** Parse RFC 4180 CSV (quoted fields, doubled quotes, CRLF), BOM tolerated. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const src = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && src[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ""));
}

/** Read metadata CSV text into file → metadata. */
export function parseReportMetadata(text: string): Map<string, ReportMetadata> {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new MetadataError("the metadata CSV is empty; its first line must be a header such as file,title,organisation,region,year,setting.");
  const names = header.map((h) => h.trim().toLowerCase());
  const fileCol = names.indexOf("file");
  if (fileCol < 0) throw new MetadataError(`the metadata CSV has no "file" column (header: ${names.join(",")}).`);
  const out = new Map<string, ReportMetadata>();
  rows.forEach((cells, i) => {
    const file = cells[fileCol]?.trim();
    if (!file) throw new MetadataError(`line ${i + 2} of the metadata CSV has no file name.`);
    const meta: ReportMetadata = {};
    for (const field of METADATA_FIELDS) {
      const col = names.indexOf(field);
      const value = col >= 0 ? cells[col]?.trim() : undefined;
      if (value) meta[field] = value;
    }
    if (meta.setting && !(SETTINGS as readonly string[]).includes(meta.setting)) {
      throw new MetadataError(`line ${i + 2} of the metadata CSV: setting "${meta.setting}" is not one of ${SETTINGS.join(", ")}.`);
    }
    out.set(file, meta);
  });
  return out;
}

/** Apply metadata to the graph's reports (and the report titles statements carry); returns how many reports matched. */
export function applyReportMetadata(graph: KgGraph, metadata: Map<string, ReportMetadata>): number {
  let matched = 0;
  const renamed = new Map<string, string>();
  forEachNodeHeld(graph, (key, a) => {
    if (a.label !== "Report") return;
    const path = String(a.path ?? "");
    const meta = metadata.get(path) ?? metadata.get(basename(path));
    if (!meta) return;
    matched++;
    const patch: Record<string, unknown> = { ...meta };
    if (meta.title) {
      const multi = countReportsOfPath(graph, path) > 1;
      patch.name = multi ? `${meta.title}（第${reportIndex(graph, key, path) + 1}篇）` : meta.title;
      renamed.set(key, patch.name as string);
    }
    graph.mergeNodeAttributes(key, patch);
  });
  if (renamed.size > 0) {
    forEachNodeHeld(graph, (key, a) => {
      if (a.label === "Statement" && renamed.has(String(a.reportKey))) graph.setNodeAttribute(key, "reportTitle", renamed.get(String(a.reportKey))!);
    });
  }
  return matched;
}

function countReportsOfPath(graph: KgGraph, path: string): number {
  return filterNodesHeld(graph, (_k, a) => a.label === "Report" && a.path === path).length;
}

function reportIndex(graph: KgGraph, key: string, path: string): number {
  const keys = filterNodesHeld(graph, (_k, a) => a.label === "Report" && a.path === path).sort((x, y) => Number(graph.getNodeAttribute(x, "startLine")) - Number(graph.getNodeAttribute(y, "startLine")));
  return keys.indexOf(key);
}
