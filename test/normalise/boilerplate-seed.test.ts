import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import * as OpenCC from "opencc-js";
import { describe, expect, it } from "vitest";

import { normaliseDocument } from "../../src/normalise/index.ts";
import type { NoiseRange, SourceDocument } from "../../src/types.ts";

const SEED_PATH = fileURLToPath(new URL("../../seeds/000_d566339e5b9149bf.txt", import.meta.url));
const GOLD_PATH = fileURLToPath(new URL("../../../shared/gold/seed.gold.json", import.meta.url));
/** The human annotation's noise lines (../shared/gold/seed.gold.json `noise_lines`, NOTES.md). */
const GOLD_NOISE_LINES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 149, 256, 257];

function seedDocument(): SourceDocument {
  return { path: "seeds/000_d566339e5b9149bf.txt", sha256: "", encoding: "utf-8", text: readFileSync(SEED_PATH, "utf8") };
}

function wholeLines(noise: NoiseRange[]): number[] {
  const lines: number[] = [];
  for (const range of noise.filter((r) => r.wholeLines)) {
    for (let line = range.startLine; line <= range.endLine; line++) lines.push(line);
  }
  return lines.sort((a, b) => a - b);
}

describe("normaliseDocument on the seed page", () => {
  const { document, diagnostics } = normaliseDocument(seedDocument());

  it("should agree with the gold file's list of noise lines", () => {
    if (!existsSync(GOLD_PATH)) return; // the shared gold is outside the repository on other machines
    const gold = JSON.parse(readFileSync(GOLD_PATH, "utf8")) as { noise_lines: number[] };
    expect(gold.noise_lines).toEqual(GOLD_NOISE_LINES);
  });

  it("should mark exactly the gold lines as whole-line boilerplate, and no other line", () => {
    expect(wholeLines(document.noise)).toEqual(GOLD_NOISE_LINES);
  });

  it("should mark the site name and the site label glued to sentences as inline noise", () => {
    const inline = document.noise.filter((r) => !r.wholeLines);
    const found = inline.map((r) => [r.startLine, document.source.text.slice(r.span.start, r.span.end)]);
    expect(found).toContainEqual([134, "liuxue86.com"]);
    expect(found).toContainEqual([200, "本文内容:"]);
    // The report sentence before the site name stays outside the noise.
    const line134 = document.lines[133]!;
    const domain = inline.find((r) => r.startLine === 134)!;
    expect(document.text.slice(line134.start, domain.span.start)).toMatch(/在外单位工作的党员6人。$/);
  });

  it("should keep the text whole and give ranges that lie on the lines they name", () => {
    expect(document.text.length).toBe(document.source.text.length);
    expect(document.lines).toHaveLength(257);
    for (const range of document.noise) {
      expect(range.span.start).toBeGreaterThanOrEqual(document.lines[range.startLine - 1]!.start);
      expect(range.span.end).toBeLessThanOrEqual(document.lines[range.endLine - 1]!.end);
      expect(range.rule).toMatch(/^boilerplate:[a-z-]+$/);
    }
  });

  it("should report each marked range as an info diagnostic with its line", () => {
    expect(diagnostics.length).toBe(document.noise.length);
    for (const d of diagnostics) {
      expect(d).toMatchObject({ severity: "info", origin: "normalise:boilerplate", path: "seeds/000_d566339e5b9149bf.txt" });
    }
    expect(diagnostics.map((d) => d.line)).toEqual(expect.arrayContaining([1, 7, 14, 134, 149, 200, 256, 257]));
  });

  it("should find the same noise when the page is in traditional characters with full-width punctuation", () => {
    const toTraditional = OpenCC.Converter({ from: "cn", to: "tw" });
    const source = seedDocument();
    const text = toTraditional(source.text).replace(/[,:;()!?]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
    expect(text.length).toBe(source.text.length);
    const traditional = normaliseDocument({ ...source, text }).document;
    expect(wholeLines(traditional.noise)).toEqual(GOLD_NOISE_LINES);
    const inline = traditional.noise.filter((r) => !r.wholeLines).map((r) => [r.startLine, text.slice(r.span.start, r.span.end)]);
    expect(inline).toEqual([
      [134, "liuxue86.com"],
      [200, "本文內容："],
    ]);
  });
});
