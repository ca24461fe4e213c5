import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { ThemeAssignmentResult } from "../../src/themes/assign-themes.ts";
import {
  applyDecisions,
  type Decision,
  defaultDecisionsPath,
  loadDecisions,
  saveDecisions,
  splitThemeId,
} from "../../src/themes/decisions.ts";
import type { Diagnostic, Statement } from "../../src/types.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "kg-decisions-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function st(id: string, reportId: string, kind: Statement["kind"], normText = `statement ${id}`): Statement {
  return { id, reportId, kind, text: normText, normText, span: { start: 0, end: 1 }, textSpan: { start: 0, end: 1 }, line: 1, rule: "test", subPoints: [] };
}

// Four problem statements in three reports, one measure: 老化 (a, b), 经费 (c), a cluster (d).
const statements = [st("a", "r1", "problem"), st("b", "r2", "problem"), st("c", "r2", "problem"), st("d", "r3", "problem", "党员年龄偏大，后继乏人"), st("m", "r1", "measure")];
function assigned(): ThemeAssignmentResult {
  return {
    themes: [
      { id: "cb:p-aging", kind: "problem", label: "队伍老化", source: "codebook:p-aging", statementIds: ["a", "b"], reportIds: ["r1", "r2"] },
      { id: "cb:p-funding", kind: "problem", label: "经费不足", source: "codebook:p-funding", statementIds: ["c"], reportIds: ["r2"] },
      { id: "cl:abc", kind: "problem", label: "党员年龄偏大", source: "cluster", statementIds: ["d"], reportIds: ["r3"] },
      { id: "cb:m-recruit", kind: "measure", label: "发展党员", source: "codebook:m-recruit", statementIds: ["m"], reportIds: ["r1"] },
    ],
    themeOf: new Map([["a", "cb:p-aging"], ["b", "cb:p-aging"], ["c", "cb:p-funding"], ["d", "cl:abc"], ["m", "cb:m-recruit"]]),
    explanations: new Map([["d", "cluster: a theme of its own"]]),
    scores: new Map(),
  };
}
function apply(decisions: Decision[]) {
  const diagnostics: Diagnostic[] = [];
  const result = applyDecisions(assigned(), statements, { path: "d.json", decisions }, diagnostics);
  const theme = (id: string) => result.themes.find((t) => t.id === id);
  return { result, diagnostics, theme };
}

describe("decisions file", () => {
  it("should read back exactly what was saved, and read a missing file as no decisions", async () => {
    const path = join(dir, "sub", "decisions.json");
    expect(await loadDecisions(path)).toEqual({ path, decisions: [] });
    const decisions: Decision[] = [
      { op: "merge", from: "cl:abc", into: "cb:p-aging", fromLabel: "党员年龄偏大", intoLabel: "队伍老化" },
      { op: "rename", theme: "cb:p-aging", label: "队伍老化、后继乏人" },
      { op: "move", statement: "c", to: "cb:p-aging" },
      { op: "split", theme: "cb:p-aging", statements: ["b"], id: splitThemeId(["b"]), label: "另一类" },
    ];
    await saveDecisions(path, decisions);
    expect(await loadDecisions(path)).toEqual({ path, decisions });
    expect(JSON.parse(await readFile(path, "utf8"))).toMatchObject({ version: 1 });
  });

  it("should put the default file next to the graph file", () => {
    expect(defaultDecisionsPath("out/graph.json")).toBe(join("out", "decisions.json"));
    expect(defaultDecisionsPath("/data/kg/g.json")).toBe("/data/kg/decisions.json");
  });

  it.each([
    ["not JSON", "{\"version\": 1,", /not JSON/],
    ["a wrong version", JSON.stringify({ version: 2, decisions: [] }), /version must be 1/],
    ["a decision without its ids", JSON.stringify({ version: 1, decisions: [{ op: "merge", from: "a" }] }), /decision 1: merge needs from and into/],
    ["an unknown op", JSON.stringify({ version: 1, decisions: [{ op: "rename", theme: "a", label: "x" }, { op: "delete" }] }), /decision 2: unknown op "delete"/],
  ])("should refuse a file with %s in one line naming the file (exit 2), and leave it as it was", async (_what, text, why) => {
    const path = join(dir, "decisions.json");
    await writeFile(path, text);
    const error = await loadDecisions(path).then(
      () => null,
      (e: unknown) => e as { exitCode: number; message: string },
    );
    expect(error?.exitCode).toBe(2);
    expect(error?.message).toMatch(why);
    expect(error?.message).toContain(path);
    expect(error?.message).not.toContain("\n");
    expect(await readFile(path, "utf8")).toBe(text);
  });

  it("should give a split theme the same id for the same statements, in any order", () => {
    expect(splitThemeId(["b", "a"])).toBe(splitThemeId(["a", "b", "a"]));
    expect(splitThemeId(["a"])).not.toBe(splitThemeId(["b"]));
    expect(splitThemeId(["a"])).toMatch(/^an:[0-9a-f]{12}$/);
  });
});

describe("applying decisions", () => {
  it("should merge a theme into another: its statements move, it disappears, recurrence is the union of reports", () => {
    const { result, theme, diagnostics } = apply([{ op: "merge", from: "cl:abc", into: "cb:p-aging" }]);
    expect(theme("cl:abc")).toBeUndefined();
    expect(theme("cb:p-aging")).toMatchObject({ label: "队伍老化", statementIds: ["a", "b", "d"], reportIds: ["r1", "r2", "r3"] });
    expect(result.themeOf.get("d")).toBe("cb:p-aging");
    expect(result.explanations.get("d")).toMatch(/cluster: a theme of its own; analyst: theme "党员年龄偏大" merged into "队伍老化" \(decision 1\)/);
    expect(diagnostics).toEqual([]);
  });

  it("should rename, move and split, in file order", () => {
    const { theme, result } = apply([
      { op: "rename", theme: "cb:p-aging", label: "队伍老化、后继乏人" },
      { op: "move", statement: "c", to: "cb:p-aging" },
      { op: "split", theme: "cb:p-aging", statements: ["b", "c"], id: "an:0001", label: "另一类" },
    ]);
    expect(theme("cb:p-aging")).toMatchObject({ label: "队伍老化、后继乏人", statementIds: ["a"] });
    expect(theme("cb:p-funding")).toBeUndefined(); // its only statement moved away
    expect(theme("an:0001")).toMatchObject({ kind: "problem", label: "另一类", source: "analyst", statementIds: ["b", "c"], reportIds: ["r2"] });
    expect(result.explanations.get("c")).toMatch(/moved to "队伍老化、后继乏人" \(decision 2\).*split off/);
  });

  it("should report, one warning each, decisions whose theme or statement is gone or whose kinds differ, and change nothing for them", () => {
    const { result, diagnostics } = apply([
      { op: "merge", from: "cl:gone", into: "cb:p-aging" },
      { op: "move", statement: "zzz", to: "cb:p-aging" },
      { op: "move", statement: "m", to: "cb:p-aging" },
      { op: "merge", from: "cb:m-recruit", into: "cb:p-aging" },
      { op: "rename", theme: "cl:gone", label: "x" },
      { op: "split", theme: "cb:p-aging", statements: ["c"], id: "an:0002" },
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      "decision 1 (merge cl:gone into cb:p-aging) no longer applies: no theme cl:gone; it stays in the file",
      "decision 2 (move statement zzz to cb:p-aging) no longer applies: no statement zzz; it stays in the file",
      "decision 3 (move statement m to cb:p-aging) no longer applies: statement m is a measure and cb:p-aging a problem theme; it stays in the file",
      "decision 4 (merge cb:m-recruit into cb:p-aging) no longer applies: cb:m-recruit is a measure theme and cb:p-aging a problem theme; it stays in the file",
      "decision 5 (rename cl:gone to \"x\") no longer applies: no theme cl:gone; it stays in the file",
      "decision 6 (split 1 statement(s) off cb:p-aging as an:0002) no longer applies: none of its statements is in cb:p-aging any more; it stays in the file",
    ]);
    expect(diagnostics.every((d) => d.severity === "warning" && d.path === "d.json")).toBe(true);
    expect(result.themes.map((t) => [t.id, t.statementIds])).toEqual(assigned().themes.map((t) => [t.id, t.statementIds]));
  });

  it("should apply a split in part when some of its statements left the theme, and say so", () => {
    const { theme, diagnostics } = apply([
      { op: "move", statement: "b", to: "cb:p-funding" },
      { op: "split", theme: "cb:p-aging", statements: ["a", "b"], id: "an:0003" },
    ]);
    expect(theme("an:0003")).toMatchObject({ statementIds: ["a"], label: "statement a" });
    expect(diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/^decision 2 .* applies only in part: statement\(s\) b no longer in cb:p-aging/)]);
  });
});

describe("a decision about a theme whose id changed", () => {
  it("should follow the theme that now holds most of the statements it had, and say so", () => {
    // The cluster cl:old (statements a, b, d when the decision was made) is now cb:p-aging (a, b) and cl:abc (d).
    const { theme, diagnostics } = apply([{ op: "rename", theme: "cl:old", label: "新名称", members: { "cl:old": ["a", "b", "d"] } }]);
    expect(theme("cb:p-aging")?.label).toBe("新名称");
    expect(diagnostics.map((d) => d.message)).toEqual(["decision 1 (rename cl:old to \"新名称\"): theme cl:old is gone; applied to cb:p-aging, which holds 2 of its 3 statement(s)"]);
  });

  it("should still report the decision as no longer applying when none of those statements is left", () => {
    const { diagnostics } = apply([{ op: "merge", from: "cl:old", into: "cb:p-aging", members: { "cl:old": ["gone1", "gone2"] } }]);
    expect(diagnostics.map((d) => d.message)).toEqual(["decision 1 (merge cl:old into cb:p-aging) no longer applies: no theme cl:old; it stays in the file"]);
  });
});
