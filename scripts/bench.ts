/*
 * Benchmark of the extraction pipeline: prints figures, asserts nothing.
 * 1. the seed, cold (first run, includes building the OpenCC converter) and warm (median of runs);
 * 2. linearity: the seed's reports repeated k times in one folder (k = 1, 4, 16, 64), time per character.
 * Usage: npm run bench [-- --runs 5]
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

import { runPipeline } from "../src/pipeline.ts";

const SEED = "seeds/000_d566339e5b9149bf.txt";
const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 5;

async function time(paths: string[]): Promise<number> {
  const t0 = performance.now();
  await runPipeline(paths);
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const seedChars = readFileSync(SEED, "utf8").length;
const cold = await time([SEED]);
const warm: number[] = [];
for (let i = 0; i < runs; i++) warm.push(await time([SEED]));
console.log(`seed (${seedChars} chars): cold ${cold.toFixed(1)} ms, warm median ${median(warm).toFixed(1)} ms over ${runs} runs`);

const dir = mkdtempSync(join(tmpdir(), "kg-bench-"));
try {
  const seed = readFileSync(SEED, "utf8");
  console.log("copies  files  chars      ms      µs/char");
  for (const k of [1, 4, 16, 64]) {
    const sub = join(dir, String(k));
    mkdirSync(sub);
    // Each copy differs by a marker line so that no report is a duplicate of another.
    for (let i = 0; i < k; i++) writeFileSync(join(sub, `copy-${i}.txt`), seed.replaceAll("党建工作", `党建工作${"甲乙丙丁戊己庚辛"[i % 8]}${i}`));
    const ms = median(await Promise.all([0].map(() => time([sub]))));
    const chars = seed.length * k;
    console.log(`${String(k).padStart(6)}  ${String(k).padStart(5)}  ${String(chars).padStart(8)}  ${ms.toFixed(0).padStart(6)}  ${((ms * 1000) / chars).toFixed(2).padStart(10)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
