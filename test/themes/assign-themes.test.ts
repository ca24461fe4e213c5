import { describe, expect, it } from "vitest";

import { assignThemes, loadCodebook } from "../../src/themes/index.ts";
import { buildSeedGold, pairwiseF1 } from "../fixtures/themes/seed-gold.fixtures.ts";
import { loadSettingsFixtures, makeStatement } from "../fixtures/themes/settings.fixtures.ts";

const codebook = loadCodebook();

describe("assignThemes on the seed's gold statements", () => {
  const gold = buildSeedGold();
  const result = assignThemes(gold.statements, gold.bodies, codebook);

  it.each(["problem", "measure"] as const)("should reach pairwise %s theme F1 ≥ 0.7 across reports", (kind) => {
    const ids = gold.statements.filter((s) => s.kind === kind && !gold.borderline.has(s.id)).map((s) => s.id);
    const score = pairwiseF1(
      ids,
      (id) => id.split(".")[0]!,
      (id) => gold.goldTheme.get(id)!,
      (id) => result.themeOf.get(id),
    );
    console.log(
      `[themes] seed ${kind} pairwise: P=${score.precision.toFixed(3)} R=${score.recall.toFixed(3)} F1=${score.f1.toFixed(3)} (tp ${score.tp}, fp ${score.fp}, fn ${score.fn})`,
    );
    expect(score.f1).toBeGreaterThanOrEqual(0.7);
  });

  it("should give every problem and measure a theme with a reason, and no cause a theme", () => {
    for (const s of gold.statements) {
      if (s.kind === "cause") {
        expect(result.themeOf.has(s.id)).toBe(false);
        continue;
      }
      expect(result.themeOf.get(s.id), s.id).toMatch(/^(cb|cl):/);
      expect(result.explanations.get(s.id)?.length, s.id).toBeGreaterThan(10);
    }
  });

  it("should count a theme's recurrence as its distinct reports", () => {
    const recruit = result.themes.find((t) => t.statementIds.includes("R1.P1"))!;
    expect(recruit.statementIds).toEqual(expect.arrayContaining(["R1.P1", "R6.P1", "R8.P1"]));
    expect(recruit.reportIds).toEqual(["R1", "R6", "R8"]);
    for (const t of result.themes) {
      expect(new Set(t.reportIds).size).toBe(t.reportIds.length);
      const reports = new Set(gold.statements.filter((s) => t.statementIds.includes(s.id)).map((s) => s.reportId));
      expect(new Set(t.reportIds)).toEqual(reports);
    }
  });

  it("should describe codebook themes by id, label and source", () => {
    const theme = result.themes.find((t) => t.statementIds.includes("R6.P2"))!;
    expect(theme.id).toMatch(/^cb:[a-z0-9-]+$/);
    expect(theme.source).toBe(`codebook:${theme.id.slice(3)}`);
    expect(theme.kind).toBe("problem");
    expect(theme.label).toMatch(/[\u4e00-\u9fff]/);
  });

  it("should give the same ids, labels and order on every run, and the same grouping for shuffled input", () => {
    const again = assignThemes(gold.statements, gold.bodies, codebook);
    expect(again.themes).toEqual(result.themes);
    const reversed = assignThemes([...gold.statements].reverse(), gold.bodies, codebook);
    expect(Object.fromEntries(reversed.themeOf)).toEqual(Object.fromEntries(result.themeOf));
  });
});

describe("assignThemes on hand-written reports from other settings", () => {
  const fx = loadSettingsFixtures();
  const result = assignThemes(fx.statements, fx.bodies, codebook);
  const theme = (id: string) => result.themeOf.get(id);

  it("should put an aging village membership and slow enterprise recruitment in one theme, apart from formalistic organisational life", () => {
    // 农村党员老龄化严重，发展新党员困难 / 发展党员工作滞后，年轻党员少 / 组织生活流于形式
    expect(theme("V.P1")).toBe(theme("E.P1"));
    expect(theme("V.P2")).not.toBe(theme("V.P1"));
  });

  it.each(loadSettingsFixtures().sameTheme.map((g) => [g.join(" = "), g]))("should group %s", (_name, group) => {
    expect(new Set((group as string[]).map(theme)).size).toBe(1);
  });

  it.each(loadSettingsFixtures().differentTheme.map((p) => [p.join(" ≠ "), p]))("should keep %s apart", (_name, pair) => {
    const [a, b] = pair as [string, string];
    expect(theme(a)).not.toBe(theme(b));
  });
});

describe("assignThemes clustering of statements no codebook theme covers", () => {
  const fx = loadSettingsFixtures();
  const all = [...fx.statements, ...fx.uncovered];
  const result = assignThemes(all, fx.bodies, codebook);

  it("should cluster statements on the same uncovered topic and keep an unrelated one apart", () => {
    const [a, b, c] = fx.uncovered.map((s) => result.themeOf.get(s.id)!);
    expect(a).toMatch(/^cl:[0-9a-f]{12}$/);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    const cluster = result.themes.find((t) => t.id === a)!;
    expect(cluster.source).toBe("cluster");
    expect(cluster.reportIds).toEqual(["x1", "x2"]);
    expect(["安全生产事故时有发生", "安全生产隐患排查不彻底"]).toContain(cluster.label);
    expect(result.explanations.get(fx.uncovered[1]!.id)).toContain("cluster");
  });

  it("should label a cluster with its medoid's first clause, shortened", () => {
    const long = makeStatement("Y.P1", "y1", "problem", "食堂伙食质量长期得不到改善而且价格偏高导致职工意见很大，多次反映仍无下文", 0);
    const r = assignThemes([long], new Map(), codebook);
    const label = r.themes[0]!.label;
    expect(label.startsWith("食堂伙食质量")).toBe(true);
    expect(Array.from(label).length).toBeLessThanOrEqual(25);
  });

  it("should put identical uncovered statements in one cluster even when they have no usable n-grams", () => {
    const same = ["a", "b"].map((id, i) => makeStatement(id, `r${i}`, "problem", "其他", 0));
    const r = assignThemes([...same, makeStatement("c", "r3", "problem", "等等", 0)], new Map(), codebook);
    expect(r.themeOf.get("a")).toBe(r.themeOf.get("b"));
    expect(r.themeOf.get("c")).not.toBe(r.themeOf.get("a"));
    expect(new Set(r.themes.map((t) => t.id)).size).toBe(r.themes.length);
  });

  it("should use a user codebook when given one", () => {
    const own = loadCodebook(new URL("../fixtures/themes/canteen.codebook.json", import.meta.url).pathname);
    const r = assignThemes(fx.uncovered, new Map(), own);
    expect(r.themeOf.get("X.P3")).toBe("cb:p-canteen");
    expect(r.themes.find((t) => t.id === "cb:p-canteen")!.source).toBe("codebook:p-canteen");
  });
});
