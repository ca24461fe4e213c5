/*
 * Short captions (at most 8 characters) for theme nodes, for Neo4j Browser, which cuts a long
 * caption to a few characters: the name up to its first separator when that part is 2–8
 * characters, else its first 7 characters and "…".
 */

/** Longest caption, in characters. */
export const MAX_CAPTION = 8;

const SEPARATORS = /[、，,；;：:（(“"]/;

/** The caption of a theme name. */
export function themeCaption(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= MAX_CAPTION) return chars.join("");
  const head = [...(name.trim().split(SEPARATORS)[0] ?? "")];
  if (head.length >= 2 && head.length <= MAX_CAPTION) return head.join("");
  return `${chars.slice(0, MAX_CAPTION - 1).join("")}…`;
}
