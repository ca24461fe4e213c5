/*
 * Byte → text decoding for plain-text inputs: BOM, strict UTF-8, UTF-16 without BOM, and the
 * GB18030-versus-Big5 decision for legacy Chinese files. Says which encoding was used and how
 * many bytes could not be decoded; never throws on odd input (binary input is reported instead).
 */
import iconv from "iconv-lite";

/** The result of decoding one file's bytes. */
export interface DecodedText {
  text: string;
  /** "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "gb18030" or "big5". */
  encoding: string;
  /** Characters that could not be decoded and became U+FFFD. */
  replaced: number;
  /** True when the bytes look like a binary file rather than text. */
  binary: boolean;
  /** For binary input recognised by its signature: what it is, e.g. "PDF". */
  format?: string;
}

const REPLACEMENT = "\uFFFD";
const UTF8_FATAL = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Decode raw bytes as text, detecting the encoding. `hint` (e.g. an HTML meta charset) is tried first. */
export function decodeText(bytes: Uint8Array, hint?: string): DecodedText {
  const bom = decodeWithBom(bytes);
  if (bom) return bom;
  const utf16 = detectUtf16WithoutBom(bytes);
  if (utf16) return decodeAs(bytes, utf16);
  const format = binaryFormat(bytes);
  if (format) return { text: "", encoding: "binary", replaced: 0, binary: true, format };
  const utf8 = strictUtf8(bytes);
  // Chinese UTF-16 without a BOM and without a single NUL byte (no ASCII, no line break): its
  // punctuation bytes look like control characters, so this comes before the binary check; taken
  // only when nearly every code unit is plausible, which GB18030 and Big5 bytes read as UTF-16 are not.
  if (utf8 === null && bytes.length % 2 === 0) {
    const order = plausibleUtf16(bytes, 0.98);
    if (order) return decodeAs(bytes, order);
  }
  if (looksBinary(bytes)) return { text: "", encoding: "binary", replaced: 0, binary: true };
  // Valid UTF-8 is almost never legacy Chinese by accident, so it wins over a declared charset.
  if (utf8 !== null) return { text: utf8, encoding: "utf-8", replaced: 0, binary: false };
  const hinted = hint ? canonicalCharset(hint) : undefined;
  if (hinted === "gb18030" || hinted === "big5") return decodeAs(bytes, hinted);
  return decodeDamagedUtf8(bytes) ?? decodeLegacyChinese(bytes);
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return UTF8_FATAL.decode(bytes);
  } catch {
    return null;
  }
}

/** Map a declared charset name (meta charset, HTTP style) to one of our decoders, if known. */
export function canonicalCharset(name: string): string | undefined {
  const n = name.trim().toLowerCase().replace(/[_\s]/g, "-");
  if (/^(gb18030|gbk|gb2312|x-gbk|cp936|windows-936|euc-cn|hz-gb-2312)$/.test(n)) return "gb18030";
  if (/^(big5|big5-hkscs|x-big5|cp950|windows-950)$/.test(n)) return "big5";
  if (/^(utf-?8)$/.test(n)) return "utf-8";
  return undefined;
}

function decodeWithBom(bytes: Uint8Array): DecodedText | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { ...decodeAs(bytes.subarray(3), "utf-8"), encoding: "utf-8-bom" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeAs(bytes.subarray(2), "utf-16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeAs(bytes.subarray(2), "utf-16be");
  return null;
}

function decodeAs(bytes: Uint8Array, encoding: string): DecodedText {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding, { stripBOM: false });
  return { text, encoding, replaced: countReplacements(text), binary: false };
}

function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf(REPLACEMENT); i !== -1; i = text.indexOf(REPLACEMENT, i + 1)) n++;
  return n;
}

/**
 * UTF-8 with a few broken bytes (a truncated copy, one bad sector) stays UTF-8: legacy Chinese read
 * as UTF-8 breaks at almost every character, damaged UTF-8 only here and there.
 */
function decodeDamagedUtf8(bytes: Uint8Array): DecodedText | null {
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  const replaced = countReplacements(text);
  let valid = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80 && text[i] !== REPLACEMENT) valid++;
  return replaced * 50 <= valid ? { text, encoding: "utf-8", replaced, binary: false } : null;
}

/**
 * UTF-16 without a BOM. ASCII-heavy text leaves one byte of every pair zero. Chinese text has few
 * zero bytes (only its ASCII, line breaks and characters like 一 U+4E00), so when the sample has NUL
 * bytes at all (UTF-8 and the legacy encodings never do) the two byte orders are read as UTF-16 and
 * one is taken when nearly all its code units are plausible text with a good share of CJK characters.
 */
function detectUtf16WithoutBom(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return "utf-16le";
  if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return "utf-16be";
  if (evenZero + oddZero === 0) return null;
  return plausibleUtf16(bytes, 0.9);
}

/** The byte order under which the bytes read as Chinese text (share of plausible code units ≥ `minShare`), if any. */
function plausibleUtf16(bytes: Uint8Array, minShare: number): "utf-16le" | "utf-16be" | null {
  const le = utf16Shape(bytes, true);
  const be = utf16Shape(bytes, false);
  const best = le.plausible >= be.plausible ? { order: "utf-16le" as const, ...le } : { order: "utf-16be" as const, ...be };
  return best.units >= 2 && best.plausible >= minShare && best.cjk >= 0.2 ? best.order : null;
}

/** Shares of plausible text and of CJK ideographs among the first 32k code units read in one byte order. */
function utf16Shape(bytes: Uint8Array, littleEndian: boolean): { units: number; plausible: number; cjk: number } {
  const n = Math.min(bytes.length, 65536) & ~1;
  let units = 0;
  let plausible = 0;
  let cjk = 0;
  for (let i = 0; i < n; i += 2) {
    const unit = littleEndian ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!;
    units++;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const j = i + 2;
      const next = j + 1 < n ? (littleEndian ? bytes[j]! | (bytes[j + 1]! << 8) : (bytes[j]! << 8) | bytes[j + 1]!) : -1;
      if (next >= 0xdc00 && next <= 0xdfff) {
        units++;
        plausible += 2;
        cjk += 2; // supplementary planes: in Chinese text, CJK extension ideographs
        i += 2;
      }
      continue;
    }
    if ((unit >= 0x4e00 && unit <= 0x9fff) || (unit >= 0x3400 && unit <= 0x4dbf) || (unit >= 0xf900 && unit <= 0xfaff)) {
      cjk++;
      plausible++;
    } else if (isPlausibleUnit(unit)) plausible++;
  }
  return units === 0 ? { units, plausible: 0, cjk: 0 } : { units, plausible: plausible / units, cjk: cjk / units };
}

/** ASCII text, Latin-1 letters, general and CJK punctuation, full-width forms, enclosed numbers, box and shape symbols. */
function isPlausibleUnit(unit: number): boolean {
  return (
    unit === 0x09 ||
    unit === 0x0a ||
    unit === 0x0d ||
    (unit >= 0x20 && unit <= 0x7e) ||
    (unit >= 0xa0 && unit <= 0xff) ||
    (unit >= 0x2000 && unit <= 0x206f) ||
    (unit >= 0x2150 && unit <= 0x218f) ||
    (unit >= 0x2460 && unit <= 0x24ff) ||
    (unit >= 0x2500 && unit <= 0x25ff) ||
    (unit >= 0x3000 && unit <= 0x303f) ||
    (unit >= 0xff00 && unit <= 0xffef)
  );
}

/** File signatures of formats people save reports in that are not text. */
const SIGNATURES: [string, number[]][] = [
  ["PDF", [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ["ZIP (e.g. a .docx with another name)", [0x50, 0x4b, 0x03, 0x04]],
  ["legacy Word/Excel (.doc/.xls)", [0xd0, 0xcf, 0x11, 0xe0]],
  ["PNG image", [0x89, 0x50, 0x4e, 0x47]],
  ["JPEG image", [0xff, 0xd8, 0xff]],
  ["GIF image", [0x47, 0x49, 0x46, 0x38]],
  ["RAR archive", [0x52, 0x61, 0x72, 0x21]],
  ["7z archive", [0x37, 0x7a, 0xbc, 0xaf]],
];

function binaryFormat(bytes: Uint8Array): string | undefined {
  return SIGNATURES.find(([, magic]) => magic.every((b, i) => bytes[i] === b))?.[0];
}

/** NUL bytes or many control characters in the first block mean "not a text file". */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return n > 0 && control / n > 0.1;
}

/**
 * GB18030 (covers GBK/GB2312) or Big5: decode both and keep the reading with fewer undecodable
 * bytes and more characters from the encoding's own tier of frequent characters (GB2312 level 1,
 * Big5 常用字). A wrong reading turns Chinese into rare characters, symbols or U+FFFD.
 */
function decodeLegacyChinese(bytes: Uint8Array): DecodedText {
  const gb = decodeAs(bytes, "gb18030");
  const big5 = decodeAs(bytes, "big5");
  const tiers = frequentTiers();
  const gbScore = readingScore(gb, tiers.gb);
  const big5Score = readingScore(big5, tiers.big5);
  return big5Score > gbScore ? big5 : gb;
}

function readingScore(decoded: DecodedText, frequent: ReadonlySet<string>): number {
  let nonAscii = 0;
  let hits = 0;
  for (const ch of decoded.text) {
    if (ch.charCodeAt(0) < 0x80) continue;
    nonAscii++;
    if (frequent.has(ch)) hits++;
  }
  if (nonAscii === 0) return -decoded.replaced;
  return (hits - 3 * decoded.replaced) / nonAscii;
}

let tierCache: { gb: Set<string>; big5: Set<string> } | undefined;

/** The frequent-character tiers, decoded once from the standards' own code ranges. */
function frequentTiers(): { gb: Set<string>; big5: Set<string> } {
  if (tierCache) return tierCache;
  const gb = decodeRange("gb18030", 0xb0, 0xd7, [[0xa1, 0xfe]]);
  // Big5 常用字 run from A440 to C67E.
  const big5 = decodeRange("big5", 0xa4, 0xc5, [
    [0x40, 0x7e],
    [0xa1, 0xfe],
  ]);
  for (const ch of decodeRange("big5", 0xc6, 0xc6, [[0x40, 0x7e]])) big5.add(ch);
  // Shared symbols and punctuation of both (A1xx rows) are frequent in either reading.
  for (const ch of decodeRange("gb18030", 0xa1, 0xa3, [[0xa1, 0xfe]])) gb.add(ch);
  for (const ch of decodeRange("big5", 0xa1, 0xa3, [[0x40, 0x7e], [0xa1, 0xfe]])) big5.add(ch);
  tierCache = { gb, big5 };
  return tierCache;
}

function decodeRange(encoding: string, leadFrom: number, leadTo: number, trails: [number, number][]): Set<string> {
  const bytes: number[] = [];
  for (let lead = leadFrom; lead <= leadTo; lead++) {
    for (const [from, to] of trails) for (let t = from; t <= to; t++) bytes.push(lead, t);
  }
  const set = new Set<string>(iconv.decode(Buffer.from(bytes), encoding));
  set.delete(REPLACEMENT);
  return set;
}
