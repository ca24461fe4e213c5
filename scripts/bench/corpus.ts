/*
 * A benchmark corpus of any size, made from the project's own fixture reports (test/fixtures:
 * written in our own words, never real report text). Each generated file is one fixture report
 * (sometimes two, as on a 范文 page) with its names, numbers and wording varied, so that no two
 * reports are the same text while the themes they raise keep recurring across the corpus.
 * Deterministic: the same size and seed give the same files.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mulberry32 } from "../../src/shared/random.ts";

const SOURCES = ["test/fixtures/reports", "test/fixtures/unseen", "test/fixtures/heldout", "test/fixtures/entities", "test/fixtures/ingest"];
/** Bumped whenever the generator changes, so a cached corpus is never stale. */
const VERSION = 1;

/** Place-name syllables for the names substituted into titles and 某-placeholders. */
const SYLLABLES = "青石河东西南北安平宁江山林桥新兴和丰源泉华阳城关云溪湖岭塘坪园";
const PLACE_KINDS = ["县", "镇", "乡", "街道", "区", "市"];
/** Wording variants: each pair is swapped either way at random, so phrasing differs but meaning and themes stay. */
const WORDING: [string, string][] = [
  ["加强", "强化"],
  ["进一步", "持续"],
  ["部分", "一些"],
  ["不够", "不足"],
  ["明显", "比较"],
  ["积极性", "主动性"],
  ["健全", "完善"],
  ["开展", "组织"],
  ["党员干部", "干部党员"],
  ["存在", "仍有"],
  ["认真", "切实"],
  ["推进", "推动"],
];

/** A small deterministic PRNG (mulberry32, src/shared/random.ts). */
export const random = mulberry32;

/** The UTF-8 fixture reports (legacy-encoded and Word files are left out: the variation works on text). */
export function fixtureTexts(root = "."): string[] {
  const texts: string[] = [];
  for (const dir of SOURCES) {
    for (const name of readdirSync(join(root, dir)).sort()) {
      if (!/\.(txt|md)$/.test(name)) continue;
      const buf = readFileSync(join(root, dir, name));
      const text = buf.toString("utf8");
      if (text.includes("\uFFFD")) continue; // GBK / Big5 fixtures
      texts.push(text);
    }
  }
  return texts;
}

/** One varied copy of a fixture text. */
export function vary(text: string, rnd: () => number, serial: number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const place = () => pick([...SYLLABLES]) + pick([...SYLLABLES]) + pick(PLACE_KINDS);
  const town = place();
  let out = text
    // Anonymised places (某镇, 某县 …) get a generated name, the same one throughout the report.
    .replace(/某(?=[县镇乡区市村街社])/g, () => town.slice(0, 2))
    // Numbers of two or more digits (counts, years, percentages) vary; single digits are left
    // alone because they number items (1. （2） …) and the outline depends on them.
    .replace(/\d{2,}/g, (m) => String(Math.floor(10 ** (m.length - 1) + rnd() * 9 * 10 ** (m.length - 1))));
  for (const [a, b] of WORDING) {
    out = out.replace(new RegExp(`${a}|${b}`, "g"), () => (rnd() < 0.5 ? a : b));
  }
  // The first line is usually the title: give it a place and a serial so every report is distinct.
  const nl = out.indexOf("\n");
  const first = nl < 0 ? out : out.slice(0, nl);
  return `${town}${first}（第${serial}号）${nl < 0 ? "" : out.slice(nl)}`;
}

/**
 * Write a corpus of about `megabytes` MB (UTF-8 bytes, 1 MB = 2^20) into a cached folder and
 * return it. Files hold one varied fixture report, every fifth file two (a page with several reports).
 */
export function ensureCorpus(megabytes: number, seed = 1): { dir: string; files: number; bytes: number; chars: number } {
  const dir = join(tmpdir(), `kg-bench-corpus-v${VERSION}-s${seed}-${megabytes}mb`);
  const marker = join(dir, ".complete.json");
  if (existsSync(marker)) return JSON.parse(readFileSync(marker, "utf8"));
  const texts = fixtureTexts();
  const rnd = random(seed);
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const target = megabytes * 2 ** 20;
  let bytes = 0;
  let chars = 0;
  let files = 0;
  let serial = 0;
  while (bytes < target) {
    const sub = join(tmp, String(Math.floor(files / 1000)).padStart(3, "0"));
    if (files % 1000 === 0) mkdirSync(sub, { recursive: true });
    const parts = [vary(texts[Math.floor(rnd() * texts.length)]!, rnd, ++serial)];
    if (files % 5 === 4) parts.push(vary(texts[Math.floor(rnd() * texts.length)]!, rnd, ++serial));
    const text = `${parts.join("\n\n")}\n`;
    const path = join(sub, `r${String(files).padStart(6, "0")}.txt`);
    writeFileSync(path, text);
    bytes += statSync(path).size;
    chars += text.length;
    files++;
  }
  const summary = { dir, files, bytes, chars };
  writeFileSync(join(tmp, ".complete.json"), JSON.stringify(summary));
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return summary;
}
