/*
 * Name boundaries found by the held-out evaluation (H12), on our own snippets: a conjunction-like first
 * character of a place name, time words and verbs before 社区, aliases that are different concepts,
 * discovered names with a role prefix or a "+"-joined head, and counts that are no membership figures.
 */
import { describe, expect, it } from "vitest";

import { extractEntities } from "../../../src/extract/entities/index.ts";
import type { MentionContext } from "../../../src/types.ts";
import { loadLexicons } from "../../../src/extract/lexicon.ts";
import { inputFor } from "./entity.fixtures.ts";

const run = (text: string) => extractEntities(inputFor(text));
const names = (list: { name: string }[]) => list.map((x) => x.name);

describe("organisation names", () => {
  it("should keep a leading 和 of a place name at a boundary", () => {
    const orgs = names(run("关于和睦里社區黨建工作的報告\n和睦里社區位於城區北部，社區黨委下設黨支部4個。").organisations);
    expect(orgs).toContain("和睦里社区");
    expect(orgs).not.toContain("睦里社区");
  });

  it("should still end a name at 和 between two words", () => {
    const orgs = names(run("街道党工委指导居民和幸福里社区开展活动。").organisations);
    expect(orgs).not.toContain("和幸福里社区");
  });

  it("should not cut a name out of 乡村…, nor start one on 各地, 均 or a verb such as 反映", () => {
    const orgs = names(run("调研组走访了东平市乡村振兴服务中心。各地律师协会也参加了座谈，代表们均反映社区活动场地不足。").organisations);
    expect(orgs).not.toContain("东平市乡");
    expect(orgs).not.toContain("地律师协会");
    expect(orgs.filter((n) => n.includes("均") || n.includes("反映"))).toEqual([]);
  });

  it("should not read a time word or a heading verb before 社区 as a name", () => {
    const orgs = names(run("（二）稳定社区志愿者队伍\n近两年社区志愿者减少5人，今年社区新招3人。").organisations);
    expect(orgs.filter((n) => n.endsWith("社区"))).toEqual([]);
  });
});

describe("mechanism names", () => {
  it("should keep 党员示范岗 apart from 党员先锋岗", () => {
    const mechs = names(run("车间设立党员示范岗12个。").mechanisms);
    expect(mechs).toContain("党员示范岗");
    expect(mechs).not.toContain("党员先锋岗");
  });

  it("should keep 微党课 apart from 党课", () => {
    expect(names(run("支部每月录制一期微党课。").mechanisms)).toEqual(["微党课"]);
  });

  it("should drop a role prefix before a discovered 责任制", () => {
    const mechs = names(run("推行班子成员分片联系责任制，实行支部委员分区包保责任制。").mechanisms);
    expect(mechs).toContain("分区包保责任制");
    expect(mechs).not.toContain("支部委员分区包保责任制");
  });

  it("should keep a '+'-joined head of a discovered 机制", () => {
    const mechs = names(run("建立党小组+团小组+宿舍长联动工作机制。").mechanisms);
    expect(mechs).toContain("党小组+团小组+宿舍长联动工作机制");
  });

  it("should keep a naming suffix such as 模式 after an unlisted quoted term", () => {
    const mechs = names(run("推广“支部+协会+果农”模式，带动增收。").mechanisms);
    expect(mechs).toContain("支部+协会+果农模式");
  });

  it("should keep the whole discovered 机制 rather than a listed fragment inside it", () => {
    const mechs = names(run("健全外出务工党员“双向联络”机制，做到离乡不离党。").mechanisms);
    expect(mechs).toContain("外出务工党员双向联络机制");
  });
});

describe("figures", () => {
  const figs = (text: string, ctx: MentionContext = "other") => {
    const input = inputFor(text);
    return extractEntities({ ...input, contextAt: () => ctx }).figures;
  };

  it("should not read a count of stages as a membership figure", () => {
    expect(figs("针对发展对象、预备党员两个环节分别设计课程。").map((f) => f.value)).toEqual([]);
  });

  it("should not read the people interviewed as a membership figure", () => {
    expect(figs("调研组座谈党员32名，问卷调查了党员120人。").map((f) => f.value)).toEqual([]);
  });

  it("should not read a target inside a measure as a membership figure", () => {
    expect(figs("每个支部每年至少发展2名党员。", "measure").map((f) => f.value)).toEqual([]);
  });

  it("should keep a membership figure outside a measure", () => {
    expect(figs("全镇共有党员1260名。", "situation").map((f) => f.value)).toContain(1260);
  });
});

describe("generic bodies", () => {
  it("should fold a bare 党支部 into the specific branches of the report", () => {
    const orgs = names(run("机关党支部和离退休党支部开展联学。机关党支部党员参加培训，党支部要加强学习。").organisations);
    expect(orgs).not.toContain("党支部");
    expect(orgs).toEqual(expect.arrayContaining(["机关党支部", "离退休党支部"]));
  });

  it("should fold a body qualified only by a configured generic word, and keep the named body's name", () => {
    const lex = loadLexicons();
    const custom = { ...lex, organisations: { ...lex.organisations, bareQualifiers: ["基层"] } };
    const orgs = names(extractEntities(inputFor("机关党支部和离退休党支部开展联学。机关党支部党员参加培训，基层党支部普遍重视学习。"), custom).organisations);
    expect(orgs).toEqual(["机关党支部", "离退休党支部"]);
  });
});

describe("numbered bodies", () => {
  it("should keep an ordinal as part of a branch name", () => {
    const orgs = names(run("项目部第三党支部与车间第一党支部开展主题党日。").organisations);
    expect(orgs).toEqual(expect.arrayContaining(["项目部第三党支部", "车间第一党支部"]));
  });
});
