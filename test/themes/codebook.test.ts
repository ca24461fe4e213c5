import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { UsageError } from "../../src/errors.ts";
import { loadCodebook, parseCodebook, pickTheme, scoreThemes, scoringText } from "../../src/themes/index.ts";
import { fold } from "../fixtures/themes/seed-gold.fixtures.ts";

function writeTemp(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), "kg-codebook-"));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const MINIMAL = {
  name: "mine",
  themes: [
    { id: "p-canteen", kind: "problem", label: "食堂问题", keywords: { 食堂: 3 } },
    { id: "m-canteen", kind: "measure", label: "改进食堂", keywords: { 食堂: 3 }, addresses: ["p-canteen"] },
  ],
};

describe("loadCodebook (shipped)", () => {
  const cb = loadCodebook();

  it("should hold 30–70 problem themes and 30–55 measure themes with unique ascii ids", () => {
    const problems = cb.themes.filter((t) => t.kind === "problem");
    const measures = cb.themes.filter((t) => t.kind === "measure");
    expect(problems.length).toBeGreaterThanOrEqual(30);
    expect(problems.length).toBeLessThanOrEqual(70);
    expect(measures.length).toBeGreaterThanOrEqual(30);
    expect(measures.length).toBeLessThanOrEqual(55);
    expect(new Set(cb.themes.map((t) => t.id)).size).toBe(cb.themes.length);
    for (const t of cb.themes) expect(t.id).toMatch(/^[a-z0-9-]+$/);
  });

  it("should give every measure theme a problem theme of its concern or in its addresses", () => {
    const problemConcerns = new Set(cb.themes.filter((t) => t.kind === "problem").map((t) => t.concern));
    for (const m of cb.themes.filter((t) => t.kind === "measure")) {
      const answers = problemConcerns.has(m.concern) || m.addresses.length > 0;
      expect(answers, m.id).toBe(true);
      for (const a of m.addresses) expect(cb.byId.get(a)?.kind, `${m.id} → ${a}`).toBe("problem");
    }
  });

  it("should score each theme's own example phrasings highest for that theme", () => {
    const misses: string[] = [];
    for (const t of cb.themes) {
      for (const ex of t.examples) {
        const best = scoreThemes(scoringText(fold(ex), undefined), cb, t.kind)[0]!;
        if (best.theme.id !== t.id || best.score < cb.settings.threshold) misses.push(`${ex} → ${best.theme.id} ${best.score}`);
      }
    }
    expect(misses).toEqual([]);
  });

  it("should give, with a ranking cut, the head of the full ranking: every theme at or above the threshold and at least the minimum", () => {
    const kinds = ["problem", "measure"] as const;
    let cutShorter = 0;
    for (const kind of kinds) {
      const examples = cb.themes.filter((t) => t.kind === kind).flatMap((t) => t.examples.map(fold));
      examples.forEach((heading, i) => {
        // Each example as a heading alone, and with the next one as the rest of its item.
        for (const rest of [undefined, examples[(i + 1) % examples.length]]) {
          const text = scoringText(heading, rest === undefined ? undefined : `${heading}${rest}`);
          const full = scoreThemes(text, cb, kind);
          for (const cut of [{ threshold: cb.settings.threshold, min: 2 }, { threshold: cb.settings.threshold, min: 1 }]) {
            const head = scoreThemes(text, cb, kind, true, cut);
            const above = full.filter((r) => r.score >= cut.threshold).length;
            expect(head, heading).toEqual(full.slice(0, head.length));
            expect(head.length, heading).toBeGreaterThanOrEqual(Math.min(full.length, Math.max(cut.min, above)));
            if (head.length < full.length) cutShorter++;
          }
        }
      });
    }
    expect(cutShorter).toBeGreaterThan(0);
  });
});

describe("loadCodebook (shipped taxonomy)", () => {
  const cb = loadCodebook();

  it("should place every theme in one of the ten families (政治建设 … 党建与业务)", () => {
    expect([...cb.families.values()]).toEqual(["政治建设", "思想建设", "组织建设", "作风建设", "纪律建设", "制度建设", "党员队伍", "组织生活", "保障", "党建与业务"]);
    for (const t of cb.themes) expect(cb.families.has(t.family), `${t.id}: ${t.family}`).toBe(true);
    for (const family of cb.families.keys()) expect(cb.themes.some((t) => t.family === family && t.kind === "problem"), family).toBe(true);
  });

  it("should give every theme typical forms of its own and of the opposite side", () => {
    for (const t of cb.themes) {
      expect(t.examples.length, t.id).toBeGreaterThan(0);
      expect(t.opposite.length, t.id).toBeGreaterThan(0);
    }
  });

  it("should read a problem theme's positive forms as measures that answer it, and a measure theme's negative forms as problems it answers", () => {
    const misses: string[] = [];
    for (const t of cb.themes) {
      for (const form of t.opposite) {
        const other = t.kind === "problem" ? "measure" : "problem";
        const pick = pickTheme(scoreThemes(scoringText(fold(form), undefined), cb, other), cb.settings.threshold)?.theme;
        const [p, m] = t.kind === "problem" ? [t, pick] : [pick, t];
        if (!p || !m || !(p.concern === m.concern || m.addresses.includes(p.id))) misses.push(`${t.id}: ${form} → ${pick?.id ?? "none"}`);
      }
    }
    expect(misses).toEqual([]);
  });

  it("should resolve synonym-set keywords and name unknown ones in the error", () => {
    const theme = cb.byId.get("p-members-aging")!;
    expect(theme.keywords.some(([k]) => k === "@aging")).toBe(true);
    expect(cb.concepts.get("aging")!.words).toEqual(expect.arrayContaining(["队伍老化", "年龄偏大", "后继乏人", "青黄不接"]));
    const bad = { themes: [{ id: "p-x", kind: "problem", label: "x", keywords: { "@no-such-set": 3 } }] };
    expect(() => parseCodebook(bad, "inline")).toThrow(/no-such-set/);
  });
});

describe("the codebook example of src/themes/README.md", () => {
  it("should load and group two wordings of its problem through its synonym set", () => {
    const md = readFileSync(fileURLToPath(new URL("../../src/themes/README.md", import.meta.url)), "utf8");
    const start = md.indexOf("```json") + "```json".length;
    const cb = parseCodebook(JSON.parse(md.slice(start, md.indexOf("```", start))), "README");
    expect(cb.families.get("support")).toBe("保障");
    const text = (t: string) => scoringText(fold(t), undefined);
    for (const t of ["职工饭菜质量不高", "食堂伙食太贵"]) {
      expect(pickTheme(scoreThemes(text(t), cb, "problem"), cb.settings.threshold)?.theme.id, t).toBe("p-canteen");
    }
  });
});

describe("loadCodebook (user file)", () => {
  it("should load a valid user codebook instead of the shipped one", () => {
    const cb = loadCodebook(writeTemp("mine.json", JSON.stringify(MINIMAL)));
    expect(cb.name).toBe("mine");
    expect(cb.themes.map((t) => t.id)).toEqual(["p-canteen", "m-canteen"]);
    expect(cb.settings.threshold).toBeGreaterThan(0);
  });

  it.each([
    ["not JSON", "{ themes: [", "not valid JSON"],
    ["no themes", JSON.stringify({ name: "x" }), "themes"],
    ["bad kind", JSON.stringify({ themes: [{ ...MINIMAL.themes[0], kind: "cause" }] }), "kind"],
    ["bad id", JSON.stringify({ themes: [{ ...MINIMAL.themes[0], id: "食堂" }] }), "slug"],
    ["duplicate id", JSON.stringify({ themes: [MINIMAL.themes[0], MINIMAL.themes[0]] }), "duplicate"],
    ["bad regex", JSON.stringify({ themes: [{ ...MINIMAL.themes[0], patterns: [{ re: "(食堂", w: 1 }] }] }), "compile"],
    ["bad weight", JSON.stringify({ themes: [{ ...MINIMAL.themes[0], keywords: { 食堂: "high" } }] }), "weight"],
    ["unknown address", JSON.stringify({ themes: [{ ...MINIMAL.themes[1], addresses: ["p-nothing"] }] }), "p-nothing"],
  ])("should reject a codebook with %s, naming the file", (_what, content, problem) => {
    const path = writeTemp("broken.json", content);
    let error: unknown;
    try {
      loadCodebook(path);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).code).toBe("KG_USAGE");
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toContain(problem);
  });

  it("should reject a missing file with a UsageError", () => {
    expect(() => loadCodebook("/nonexistent/codebook.json")).toThrow(UsageError);
  });
});
