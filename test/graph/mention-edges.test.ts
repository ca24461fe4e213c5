/* Statement → Mechanism MENTIONS: a mechanism named inside a problem or measure item is linked to that statement, with the sentence. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { buildGraph } from "../../src/graph/build-graph.ts";
import { runPipeline } from "../../src/pipeline.ts";

const REPORT = [
  "青松社区党委关于基层组织生活的调研报告",
  "一、基本情况",
  "社区党委下设四个党支部，共有党员一百二十名。",
  "二、存在的问题",
  "（一）组织生活流于形式。部分支部落实三会一课只求完成次数，会议内容照本宣科，党员参与热情不高。",
  "（二）党员教育管理不够到位。流动党员较多，日常联系不够紧密。",
  "三、对策建议",
  "（一）提高组织生活质量。把三会一课与主题党日结合起来，围绕居民关心的实事开展讨论。",
  "（二）加强流动党员管理。建立流动党员台账，每月通报一次情况。",
  "",
].join("\n");

describe("Statement → Mechanism MENTIONS", () => {
  it("should link the problem and the measure that name 三会一课, with the sentence it stands in", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kg-mention-"));
    writeFileSync(join(dir, "r.txt"), REPORT);
    const graph = buildGraph(await runPipeline([dir]));
    const mechanism = graph.findNode((_k, a) => a.label === "Mechanism" && a.name === "三会一课");
    expect(mechanism).toBeDefined();
    const linked: { kind: string; quote: string; term: string }[] = [];
    graph.forEachInEdge(mechanism!, (_e, a, _s, _t, sa) => {
      if (a.type !== "MENTIONS" || sa.label !== "Statement") return;
      const quote = String(a.quote);
      linked.push({ kind: String(sa.kind), quote, term: quote.slice(Number(a.termStart), Number(a.termEnd)) });
    });
    expect(linked.map((l) => l.kind).sort()).toEqual(["measure", "problem"]);
    for (const l of linked) expect(l.term).toBe("三会一课");
    expect(linked.find((l) => l.kind === "problem")!.quote).toBe("部分支部落实三会一课只求完成次数，会议内容照本宣科，党员参与热情不高。");
    // recurrence still counts reports, not statements
    expect(graph.getNodeAttribute(mechanism!, "reportCount")).toBe(1);
  });
});
