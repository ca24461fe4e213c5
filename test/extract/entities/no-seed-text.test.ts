/*
 * The extractors must not carry the seed's sentences: no run of 14+ characters of the seed file may
 * appear in src/extract (code or lexicons). Domain terms are fine; copied passages are not.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { SEED_PATH } from "./entity.fixtures.ts";

const RUN = 14;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe("src/extract", () => {
  it("should contain no 14-character run of the seed text", () => {
    const seed = readFileSync(SEED_PATH, "utf8");
    const runs = new Set<string>();
    for (let i = 0; i + RUN <= seed.length; i++) runs.add(seed.slice(i, i + RUN));
    const copied: string[] = [];
    for (const file of files(fileURLToPath(new URL("../../../src/extract", import.meta.url)))) {
      const text = readFileSync(file, "utf8");
      for (let i = 0; i + RUN <= text.length; i++) if (runs.has(text.slice(i, i + RUN))) copied.push(`${file}: ${text.slice(i, i + RUN)}`);
    }
    expect(copied).toEqual([]);
  });
});
