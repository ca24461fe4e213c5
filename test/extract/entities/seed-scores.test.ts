/*
 * The entity extractors scored on the seed against the human gold, the way the evaluator scores them:
 * names after t2s and punctuation removal (gold variants and surface forms count, borderline gold counts
 * neither way), figures by value and line. Bars: mechanisms 0.85, organisations 0.8, figures 0.8.
 */
import { describe, expect, it } from "vitest";

import { extractEntities } from "../../../src/extract/entities/index.ts";
import { emptyTally, f1, goldNames, inputFor, readSeed, scoreFigures, scoreNames, type Tally } from "./entity.fixtures.ts";

const { text, reports } = readSeed();
const results = reports.map((r) => ({ gold: r, found: extractEntities(inputFor(text, r.start_line, r.end_line, [149])) }));

function explain(t: Tally): string {
  return `F1 ${f1(t).toFixed(3)} (tp ${t.tp}, fp ${t.fp}, fn ${t.fn})\nmisses:\n${t.misses.join("\n")}\nextras:\n${t.extras.join("\n")}`;
}

describe("entity extraction on the seed", () => {
  it("should find the gold mechanisms with F1 >= 0.85", () => {
    const t = emptyTally();
    for (const { gold, found } of results) {
      const g = goldNames(gold.mechanisms.map((m) => ({ name: m.name, forms: m.surface ?? [], borderline: m.borderline === true })));
      scoreNames(g, found.mechanisms.map((m) => m.name), gold.id, t);
    }
    expect(f1(t), explain(t)).toBeGreaterThanOrEqual(0.85);
  });

  it("should find the gold organisations with F1 >= 0.8", () => {
    const t = emptyTally();
    for (const { gold, found } of results) {
      const g = goldNames(gold.organisations.map((o) => ({ name: o.name, forms: o.variants ?? [], borderline: o.borderline === true })));
      scoreNames(g, found.organisations.map((o) => o.name), gold.id, t);
    }
    expect(f1(t), explain(t)).toBeGreaterThanOrEqual(0.8);
  });

  it("should find the gold membership figures with F1 >= 0.8", () => {
    const t = emptyTally();
    for (const { gold, found } of results) scoreFigures(gold.figures, found.figures, gold.id, t);
    expect(f1(t), explain(t)).toBeGreaterThanOrEqual(0.8);
  });

  it("should give every occurrence a line inside its report and a surface that is the source text at its span", () => {
    for (const { gold, found } of results) {
      const occurrences = [...found.organisations, ...found.mechanisms, ...found.slogans].flatMap((e) => e.occurrences);
      for (const o of occurrences) {
        expect(o.line).toBeGreaterThanOrEqual(gold.start_line);
        expect(o.line).toBeLessThanOrEqual(gold.end_line);
        expect(text.slice(o.span.start, o.span.end)).toBe(o.surface);
      }
      for (const f of found.figures) expect(text.slice(f.span.start, f.span.end)).toBe(f.quote);
    }
  });

  it("should list each mechanism name once per report", () => {
    for (const { found } of results) {
      const names = found.mechanisms.map((m) => m.name);
      expect(new Set(names).size).toBe(names.length);
    }
  });
});
