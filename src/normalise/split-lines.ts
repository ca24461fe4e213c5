/*
 * Line table of a text: 1-based line numbers with the UTF-16 span each line covers ("\n" excluded).
 */
import type { Line } from "../types.ts";

/** Split text on "\n" into numbered lines with their start and end offsets. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let number = 1; ; number++) {
    const end = text.indexOf("\n", start);
    if (end === -1) {
      lines.push({ number, start, end: text.length });
      return lines;
    }
    lines.push({ number, start, end });
    start = end + 1;
  }
}

/** The 1-based line that contains an offset (binary search over a line table). */
export function lineAt(lines: readonly Line[], offset: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lines[lo]?.number ?? 1;
}
