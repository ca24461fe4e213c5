/*
 * Shape measure-list: measures named as a list inside a frame in an abstract, an introduction or a closing
 * sentence, one measure per element; and its guards (a list of topics the report discusses, a frame after a
 * negation, work done). All texts are written for these tests.
 */
import { describe, expect, it } from "vitest";

import { classifyReport } from "../../src/classify/classify.ts";
import { outlineReport } from "../../src/outline/index.ts";
import { segmentDocument } from "../../src/segment/segment.ts";
import { plainDoc } from "../helpers/doc.fixtures.ts";

function measures(text: string): string[] {
  const doc = plainDoc(text);
  const seg = segmentDocument(doc);
  return seg.reports.flatMap((r) => classifyReport(doc, r, outlineReport(doc, r, seg.markers)).statements.filter((s) => s.kind === "measure").map((s) => s.normText));
}

const TITLE = "某县村级支部建设调研\n";
const FOUND = "摘要：调查发现，该县村级支部存在党员老化、活动单一、经费短缺等问题。";

describe("measure-list: a list of measures inside a frame", () => {
  it("should read 须从A、B、C等方面加强… as one measure per element", () => {
    expect(measures(`${TITLE}${FOUND}须从优化党员结构、丰富活动载体、保障工作经费等方面加强支部建设。`)).toEqual(["优化党员结构", "丰富活动载体", "保障工作经费"]);
  });

  it("should read 本文从A、B、C三个方面提出对策 element by element, not as two runs", () => {
    expect(measures(`${TITLE}${FOUND}本文从优化党员结构、丰富活动载体、保障工作经费三个方面提出对策。`)).toEqual(["优化党员结构", "丰富活动载体", "保障工作经费"]);
  });

  it("should read 提出了A、B和C等对策建议, splitting the last element at 和 when a verb opens the part after it", () => {
    expect(measures(`${TITLE}${FOUND.replace("。", "，")}提出了优化党员结构、丰富活动载体和健全经费保障机制等对策建议。`)).toEqual(["优化党员结构", "丰富活动载体", "健全经费保障机制"]);
  });

  it("should read the topics of 提出了A、B和C等对策建议 as measures too: the end declares them", () => {
    expect(measures(`${TITLE}${FOUND}文章提出了结构优化、载体创新和经费保障等对策建议。`)).toEqual(["结构优化", "载体创新", "经费保障"]);
  });

  it("should read 只有通过A、B、C等方面的努力，才能… element by element", () => {
    expect(measures(`${TITLE}${FOUND}只有通过优化党员结构、丰富活动载体、保障工作经费等方面的努力，才能提升支部组织力。`)).toEqual(["优化党员结构", "丰富活动载体", "保障工作经费"]);
  });

  it("should keep one verb with two objects whole (创新A和B)", () => {
    expect(measures(`${TITLE}${FOUND}唯有通过强化考核、健全台账、创新载体和方法等方面的努力，支部才有活力。`)).toEqual(["强化考核", "健全台账", "创新载体和方法"]);
  });

  it("should read each bare topic of four characters or more under a prescribing frame as one measure", () => {
    expect(measures(`${TITLE}${FOUND}应从制度建设、队伍建设和阵地建设三个方面加以改进，提升支部组织力。`)).toEqual(["制度建设", "队伍建设", "阵地建设"]);
    expect(measures(`${TITLE}${FOUND}应在人员配备、能力培训、职级晋升等方面进行综合改革。`)).toEqual(["人员配备", "能力培训", "职级晋升"]);
  });

  it("should read a list of shorter topics under a prescribing frame as one measure, the clause from its modal", () => {
    expect(measures(`${TITLE}${FOUND}应从制度、队伍和阵地三个方面加以改进，提升支部组织力。`)).toEqual(["应从制度、队伍和阵地三个方面加以改进"]);
  });
});

describe("measure-list: no measures", () => {
  it("should not read the topics an abstract discusses as measures", () => {
    expect(measures(`${TITLE}摘要：本文从研究背景、现状、问题和对策等方面展开探讨。`)).toEqual([]);
  });

  it("should not read a frame after a negation (a shortfall) as measures", () => {
    expect(measures(`${TITLE}一、存在的问题\n镇党委只要求支部补写记录，没有从完善台账、细化分工、压实督导等方面建立长效办法。`)).not.toContain("完善台账");
  });

  it("should not read work done (…加强了) as measures", () => {
    expect(measures(`${TITLE}摘要：近年来，该县从优化党员结构、丰富活动载体、保障工作经费等方面加强了支部建设，成效明显。`)).toEqual([]);
  });
});
