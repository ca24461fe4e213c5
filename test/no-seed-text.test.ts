/*
 * The extractors must work on reports nobody has seen: src/ may not carry text copied from the seed
 * (no run of 14 or more characters of it, white space ignored), only domain knowledge.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

const RUN = 14;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe("src/", () => {
  it("should hold no run of 14+ characters copied from the seed", () => {
    const seed = readFileSync("seeds/000_d566339e5b9149bf.txt", "utf8").replace(/\s/g, "");
    const runs = new Set<string>();
    for (let i = 0; i + RUN <= seed.length; i++) runs.add(seed.slice(i, i + RUN));
    const hits: string[] = [];
    for (const file of files("src")) {
      const text = readFileSync(file, "utf8").replace(/\s/g, "");
      for (let i = 0; i + RUN <= text.length; i++) {
        if (runs.has(text.slice(i, i + RUN))) {
          hits.push(`${file}: ${text.slice(i, i + RUN)}`);
          break;
        }
      }
    }
    expect(hits).toEqual([]);
  });
});
