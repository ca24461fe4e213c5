/*
 * The table `kg query` prints: columns line up in a terminal even with Chinese text (two columns per
 * character), long cells are cut with "…", numbers are right-aligned, lists are joined.
 */
import { describe, expect, it } from "vitest";

import { cellText, displayWidth, formatList, formatTable, truncate } from "../../src/cli/commands/query.ts";
import { loadQueryLibrary } from "../../src/store/neo4j/queries.ts";

/** Display column where `needle` starts on `line`. */
function columnOf(line: string, needle: string): number {
  const at = line.indexOf(needle);
  expect(at, `"${needle}" in "${line}"`).toBeGreaterThanOrEqual(0);
  return displayWidth(line.slice(0, at));
}

describe("displayWidth", () => {
  it("should count CJK characters and full-width punctuation as two columns, ASCII as one", () => {
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("党员")).toBe(4);
    expect(displayWidth("党建，（一）")).toBe(12);
    expect(displayWidth("ＡＢ")).toBe(4);
    expect(displayWidth("a党b")).toBe(4);
  });
});

describe("formatTable", () => {
  const rows = [
    { problem: "党员发展缓慢、队伍结构老化", reports: 3, setting: "school" },
    { problem: "经费", reports: 12, setting: "rural" },
    { problem: "short ascii", reports: 1, setting: null },
  ];

  it("should start every column at the same display column on every line, Chinese or not", () => {
    const lines = formatTable(["problem", "reports", "setting"], rows).trimEnd().split("\n");
    expect(lines).toHaveLength(5);
    const settingCol = columnOf(lines[0] as string, "setting");
    expect(columnOf(lines[2] as string, "school")).toBe(settingCol);
    expect(columnOf(lines[3] as string, "rural")).toBe(settingCol);
  });

  it("should right-align numbers", () => {
    const lines = formatTable(["problem", "reports", "setting"], rows).split("\n");
    const end = (line: string, n: string) => columnOf(line, ` ${n} `) + 1 + n.length;
    expect(end(lines[2] as string, "3")).toBe(end(lines[3] as string, "12"));
  });

  it("should cut long cells to the maximum width with an ellipsis", () => {
    const long = "加强党员教育培训提高能力素质加强党员教育培训提高能力素质加强党员教育培训提高能力素质";
    const out = formatTable(["quote"], [{ quote: long }], { maxCellWidth: 20 });
    const cell = out.trimEnd().split("\n")[2] as string;
    expect(cell.endsWith("…")).toBe(true);
    expect(displayWidth(cell)).toBeLessThanOrEqual(20);
    expect(long.startsWith(cell.slice(0, -1))).toBe(true);
  });

  it("should print a header and rule even when there are no rows", () => {
    expect(formatTable(["a", "bb"], [])).toBe("a  bb\n-  --\n");
  });
});

describe("cellText and truncate", () => {
  it("should join lists, leave nulls empty and fold line breaks", () => {
    expect(cellText(["school", "rural"])).toBe("school; rural");
    expect(cellText(null)).toBe("");
    expect(cellText("一\n二")).toBe("一 二");
    expect(cellText(0.123456)).toBe("0.123");
  });

  it("should leave text that fits alone", () => {
    expect(truncate("党员", 4)).toBe("党员");
    expect(truncate("党员们", 4)).toBe("党…");
  });
});

describe("formatList", () => {
  it("should list every query with its description", () => {
    const library = loadQueryLibrary();
    const out = formatList(library);
    for (const q of library) expect(out).toContain(`${q.name}`);
    for (const q of library) expect(out).toContain(q.description);
  });
});
