/*
 * Character-for-character folding of source text into analysis text: traditional → simplified
 * (opencc-js), full-width ASCII → half-width, ideographic space → space, the double-prime quotes some encodings
 * leave (〝…〞) → “…”, a "." between Chinese
 * sentences → "。", and on a page scraped onto one line a space standing for a lost break → "。". The
 * result always has exactly the source's length, so an offset into one is an offset into the other.
 */
// The traditional → simplified build (a tenth of the full package to load; the same tables).
import * as OpenCC from "opencc-js/t2cn";

import scriptRules from "./script-rules.json" with { type: "json" };

type Convert = (text: string) => string;

interface Converters {
  hk: Convert;
  tw: Convert;
  /** 1 at the code of every BMP Han character that either table changes on its own: a line without one needs no conversion. */
  convertible: Uint8Array;
}

let converters: Converters | undefined;

/** The OpenCC converters, built once on first use (building takes tens of milliseconds). */
function getConverters(): Converters {
  if (converters) return converters;
  const hk = OpenCC.Converter({ from: "hk", to: "cn" });
  const tw = OpenCC.Converter({ from: "tw", to: "cn" });
  const convertible = new Uint8Array(0x10000);
  for (const ch of [...changedHan(hk), ...changedHan(tw)]) convertible[ch.charCodeAt(0)] = 1;
  converters = { hk, tw, convertible };
  return converters;
}

/** Han characters (CJK blocks of the BMP) that a converter changes when they stand alone. */
function changedHan(convert: Convert): string[] {
  const chars: string[] = [];
  for (const [from, to] of HAN_BLOCKS) for (let c = from; c <= to; c++) chars.push(String.fromCharCode(c));
  const converted = convert(chars.join("\n")).split("\n");
  return converted.length === chars.length ? chars.filter((ch, i) => converted[i] !== ch) : chars;
}

const HAN_BLOCKS: [number, number][] = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
];

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
  if (options.foldWidth ?? true) out = foldSpaceBreaks(foldFullStops(foldPrimeQuotes(foldWidth(out))));
  return out;
}

/** A space between two pieces of Chinese text (quotes and brackets included). */
const SPACE_BETWEEN = /(?<=[\u3400-\u9fff”」』）)])[ \t]+(?=[\u3400-\u9fff“「『（(])/g;
/** Fewest such spaces on a line before they are read as lost breaks. */
const MIN_SPACE_BREAKS = 3;
/** A piece of Chinese text between the spaces shorter than this is a word spaced apart, not a phrase. */
const MIN_SPACED_PIECE = 4;
/** Largest share of such short pieces on a line whose spaces are lost breaks. */
const MAX_SHORT_PIECES = 0.1;
/** Fewest Chinese characters a piece holds on average: keyword lines and site menus list short terms. */
const MIN_MEAN_PIECE = 8;

/**
 * A page scraped onto one line often keeps a space where a line break or a stop stood (「…报告如下 一、基本情况
 * 全县… “三会一课”流于形式 部分支部…」). On a line with at least three such spaces between phrases (not between
 * words: nine pieces in ten hold four Chinese characters or more, eight on average, unlike a keyword line or
 * a site menu) and fewer sentence stops than half of them, each
 * space run's first character → "。", so that later stages see the sentence and item boundaries. Text with
 * its stops in place keeps its stray spaces, and so does a PDF copied onto one line (`wrapWidth`: its spaces are wraps).
 */
function foldSpaceBreaks(text: string): string {
  if (!/[\u3400-\u9fff”」』）)][ \t]+[\u3400-\u9fff“「『（(]/.test(text)) return text;
  return text.split("\n").map(foldLineSpaces).join("\n");
}

function foldLineSpaces(line: string): string {
  const spaces = [...line.matchAll(SPACE_BETWEEN)];
  if (spaces.length < MIN_SPACE_BREAKS) return line;
  const stops = line.match(/[。！？!?；;]/g)?.length ?? 0;
  if (stops * 2 >= spaces.length) return line;
  const parts = line.split(SPACE_BETWEEN);
  const pieces = parts.map((p) => p.match(/[\u3400-\u9fff]/g)?.length ?? 0);
  if (pieces.filter((n) => n < MIN_SPACED_PIECE).length > pieces.length * MAX_SHORT_PIECES) return line;
  if (pieces.reduce((a, b) => a + b, 0) < pieces.length * MIN_MEAN_PIECE) return line;
  if (wrapWidth(parts)) return line;
  let out = "";
  let from = 0;
  for (const m of spaces) {
    out += line.slice(from, m.index) + "。";
    from = m.index + 1;
  }
  return out + line.slice(from);
}

/** Share of a line's inner pieces whose length is within WRAP_TOLERANCE of their median, above which they are wraps. */
const MIN_WRAP_SHARE = 0.6;
/** Narrowest line width of a wrapped page, in characters. */
const MIN_WRAP_WIDTH = 16;
/** How far a wrapped piece's length may be from the median, as a share of it. */
const WRAP_TOLERANCE = 0.15;

/**
 * Whether a line's spaces are the wraps of a PDF copied as one line, not lost breaks: most pieces between them (the
 * first and the last aside) are as long as each other, the page's line width of 16 characters or more, and run on
 * with commas inside them (「…“过 度包装”“新瓶旧酒”…」, a wrap inside a word). Lost paragraph and item breaks end
 * phrases of any length.
 */
function wrapWidth(parts: readonly string[]): boolean {
  const pieces = parts.slice(1, -1);
  if (pieces.length < MIN_SPACE_BREAKS) return false;
  // Wrapped prose runs on across the wraps: most pieces hold a comma of their own (a lost break ends a phrase).
  if (pieces.filter((p) => /[,，、]/.test(p)).length * 2 < pieces.length) return false;
  const inner = pieces.map((p) => p.length);
  const median = [...inner].sort((a, b) => a - b)[inner.length >> 1]!;
  if (median < MIN_WRAP_WIDTH) return false;
  const near = inner.filter((n) => Math.abs(n - median) <= median * WRAP_TOLERANCE).length;
  return near >= inner.length * MIN_WRAP_SHARE;
}

/**
 * A half-width "." between two Chinese sentences (「…“虚化”.对此，…」, typed in place of 。) → "。", so that every
 * later stage sees a sentence end there. Not after a Chinese numeral ("一.组织建设" is an enumeration marker),
 * and never between digits or Latin letters.
 */
const HALF_WIDTH_STOP = /(?<=[\u3400-\u9fff”」』）)])(?<![〇零一二三四五六七八九十百])\.(?=[\u3400-\u9fff“「『（(])/g;

function foldFullStops(text: string): string {
  if (!text.includes(".")) return text;
  return text.replace(HALF_WIDTH_STOP, "。");
}

/** Full-width ASCII (U+FF01–FF5E) → ASCII, U+3000 → space; every other character unchanged. */
export function foldWidth(text: string): string {
  if (!/[\uFF01-\uFF5E\u3000]/.test(text)) return text;
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === "\u3000" ? " " : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/** 〝 → “, 〞 and 〟 → ”: pages converted from other encodings close a “ with 〞 (「“开会重要，落实次要〞」). */
export function foldPrimeQuotes(text: string): string {
  if (!/[\u301D-\u301F]/.test(text)) return text;
  return text.replace(/[\u301D-\u301F]/g, (ch) => (ch === "\u301D" ? "“" : "”"));
}

/**
 * Traditional → simplified for one line. The Hong Kong table leaves characters that are also
 * correct simplified (著, 乾 …) alone, which suits simplified text with a few stray traditional
 * characters; a line that is clearly traditional gets the Taiwan table, which reads 隨著 as 随着.
 */
function simplifyLine(line: string): string {
  const { hk, tw, convertible } = getConverters();
  if (!needsConversion(line, convertible)) return line;
  const first = sameLength(line, hk);
  if (first === line) return line;
  if (countDifferences(line, first) < scriptRules.traditionalLineMinChars) return first;
  return sameLength(line, tw);
}

/**
 * A line needs the converter only if it holds a character that converts on its own (or a character
 * outside the BMP, which the table was not probed with). Phrase entries always contain such a character.
 */
function needsConversion(line: string, convertible: Uint8Array): boolean {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code < 0x3400) continue;
    if ((code >= 0xd800 && code <= 0xdbff) || convertible[code] === 1) return true;
  }
  return false;
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
