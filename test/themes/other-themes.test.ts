/*
 * A problem heading that bundles two problems keeps its first-named theme and carries the second as an
 * "other theme" (ThemeAssignmentResult.otherThemes), so a consumer can count it for both. Sentences are
 * hand-written, in our own words.
 */
import { describe, expect, it } from "vitest";

import { assignThemes, loadCodebook } from "../../src/themes/index.ts";
import { makeStatement } from "../fixtures/themes/settings.fixtures.ts";

const codebook = loadCodebook();

/** Assign a run of statements (one report each) and return what statement 0 gets. */
function run(kind: "problem" | "measure", texts: string[]) {
  const statements = texts.map((t, i) => makeStatement(`S${i}.1`, `r${i}`, kind, t, i * 100));
  const r = assignThemes(statements, new Map(), codebook);
  return { theme: r.themeOf.get("S0.1"), others: (r.otherThemes?.get("S0.1") ?? []).map((o) => o.themeId), why: r.explanations.get("S0.1")!, r };
}

describe("other themes of a bundled problem heading", () => {
  it("should keep the first-named problem and add the second, named in its own clause", () => {
    const got = run("problem", ["党员队伍老龄化严重，近几年没有发展新党员，支部会议一年开不了几次", "支部组织生活时断时续，主题党日很随意"]);
    expect(got.theme).toBe("cb:p-recruitment-slow");
    expect(got.others).toEqual(["cb:p-org-life-irregular"]);
    expect(got.why).toContain("also names");
  });

  it("should add funds and venues as two problems when a heading names both", () => {
    const got = run("problem", ["支部开展活动没有经费，党员活动室也迟迟没有着落", "村级活动场所破旧，设施不全"]);
    expect(got.theme).toBe("cb:p-funding-short");
    expect(got.others).toEqual(["cb:p-venue-facilities"]);
  });

  it("should not read a setting or subject in the same clause as a second problem", () => {
    const got = run("problem", ["民营企业党组织的活动内容单调、形式老套", "民营企业党组织组建率低，很多企业尚未覆盖"]);
    expect(got.theme).toBe("cb:p-activity-monotonous");
    expect(got.others).toEqual([]);
  });

  it("should not add a theme of the same concern twice", () => {
    const got = run("problem", ["发展党员步子太慢，党员队伍青黄不接", "发展党员把关不严，只看数量"]);
    expect(got.theme).toBe("cb:p-recruitment-slow");
    expect(got.others).toEqual([]);
  });

  it("should name only themes the run has, so every other theme id resolves to a theme", () => {
    const got = run("problem", ["党员队伍老龄化严重，近几年没有发展新党员，支部会议一年开不了几次"]);
    expect(got.others).toEqual([]);
    expect(got.why).not.toContain("also names");
    for (const list of got.r.otherThemes?.values() ?? []) for (const o of list) expect(got.r.themes.some((t) => t.id === o.themeId)).toBe(true);
  });

  it("should leave measures with their one theme (a later clause names a purpose)", () => {
    const got = run("measure", ["落实党建专项经费，改造提升党员活动室", "每年列支党建工作经费"]);
    expect(got.others).toEqual([]);
  });
});
