import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { type ImportIo, runImport } from "../../src/cli/commands/import.ts";
import { runThemesDecision, runThemesList, type ThemeListing, type ThemesIo } from "../../src/cli/commands/themes.ts";
import { readGraphFile } from "../../src/sinks/graph-file.ts";

const CORPUS = ["seeds/", "test/fixtures/reports/", "test/fixtures/unseen/community-runon.txt"];
let dir: string;
let out: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "kg-themes-"));
  out = join(dir, "graph.json");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function io(): ImportIo & ThemesIo & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: "", err: "" };
  stdout.on("data", (c) => (chunks.out += String(c)));
  stderr.on("data", (c) => (chunks.err += String(c)));
  // cwd: the temporary folder, so that a developer's .env (NEO4J_URI) does not send these imports to Neo4j.
  return { stdout, stderr, interactive: false, confirm: async () => false, env: {}, cwd: dir, out: () => chunks.out, err: () => chunks.err };
}

async function list(): Promise<ThemeListing[]> {
  const run = io();
  await runThemesList({ graph: out, json: true }, run);
  return JSON.parse(run.out()) as ThemeListing[];
}

/** Distinct reports of the statements of some themes, read from the graph file. */
async function reportsOf(themeIds: string[]): Promise<Set<string>> {
  const graph = await readGraphFile(out);
  const reports = new Set<string>();
  graph.forEachEdge((_e, a, s, t) => {
    if (a.type === "INSTANCE_OF" && themeIds.includes(String(graph.getNodeAttribute(t, "themeId")))) reports.add(String(graph.getNodeAttribute(s, "reportKey")));
  });
  return reports;
}

describe("kg themes (graph file)", () => {
  it("should list every theme with its recurrence and its statements with scores", async () => {
    await runImport(CORPUS, { out }, io());
    const themes = await list();
    const graph = await readGraphFile(out);
    const themeNodes = graph.filterNodes((_k, a) => a.label === "Problem" || a.label === "Measure");
    expect(themes).toHaveLength(themeNodes.length);
    for (const t of themes) {
      expect(t.statements).toHaveLength(t.statementCount);
      expect(t.reportCount).toBe((await reportsOf([t.id])).size);
    }
    const codebookTheme = themes.find((t) => t.source.startsWith("codebook:"))!;
    expect(codebookTheme.family).not.toBeNull();
    expect(codebookTheme.statements.every((s) => typeof s.score === "number" && s.text !== "" && s.line > 0)).toBe(true);
    // Most recurrent first, problems before measures.
    const problems = themes.filter((t) => t.kind === "problem");
    expect(problems.map((t) => t.reportCount)).toEqual([...problems.map((t) => t.reportCount)].sort((a, b) => b - a));
    const text = io();
    await runThemesList({ graph: out, kind: "problem" }, text);
    expect(text.out()).toContain(`问题  ${problems[0]!.id}  ${problems[0]!.label}`);
    expect(text.out()).not.toContain("对策  ");
  });

  it("should record both decisions when two analysts decide at the same moment", async () => {
    await runImport(CORPUS.slice(0, 2), { out }, io());
    const [a, b] = (await list()).filter((t) => t.kind === "problem");
    await Promise.all([
      runThemesDecision({ op: "rename", args: [a!.id, "甲的名称"] }, { graph: out }, io()),
      runThemesDecision({ op: "rename", args: [b!.id, "乙的名称"] }, { graph: out }, io()),
    ]);
    const file = JSON.parse(await readFile(join(dir, "decisions.json"), "utf8")) as { decisions: { op: string }[] };
    expect(file.decisions).toHaveLength(2);
    const labels = (await list()).map((t) => t.label);
    expect(labels).toContain("甲的名称");
    expect(labels).toContain("乙的名称");
  });

  it("should merge and rename, and keep both through a re-import and a new report, with nothing duplicated", async () => {
    await runImport(CORPUS.slice(0, 2), { out }, io());
    const before = await list();
    const [into, from] = before.filter((t) => t.kind === "problem" && t.reportCount >= 2);
    const expectedReports = await reportsOf([from!.id, into!.id]);
    const expectedStatements = from!.statementCount + into!.statementCount;

    const run = io();
    await runThemesDecision({ op: "merge", args: [from!.id, into!.id] }, { graph: out }, run);
    expect(run.err()).toContain(`decision 1 in ${join(dir, "decisions.json")}`);
    await runThemesDecision({ op: "rename", args: [into!.id, "分析员的名称"] }, { graph: out }, io());
    const check = async () => {
      const themes = await list();
      expect(themes.find((t) => t.id === from!.id)).toBeUndefined();
      const merged = themes.find((t) => t.id === into!.id)!;
      expect(merged).toMatchObject({ label: "分析员的名称", statementCount: expectedStatements, reportCount: expectedReports.size });
      expect(themes.filter((t) => t.label === "分析员的名称")).toHaveLength(1);
      // No statement in two themes.
      const all = themes.flatMap((t) => t.statements.map((s) => s.id));
      expect(new Set(all).size).toBe(all.length);
      return merged;
    };
    await check();
    const bytes = await readFile(out, "utf8");
    await runImport(CORPUS.slice(0, 2), { out }, io());
    expect(await readFile(out, "utf8")).toBe(bytes);
    // A new report: the decisions still hold; the merged theme can only grow.
    await runImport(CORPUS.slice(2), { out }, io());
    const themes = await list();
    expect(themes.find((t) => t.id === from!.id)).toBeUndefined();
    const merged = themes.find((t) => t.id === into!.id)!;
    expect(merged.label).toBe("分析员的名称");
    expect(merged.reportCount).toBe((await reportsOf([into!.id])).size);
    expect(merged.reportCount).toBeGreaterThanOrEqual(expectedReports.size);
  }, 120_000); // three imports in one test: about 25 s on an idle 2-core machine, more under load

  it("should move a statement and split statements off, with stable ids", async () => {
    await runImport(CORPUS.slice(0, 2), { out }, io());
    const themes = await list();
    const big = themes.find((t) => t.kind === "problem" && t.statementCount >= 3)!;
    const other = themes.find((t) => t.kind === "problem" && t.id !== big.id)!;
    const [s1, s2, s3] = big.statements;
    await runThemesDecision({ op: "move", args: [s1!.id.slice(0, 8), other.id] }, { graph: out }, io());
    const split = await runThemesDecision({ op: "split", args: [big.id, s2!.id, s3!.id] }, { graph: out, label: "拆出的主题" }, io());
    const after = await list();
    expect(after.find((t) => t.id === other.id)!.statements.map((s) => s.id)).toContain(s1!.id);
    expect(split).toMatchObject({ op: "split", theme: big.id });
    const made = after.find((t) => t.id === (split as { id: string }).id)!;
    expect(made).toMatchObject({ label: "拆出的主题", statementCount: 2 });
    expect(made.statements.map((s) => s.id).sort()).toEqual([s2!.id, s3!.id].sort());
    expect(after.find((t) => t.id === big.id)!.statementCount).toBe(big.statementCount - 3);
  });

  it("should refuse an unknown theme with exit 2 and close matches, and record nothing", async () => {
    await runImport(CORPUS.slice(0, 1), { out }, io());
    const [first, second] = await list();
    const typo = `${first!.id.slice(0, -1)}x`;
    const error = await runThemesDecision({ op: "merge", args: [typo, second!.id] }, { graph: out }, io()).catch((e: unknown) => e as { exitCode: number; message: string });
    expect(error).toMatchObject({ exitCode: 2 });
    expect((error as { message: string }).message).toMatch(new RegExp(`^themes: no theme "${typo}"; close matches: .*${first!.id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    expect((error as { message: string }).message).not.toContain("\n");
    await expect(readFile(join(dir, "decisions.json"), "utf8")).rejects.toMatchObject({ code: "ENOENT" });
    await expect(runThemesDecision({ op: "move", args: ["abc", second!.id] }, { graph: out }, io())).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/no statement "abc"/) });
    await expect(runThemesDecision({ op: "merge", args: [first!.id, first!.id] }, { graph: out }, io())).rejects.toMatchObject({ exitCode: 2 });
  });

  it("should stop with one line naming a corrupt decisions file, change neither it nor the graph", async () => {
    await runImport(CORPUS.slice(0, 1), { out }, io());
    const graphBytes = await readFile(out, "utf8");
    const decisions = join(dir, "decisions.json");
    await writeFile(decisions, "{ not json");
    const [a, b] = await list();
    await expect(runThemesDecision({ op: "merge", args: [a!.id, b!.id] }, { graph: out }, io())).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining(decisions) });
    await expect(runImport(CORPUS.slice(0, 1), { out }, io())).rejects.toMatchObject({ exitCode: 2 });
    expect(await readFile(decisions, "utf8")).toBe("{ not json");
    expect(await readFile(out, "utf8")).toBe(graphBytes);
  });
});
