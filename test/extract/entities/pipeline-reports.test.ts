/*
 * The entity extractors as users meet them: the whole pipeline (ingest, normalise, segment, classify,
 * extract) over the project's small reports in test/fixtures/reports (run-on text, Markdown, traditional
 * characters, two reports in one file), checked against what a careful reader lists for each report.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import { runPipeline } from "../../../src/pipeline.ts";
import type { Extraction, ReportExtraction } from "../../../src/types.ts";
import { matchKey } from "./entity.fixtures.ts";

interface ExpectedReport {
  organisations: string[];
  parents?: [string, string][];
  notOrganisations: string[];
  mechanisms: string[];
  /** [value, line, label] ("a|b" accepts either label). */
  figureLabels: [number, number, string][];
}

const EXPECTED = JSON.parse(readFileSync(new URL("../../fixtures/entities/reports.expected.json", import.meta.url), "utf8")) as Record<string, ExpectedReport[] | string>;
const FILES = Object.keys(EXPECTED).filter((k) => k !== "description");

let extraction: Extraction;
beforeAll(async () => {
  extraction = await runPipeline(["test/fixtures/reports"]);
}, 60_000);

function reportsOf(file: string): ReportExtraction[] {
  return extraction.documents.find((d) => basename(d.document.source.path) === file)?.reports ?? [];
}

const missing = (expected: string[], got: string[]): string[] => expected.filter((e) => !e.split("|").some((alt) => got.map(matchKey).includes(matchKey(alt))));

describe.each(FILES)("entities of test/fixtures/reports/%s through the pipeline", (file) => {
  const expected = EXPECTED[file] as ExpectedReport[];

  it("should find one entry per expected report", () => {
    expect(reportsOf(file)).toHaveLength(expected.length);
  });

  it("should list the expected organisations, with parents, and none that absorbed a heading, a verb, a quantifier or decoration", () => {
    reportsOf(file).forEach((r, i) => {
      const names = r.organisations.map((o) => o.name);
      expect(missing(expected[i]!.organisations, names), names.join(", ")).toEqual([]);
      expect(names.filter((n) => expected[i]!.notOrganisations.includes(n))).toEqual([]);
      for (const [child, parent] of expected[i]!.parents ?? []) expect(r.organisations.find((o) => o.name === child)?.parent).toBe(parent);
    });
  });

  it("should list the expected mechanisms", () => {
    reportsOf(file).forEach((r, i) => {
      const names = r.mechanisms.map((m) => m.name);
      expect(missing(expected[i]!.mechanisms, names), names.join(", ")).toEqual([]);
    });
  });

  it("should label every figure with a clean noun", () => {
    reportsOf(file).forEach((r, i) => {
      const got = r.figures.map((f) => `${f.value}@${f.line}: ${f.what}`);
      const wrong = expected[i]!.figureLabels.filter(([value, line, what]) => !r.figures.some((f) => f.value === value && f.line === line && what.split("|").includes(f.what)));
      expect(wrong, got.join("\n")).toEqual([]);
      expect(r.figures.map((f) => f.value).sort((a, b) => a - b)).toEqual(expected[i]!.figureLabels.map(([v]) => v).sort((a, b) => a - b));
    });
  });
});
