/*
 * Character-for-character folding of source text into analysis text: traditional → simplified
 * (opencc-js) and full-width ASCII → half-width, ideographic space → space. The result always has
 * exactly the source's length, so an offset into one is an offset into the other.
 */
import * as OpenCC from "opencc-js";

import scriptRules from "./script-rules.json" with { type: "json" };

type Convert = (text: string) => string;

let converters: { hk: Convert; tw: Convert } | undefined;

/** The OpenCC converters, built once on first use (building takes tens of milliseconds). */
function getConverters(): { hk: Convert; tw: Convert } {
  converters ??= {
    hk: OpenCC.Converter({ from: "hk", to: "cn" }),
    tw: OpenCC.Converter({ from: "tw", to: "cn" }),
  };
  return converters;
}

/** Options for foldText. */
export interface FoldOptions {
  /** Convert traditional characters to simplified (default true). */
  simplify?: boolean;
  /** Fold full-width ASCII and the ideographic space to half-width (default true). */
  foldWidth?: boolean;
}

/** Fold text for analysis; the result has the same length as the input. */
export function foldText(text: string, options: FoldOptions = {}): string {
  let out = text;
  if (options.simplify ?? true) out = text.split("\n").map(simplifyLine).join("\n");
  if (options.foldWidth ?? true) out = foldWidth(out);
  return out;
}

/** Full-width ASCII (U+FF01–FF5E) → ASCII, U+3000 → space; every other character unchanged. */
export function foldWidth(text: string): string {
  if (!/[\uFF01-\uFF5E\u3000]/.test(text)) return text;
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === "\u3000" ? " " : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/**
 * Traditional → simplified for one line. The Hong Kong table leaves characters that are also
 * correct simplified (著, 乾 …) alone, which suits simplified text with a few stray traditional
 * characters; a line that is clearly traditional gets the Taiwan table, which reads 隨著 as 随着.
 */
function simplifyLine(line: string): string {
  if (line === "" || !/[\u3400-\u9FFF\uF900-\uFAFF]/.test(line)) return line;
  const { hk, tw } = getConverters();
  const first = sameLength(line, hk);
  if (first === line) return line;
  if (countDifferences(line, first) < scriptRules.traditionalLineMinChars) return first;
  return sameLength(line, tw);
}

/** Convert a line; if phrase conversion changed its length, fall back to one code point at a time. */
function sameLength(line: string, convert: Convert): string {
  const whole = convert(line);
  if (whole.length === line.length) return whole;
  let out = "";
  for (const ch of line) {
    const converted = convert(ch);
    out += converted.length === ch.length ? converted : ch;
  }
  return out;
}

function countDifferences(a: string, b: string): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) n++;
  return n;
}
