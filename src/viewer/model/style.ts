/*
 * Display constants of the viewer: colours per node type, node and edge sizes from recurrence,
 * the CJK font stack for canvas labels, and seeded initial positions.
 */
import type { DisplayLabel } from "./types.ts";

/** Font stack sigma uses to draw labels on the canvas; must cover CJK glyphs. */
export const CJK_FONT_STACK = '"WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';

/** Colour of each node type (also the legend). */
export const NODE_COLORS: Record<DisplayLabel, string> = {
  Problem: "#d62728",
  Measure: "#2ca02c",
  Mechanism: "#1f77b4",
  Organisation: "#9467bd",
  Report: "#ff7f0e",
};

/** Chinese caption of each node type, for the legend. */
export const NODE_CAPTIONS: Record<DisplayLabel, string> = {
  Problem: "问题 Problem",
  Measure: "措施 Measure",
  Mechanism: "机制 Mechanism",
  Organisation: "组织 Organisation",
  Report: "报告 Report",
};

/** Colour of each relationship type on the canvas. */
export const EDGE_COLORS: Record<string, string> = {
  ADDRESSED_BY: "#7fb77e",
  RAISES: "#f2b8b8",
  PROPOSES: "#b9dfb8",
  MENTIONS: "#c9c9e6",
  PART_OF: "#c7b3e0",
  CAUSES: "#e0b070",
};

export const DIMMED_NODE_COLOR = "#e4e4e4";
export const HOVER_EDGE_COLOR = "#555555";

/** Node size from recurrence (distinct reports); reports have a fixed size. */
export function nodeSize(kind: DisplayLabel, reportCount: number): number {
  if (kind === "Report") return 7;
  const base = kind === "Problem" || kind === "Measure" ? 4 : 3;
  return base + 3 * Math.sqrt(Math.max(0, reportCount));
}

/** Edge thickness from its weight (reports behind it). */
export function edgeSize(weight: number): number {
  return 0.6 + 1.2 * Math.sqrt(Math.max(1, weight));
}

/** Seeded pseudo-random position in [-100, 100]² from a node key (FNV-1a + mulberry32), independent of node order. */
export function seededPosition(key: string): { x: number; y: number } {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  const next = mulberry32(h >>> 0);
  return { x: next() * 200 - 100, y: next() * 200 - 100 };
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
