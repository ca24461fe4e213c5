/*
 * The quality bars on the seed, measured by the same scorer as `kg eval`
 * against the human gold annotation (test/fixtures/gold/seed.gold.json, a copy of shared/gold).
 */
import { readFileSync } from "node:fs";

import { beforeAll, describe, expect, it } from "vitest";

import { formatEvalDetails, formatEvalTable, parseGoldFile, scoreExtraction } from "../../src/eval/index.ts";
import type { EvalResult } from "../../src/eval/index.ts";
import { runPipeline } from "../../src/pipeline.ts";
import { toExtractionJson } from "../../src/sinks/extraction-json.ts";

const SEED = "seeds/000_d566339e5b9149bf.txt";
const GOLD = new URL("../fixtures/gold/seed.gold.json", import.meta.url);

const BARS: [metric: string, min: number][] = [
  ["reports", 1.0],
  ["problems", 0.9],
  ["measures", 0.9],
  ["causes", 0.8],
  ["mechanisms", 0.85],
  ["organisations", 0.8],
  ["figures", 0.8],
  ["problem-themes", 0.7],
  ["measure-themes", 0.7],
  ["addressed-by", 0.6],
];

describe("extraction quality on the seed", () => {
  let result: EvalResult;
  beforeAll(async () => {
    const extraction = await runPipeline([SEED]);
    const gold = parseGoldFile(JSON.parse(readFileSync(GOLD, "utf8")));
    result = scoreExtraction(JSON.parse(JSON.stringify(toExtractionJson(extraction))), gold);
    process.stdout.write(`${formatEvalTable(result)}\n`);
  });

  it.each(BARS)("should reach the bar on %s (F1 >= %s)", (metric, min) => {
    const score = result.metrics[metric];
    expect(score, `no metric ${metric}`).toBeDefined();
    if (score!.f1 < min) process.stdout.write(formatEvalDetails(result));
    expect(score!.f1).toBeGreaterThanOrEqual(min);
  });
});
