/*
 * Hand-written reports in other settings (village 党支部, enterprise 党委, urban community, a school report
 * in traditional characters; a state-owned group, a private-enterprise park written without line breaks,
 * a university 院系 in Markdown, a government organ, a hospital, a 街道 in traditional characters) with
 * the entities a careful reader would list: proof the lexicons generalise.
 */
import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { extractEntities } from "../../../src/extract/entities/index.ts";
import { inputFor, matchKey } from "./entity.fixtures.ts";

interface Expected {
  organisations: string[];
  notOrganisations: string[];
  mechanisms: string[];
  notMechanisms: string[];
  slogans: string[];
  figures: [number, number][];
  /** [value, line, label]: the figure's \`what\` ("a|b" accepts either). */
  figureLabels?: [number, number, string][];
  notFigureValues: number[];
}

const dir = new URL("../../fixtures/entities/", import.meta.url);
const load = (file: string) => ({
  text: readFileSync(new URL(file.includes(".") ? file : `${file}.txt`, dir), "utf8"),
  expected: JSON.parse(readFileSync(new URL(`${file.replace(/\.\w+$/u, "")}.expected.json`, dir), "utf8")) as Expected,
});

/** Expected names that no predicted name matches ("a|b" accepts either). */
function missing(expected: string[], predicted: string[]): string[] {
  const keys = new Set(predicted.map(matchKey));
  return expected.filter((e) => !e.split("|").some((alt) => keys.has(matchKey(alt))));
}

const FIXTURES = ["village", "enterprise", "community", "traditional", "soe", "private-enterprise", "university.md", "organ", "hospital", "traditional-street"];

describe.each(FIXTURES)("entities of the %s fixture", (name) => {
  const { text, expected } = load(name);
  const found = extractEntities(inputFor(text));

  it("should find the expected organisations and no bare generic ones", () => {
    const names = found.organisations.map((o) => o.name);
    expect(missing(expected.organisations, names)).toEqual([]);
    expect(names.filter((n) => expected.notOrganisations.includes(n))).toEqual([]);
  });

  it("should find the expected mechanisms under their canonical names and no generic ones", () => {
    const names = found.mechanisms.map((m) => m.name);
    expect(missing(expected.mechanisms, names)).toEqual([]);
    expect(names.filter((n) => expected.notMechanisms.some((x) => matchKey(x) === matchKey(n)))).toEqual([]);
  });

  it("should keep slogans apart from mechanisms", () => {
    expect(missing(expected.slogans, found.slogans.map((s) => s.name))).toEqual([]);
  });

  it("should find the membership figures by value and line, and skip non-membership numbers", () => {
    const got = found.figures.map((f) => [f.value, f.line]);
    for (const fig of expected.figures) expect(got).toContainEqual(fig);
    expect(found.figures.filter((f) => expected.notFigureValues.includes(f.value))).toEqual([]);
  });

  it("should label the figures with clean nouns", () => {
    const wrong = (expected.figureLabels ?? []).filter(([value, line, what]) => {
      const f = found.figures.find((x) => x.value === value && x.line === line);
      return !f || !what.split("|").includes(f.what);
    });
    const got = found.figures.map((f) => `${f.value}@${f.line}: ${f.what}`);
    expect(wrong, got.join("\n")).toEqual([]);
  });
});
