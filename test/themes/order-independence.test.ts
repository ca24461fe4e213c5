import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { assignThemes, loadCodebook } from "../../src/themes/index.ts";
import type { Statement } from "../../src/types.ts";
import { loadSettingsFixtures, makeStatement } from "../fixtures/themes/settings.fixtures.ts";

/*
 * Issue 10 part 3: the same statements in any order give the same themes with the same ids, also for clusters of
 * statements no codebook theme covers (their ids come from their signature, not from which statement came first).
 */
type Item = { theme: string; report: string; text: string };
const sets = JSON.parse(
  readFileSync(fileURLToPath(new URL("../fixtures/themes/paraphrase-sets.fixtures.json", import.meta.url)), "utf8"),
) as { problems: Item[]; measures: Item[] };
const codebook = loadCodebook();
const canteen = loadCodebook(fileURLToPath(new URL("../fixtures/themes/canteen.codebook.json", import.meta.url)));

/** A deterministic shuffle (seeded linear congruential generator), so a failure can be replayed. */
function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let x = seed;
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Themes as comparable values: id → sorted member ids (plus label and kind). */
function signature(statements: Statement[], bodies: Map<string, string>, cb = codebook): Map<string, string> {
  const { themes, themeOf } = assignThemes(statements, bodies, cb);
  const out = new Map<string, string>();
  for (const t of themes) out.set(t.id, `${t.kind}|${t.label}|${[...t.statementIds].sort().join(",")}`);
  for (const s of statements) expect(themeOf.get(s.id), s.id).toBeDefined();
  return out;
}

describe("assignThemes does not depend on statement order", () => {
  const fx = loadSettingsFixtures();
  const paraphrases = [
    ...sets.problems.map((it, i) => makeStatement(`p${i}`, it.report, "problem", it.text, i)),
    ...sets.measures.map((it, i) => makeStatement(`m${i}`, it.report, "measure", it.text, i)),
  ];

  it.each([1, 7, 42])("should give the same themes and ids for shuffled fixture reports (seed %i)", (seed) => {
    const all = [...fx.statements, ...fx.uncovered];
    expect(signature(shuffle(all, seed), fx.bodies)).toEqual(signature(all, fx.bodies));
  });

  it.each([3, 11])("should give the same themes and ids for shuffled paraphrase sets (seed %i)", (seed) => {
    expect(signature(shuffle(paraphrases, seed), new Map())).toEqual(signature(paraphrases, new Map()));
  });

  it("should give the same cluster ids when no codebook theme covers the statements", () => {
    // With a codebook about canteens only, every party-building statement is clustered.
    const clustered = signature(paraphrases, new Map(), canteen);
    expect([...clustered.keys()].filter((id) => id.startsWith("cl:")).length).toBeGreaterThan(10);
    expect(signature(shuffle(paraphrases, 5), new Map(), canteen)).toEqual(clustered);
  });

  it("should keep a cluster's id when statements on other topics join the run", () => {
    const aging = ["村里党员大多六十岁以上，队伍老化", "党员年龄普遍偏大，后继乏人"].map((t, i) => makeStatement(`a${i}`, `ra${i}`, "problem", t, i));
    const alone = assignThemes(aging, new Map(), canteen);
    const others = sets.problems.flatMap((it, i) => (it.theme === "aging" ? [] : [makeStatement(`o${i}`, it.report, "problem", it.text, i)]));
    const withOthers = assignThemes([...others, ...aging], new Map(), canteen);
    expect(alone.themeOf.get("a0")).toBe(alone.themeOf.get("a1"));
    expect(withOthers.themeOf.get("a0")).toBe(alone.themeOf.get("a0"));
  });
});

describe("clustering of statements no codebook theme covers", () => {
  it("should merge paraphrases that share synonym sets but few characters (老化 / 年龄偏大 / 后继乏人)", () => {
    const texts = ["党员队伍老化严重", "党员年龄普遍偏大，后继乏人", "支部党员青黄不接", "食堂饭菜价格偏高"];
    const statements = texts.map((t, i) => makeStatement(`s${i}`, `r${i}`, "problem", t, i));
    const { themeOf, explanations } = assignThemes(statements, new Map(), canteen);
    expect(themeOf.get("s0")).toMatch(/^cl:[0-9a-f]{12}$/);
    expect(themeOf.get("s1")).toBe(themeOf.get("s0"));
    expect(themeOf.get("s2")).toBe(themeOf.get("s0"));
    expect(themeOf.get("s3")).not.toBe(themeOf.get("s0"));
    expect([...explanations.values()].join(" ")).toContain("队伍老化、后继乏人");
  });

  it("should give every assignment a score: the codebook score, or the similarity to the cluster's medoid", () => {
    const texts = ["党员队伍老化严重", "党员年龄普遍偏大，后继乏人", "三会一课不能按时召开"];
    const statements = texts.map((t, i) => makeStatement(`s${i}`, `r${i}`, "problem", t, i));
    const clustered = assignThemes(statements, new Map(), canteen);
    for (const s of statements) {
      const score = clustered.scores.get(s.id)!;
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThanOrEqual(1);
      expect(clustered.explanations.get(s.id)).toMatch(/cluster/);
    }
    const coded = assignThemes(statements, new Map(), codebook);
    for (const s of statements) {
      expect(coded.themeOf.get(s.id)).toMatch(/^cb:/);
      expect(coded.scores.get(s.id)).toBeGreaterThanOrEqual(codebook.settings.threshold);
      expect(coded.explanations.get(s.id)).toContain(`score ${coded.scores.get(s.id)}`);
    }
  });
});
