/*
 * Display constants of the viewer: colours per node type, node and edge sizes from recurrence,
 * the CJK font stack for canvas labels, and seeded initial positions.
 */
import type { DisplayLabel } from "./types.ts";
import { mulberry32 } from "../../shared/random.ts";

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
export const EGO_EDGE_COLOR = "#6b6b6b";

/** Radius (px) of the most recurrent theme; a theme's disc area is proportional to its recurrence. */
export const MAX_NODE_SIZE = 24;
/** Smallest radius (px), so a theme raised once stays visible and clickable. */
export const MIN_NODE_SIZE = 3;
/** Radius of report nodes (fixed: a report is one report). */
export const REPORT_NODE_SIZE = 4;

/**
 * Node radius from recurrence: the disc's area is proportional to the number of distinct reports
 * (radius ∝ √count), on one scale whose largest disc is the most recurrent problem or measure.
 * A theme raised by 4 reports has 4× the area (2× the radius) of one raised once.
 */
export function nodeSize(kind: DisplayLabel, reportCount: number, maxCount: number): number {
  if (kind === "Report") return REPORT_NODE_SIZE;
  const r = MAX_NODE_SIZE * Math.sqrt(Math.max(0, reportCount) / Math.max(1, maxCount));
  return Math.min(MAX_NODE_SIZE, Math.max(MIN_NODE_SIZE, r));
}

/** Longest label drawn on the canvas before it is cut (the full text shows on hover and in the panels). */
export const MAX_CANVAS_LABEL = 10;

/** Cut a label to `max` characters with an ellipsis. */
export function shortenLabel(text: string, max = MAX_CANVAS_LABEL): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/** The canvas label: short name, and for themes and entities the recurrence count. */
export function labelFor(kind: DisplayLabel, name: string, reportCount: number): string {
  if (kind === "Report") return shortenLabel(name, 14);
  return `${shortenLabel(name)} ${reportCount}`;
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

