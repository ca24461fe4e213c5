/*
 * How theme assignment grows with the number of statements on distinct topics (issue 12 measured a growth
 * exponent of 2.2 for the old clustering). Builds synthetic problem statements, two per topic and every topic with
 * words of its own, none covered by the codebook (a canteen-only codebook), times assignThemes at several sizes
 * (CPU time, the best of three runs per size) and prints the time per size and the fitted exponent. Prints only; asserts nothing.
 * Run: node --import tsx scripts/bench-themes.ts [maxN]
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

import { assignThemes, loadCodebook } from "../src/themes/index.ts";
import type { Statement } from "../src/types.ts";

const codebook = loadCodebook(fileURLToPath(new URL("../test/fixtures/themes/canteen.codebook.json", import.meta.url)));
const FAULTS = ["管理混乱", "登记不全", "维修滞后", "台账缺失", "流程繁琐", "费用超支", "责任不清", "配置不足"];

/** Two-character nouns of the segmenter's own dictionary (so each is read as one word), three per topic. */
const require = createRequire(import.meta.url);
const NOUNS = readFileSync(require.resolve("@node-rs/jieba/dict.txt"), "utf8")
  .split("\n")
  .map((line) => line.split(" "))
  .filter(([w, f, tag]) => w !== undefined && Array.from(w).length === 2 && tag === "n" && Number(f) > 50)
  .map(([w]) => w!);
function word(topic: number, slot: number): string {
  return NOUNS[(topic * 3 + slot) % NOUNS.length]!;
}

/** Statement i is on topic ⌊i/2⌋: two statements (two reports) per topic, every topic its own words. */
function statement(i: number): Statement {
  const t = Math.floor(i / 2);
  const text = `${word(t, 0)}和${word(t, 1)}的${word(t, 2)}${FAULTS[i % FAULTS.length]}`;
  return { id: `s${i}`, reportId: `r${i % 97}`, kind: "problem", text, normText: text, span: { start: 0, end: 1 }, textSpan: { start: 0, end: 1 }, line: 1, rule: "bench", subPoints: [] };
}

const max = Math.min(Number(process.argv[2] ?? 3200), Math.floor(NOUNS.length / 3) * 2);
assignThemes([statement(0), statement(1)], new Map(), codebook); // load the segmenter once
const sizes: number[] = [];
for (let n = 200; n <= max; n *= 2) sizes.push(n);
const points: [number, number][] = [];
for (const n of sizes) {
  const statements = Array.from({ length: n }, (_, i) => statement(i));
  let ms = Infinity;
  let themes: unknown[] = [];
  for (let run = 0; run < 3; run++) {
    // CPU time of this (single-threaded) process: steadier than wall time on a shared machine.
    const t0 = process.cpuUsage();
    themes = assignThemes(statements, new Map(), codebook).themes;
    const used = process.cpuUsage(t0);
    ms = Math.min(ms, (used.user + used.system) / 1000);
  }
  points.push([n, ms]);
  console.log(`${String(n).padStart(6)} statements: ${ms.toFixed(0).padStart(6)} CPU-ms, ${themes.length} themes`);
}
// Fitted on the four largest sizes: at the smallest, fixed costs hide the growth.
const fit = points.slice(-4);
const xs = fit.map(([n]) => Math.log(n)), ys = fit.map(([, ms]) => Math.log(ms));
const mx = xs.reduce((a, b) => a + b, 0) / xs.length, my = ys.reduce((a, b) => a + b, 0) / ys.length;
const slope = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
console.log(`growth exponent (log-log fit, ${fit[0]![0]}–${fit[fit.length - 1]![0]} statements): ${slope.toFixed(2)}`);
