/*
 * Shape prescriptive-list: measures written in prose as a list of prescribing verb-object elements after a
 * forward-looking signal (提出以A为B，以C为D，健全E; 要…，即坚持A、突出B; 这就要求A，加强B，提升C), whatever
 * the frame; and the same verb list in a practice section, after 近年来 or with 了 is no measure.
 * The fixtures (test/fixtures/prescriptive-list/) are written for these tests.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

import { classifyReport } from "../../src/classify/classify.ts";
import { outlineReport } from "../../src/outline/index.ts";
import { segmentDocument } from "../../src/segment/segment.ts";
import { SHAPES } from "../../src/classify/shapes/index.ts";
import type { Statement } from "../../src/types.ts";
import { plainDoc } from "../helpers/doc.fixtures.ts";
import { measureRuns } from "../helpers/measure-runs.ts";

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/prescriptive-list/${name}`, import.meta.url)), "utf8");

function measures(text: string, shapes = SHAPES): Statement[] {
  const doc = plainDoc(text);
  const seg = segmentDocument(doc);
  return seg.reports.flatMap((r) => classifyReport(doc, r, outlineReport(doc, r, seg.markers), shapes).statements.filter((s) => s.kind === "measure"));
}

describe("prescriptive-list: prose lists of prescribing elements", () => {
  const text = fixture("prose-measures.txt");
  const found = measures(text);
  // The run a shape found, its elements read back as one (test/helpers/measure-runs.ts).
  const byRule = (id: string) => measureRuns(found.filter((s) => s.rules?.some((r) => r.id === id)), text);

  it("should read 要…，即坚持A与B融合、突出C与D融合、E与F融合 as one run holding every element", () => {
    const run = byRule("prescriptive-list").find((t) => t.includes("坚持支部活动与居民需求融合"));
    expect(run).toBeDefined();
    expect(run).toContain("突出骨干带头与全员参与融合");
    expect(run).toContain("线上动员与线下服务融合");
  });

  it("should read 这就要求A，加强B，提升C up to the purpose clause, and not the shortfall before the signal", () => {
    const run = byRule("prescriptive-list").find((t) => t.includes("加强支部书记队伍培训"));
    expect(run).toBe("街道党工委主动对接各方资源，加强支部书记队伍培训，提升支部的组织力");
  });

  it("should cover 以A、B为目标，以C为载体，健全D: the 以…为 elements prescribe", () => {
    const all = found.map((s) => s.text);
    expect(all.some((t) => t.includes("以联系群众、便民利民为支部工作目标") && t.includes("健全居民意见反馈办法"))).toBe(true);
  });

  it("should quote each run exactly from the source and explain it", () => {
    for (const s of found.filter((st) => st.rules?.some((r) => r.id === "prescriptive-list"))) {
      expect(text.slice(s.textSpan.start, s.textSpan.end)).toBe(s.text);
      expect(s.rules?.find((r) => r.id === "prescriptive-list")?.detail).toMatch(/^(measure \d+\/\d+ of a run: )?\d+ of \d+ elements prescribe, after "/);
    }
  });

  it("should find none of the 融合 and 这就要求 runs without the shape", () => {
    const without = measures(text, SHAPES.filter((s) => s.id !== "prescriptive-list")).map((s) => s.text);
    expect(without.some((t) => t.includes("坚持支部活动与居民需求融合"))).toBe(false);
    expect(without.some((t) => t.includes("加强支部书记队伍培训"))).toBe(false);
  });

  it("should not read the same verb list as a measure in a practice section, after 近年来, or with 了", () => {
    expect(measures(fixture("practice-list.txt")).map((s) => s.text)).toEqual([]);
  });

  it("should not read a verb list with no forward-looking signal", () => {
    const plain = "社区支部调查\n摘要：街道党工委主动对接各方资源，加强支部书记队伍培训，提升支部的组织力，居民称道。";
    expect(measures(plain)).toEqual([]);
  });

  it("should read paragraphs that open with a prescriptive list, two in a row, whose bodies propose", () => {
    const heads = measures(fixture("parallel-heads.txt")).filter((s) => s.rules?.some((r) => r.id === "prescriptive-list" && r.detail.includes("parallel paragraph heads")));
    expect(heads.map((s) => s.text)).toEqual(["抓住支部这个基础单元，提高支部的组织力", "把握作风建设这个重点，树立机关干部的良好形象"]);
  });

  it("should read such a paragraph's head only, its body explaining the head (as an item's text explains its heading)", () => {
    expect(measures(fixture("parallel-heads.txt")).map((s) => s.text)).toEqual(["抓住支部这个基础单元，提高支部的组织力", "把握作风建设这个重点，树立机关干部的良好形象"]);
  });

  it("should not read the same paragraph heads when the bodies report what was done", () => {
    expect(measures(fixture("parallel-heads-report.txt")).map((s) => s.text)).toEqual([]);
  });

  it("should read 应以A思维B，以C思维D，以E思维F: elements that open alike after the signal", () => {
    const text = "园区支部调研\n摘要：园区青年流动性强，支部难以覆盖。应以平台思维汇聚各方力量，以项目思维推动结对共建，以服务思维回应青年诉求，让支部活起来。";
    const found = measureRuns(measures(text).filter((s) => s.rules?.some((r) => r.id === "prescriptive-list")), text);
    expect(found).toEqual(["以平台思维汇聚各方力量，以项目思维推动结对共建，以服务思维回应青年诉求"]);
  });
});

describe("a modal after 管理/治理 (brief meas)", () => {
  it("should read 「…管理应A，构建B，利用C」 as a prescriptive list (理 before 应 is 管理's, not 理应)", () => {
    const got = measures(["外出党员工作研究", "摘要：外出党员存在联系不畅、学习不便等问题。笔者认为，外出党员管理应实现从管理到服务的转变，构建双向联系的沟通机制，利用网络平台开展线上学习。"].join("\n"));
    expect(got.map((s) => s.text).join("|")).toContain("构建双向联系的沟通机制");
  });
});

describe("着力 in an account of a practice", () => {
  it("should not read 「这项探索…着力构建A、B，…保证了C」 as measures, but still read 着力 in a proposal (guard)", () => {
    const done = ["某区街道治理的调查", "摘要：街道治理面临部门协作不畅、基层力量不足等问题。这项探索牢牢抓住支部引领这个关键，以解决居民身边的事为目标，以推动街道管理体制创新为突破口，紧紧围绕层级赋权、部门下沉、机构增效，着力构建社区治理的应急机制、服务居民的响应机制和打通落实“最后一步”的工作机制，将支部的政治优势、组织优势转化为社区治理优势，切实保证了社区事情社区办。"].join("\n");
    expect(measures(done)).toEqual([]);
    const proposed = ["某区街道治理的调查", "摘要：街道治理面临部门协作不畅、基层力量不足等问题。下一步应着力构建应急处置机制，健全群众诉求响应机制，完善考核办法。"].join("\n");
    expect(measures(proposed).map((s) => s.text).join("|")).toContain("构建应急处置机制");
  });
});
