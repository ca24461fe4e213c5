/*
 * `kg extract --list` / `--why`: what an analyst checks first on a report — each problem, measure and
 * cause with its line and theme, and (with --why) the rule, the theme's reason and the links.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { statementLine } from "../../src/cli/report.ts";
import { REPO_ROOT, spawnKg } from "../helpers/cli.fixtures.ts";

const VILLAGE = join(REPO_ROOT, "test/fixtures/reports/village-single.txt");
const PINYIN = join(REPO_ROOT, "test/fixtures/shapes/inline-aspects-traditional.txt");

const run = (args: string[]) => spawnKg(["extract", ...args], { ...process.env, NEO4J_URI: "" });

/** The numbered items under a heading of the fixture, as written (without "1." and the closing 。). */
function itemsUnder(file: string, heading: string): { line: number; text: string }[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const out: { line: number; text: string }[] = [];
  let inside = false;
  lines.forEach((l, i) => {
    if (/^[一二三四五六七八九十]、/.test(l)) inside = l.includes(heading);
    else if (inside && /^\d\./.test(l)) out.push({ line: i + 1, text: l.slice(2, l.indexOf("。")) });
  });
  return out;
}

describe("kg extract --list", () => {
  it("lists every problem and measure of the report with its line and theme", async () => {
    const result = await run([VILLAGE, "--list"]);
    expect(result.code).toBe(0);
    const problems = itemsUnder(VILLAGE, "问题");
    const measures = itemsUnder(VILLAGE, "对策");
    expect(problems).toHaveLength(3);
    expect(measures).toHaveLength(3);
    for (const p of problems) expect(result.stdout).toMatch(new RegExp(`问题 L${p.line}\\s+${p.text}  → \\S`));
    for (const m of measures) expect(result.stdout).toMatch(new RegExp(`对策 L${m.line}\\s+${m.text}  → \\S`));
    // --list alone gives no reasons.
    expect(result.stdout).not.toContain("rule:");
    expect(result.stdout).not.toContain("links:");
  });

  it("without --list prints the counts only", async () => {
    const result = await run([VILLAGE]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("3 problems, 3 measures");
    expect(result.stdout).not.toMatch(/问题 L\d/);
  });

  it("--why adds the classifying rule, the theme's reason, and each link with its reason", async () => {
    const result = await run([VILLAGE, "--why"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/问题 L\d+ .*\n\s+rule: section-cue: .*\(confidence 0\.\d\d\)\n\s+theme: /);
    expect(result.stdout).toContain("links:");
    const [p] = itemsUnder(VILLAGE, "问题");
    const [m] = itemsUnder(VILLAGE, "对策");
    expect(result.stdout).toMatch(new RegExp(`对策 L${m!.line} answers 问题 L${p!.line}  \\(\\d\\.\\d\\d: .+\\)`));
  });

  it("shows statements without the pinyin reading aids a page inserted, while --json keeps the exact source", async () => {
    const listed = await run([PINYIN, "--list"]);
    expect(listed.code).toBe(0);
    const statementLines = listed.stdout.split("\n").filter((l) => /^\s+(问题|对策|原因) L\d/.test(l));
    expect(statementLines.length).toBeGreaterThan(0);
    for (const l of statementLines) expect(l).not.toMatch(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/);
    const json = await run([PINYIN, "--json"]);
    const texts: string[] = JSON.parse(json.stdout).documents.flatMap((d: { reports: { statements: { text: string }[] }[] }) => d.reports.flatMap((r) => r.statements.map((s) => s.text)));
    expect(texts.some((t) => /\((?:guī|chǎn|wèn)\)/.test(t))).toBe(true);
  });
});

describe("statementLine", () => {
  it("removes pinyin aids, folds white space, cuts long text and escapes controls", () => {
    expect(statementLine("存在問(wèn)題(tí)\n较多", 4)).toBe("存在問題…");
    expect(statementLine("组织生活  不够\t规范")).toBe("组织生活 不够 规范");
    expect(statementLine("坏\u001b[31m字")).toBe("坏\\x1b[31m字");
    expect(statementLine("三会一课")).toBe("三会一课");
  });
});
