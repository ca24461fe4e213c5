/*
 * General precision rules for discovered mechanism names and organisation names (entities-gh round), on our
 * own snippets: a name does not span 和/与/及, starts after a verb, holds no problem word or demonstrative, is
 * no place phrase ending in 中; a quoted list of phrases is a slogan; a trial-version document keeps its
 * whole title; bodies inside 《》 titles, verbs and class words before 社区/村, and a university before
 * its affiliated hospital are no organisations; a single capital letter is an anonymised name.
 */
import { describe, expect, it } from "vitest";

import { extractEntities } from "../../../src/extract/entities/index.ts";
import { inputFor } from "./entity.fixtures.ts";

const run = (text: string) => extractEntities(inputFor(text));
const names = (list: { name: string }[]) => list.map((x) => x.name);

describe("discovered mechanism names", () => {
  it("should keep only the last conjunct of a coordination the lexicon does not know", () => {
    const mechs = names(run("主要是经费不足和青年轮岗交流机制。").mechanisms);
    expect(mechs).toContain("青年轮岗交流机制");
    expect(mechs.some((n) => n.includes("不足"))).toBe(false);
    // The second conjunct shares the tail: "A与制度" names no mechanism of its own.
    expect(names(run("坚持理想信念与制度约束并重。").mechanisms)).toEqual([]);
  });

  it("should not cut inside a word that only contains 及 or 和", () => {
    expect(names(run("社区推行网格员及时回访机制。").mechanisms)).toContain("网格员及时回访机制");
    expect(names(run("社区推行和谐楼道共建机制。").mechanisms)).toContain("和谐楼道共建机制");
  });

  it("should start a name after a verb such as 优化, 推广 or 实现", () => {
    const mechs = names(run("各支部要推广和运用楼栋走访工作法，优化内部治理机制，最终实现制度。").mechanisms);
    expect(mechs).toContain("楼栋走访工作法");
    expect(mechs.filter((n) => /^(推广|运用|优化|实现)/u.test(n))).toEqual([]);
    expect(mechs).not.toContain("内部治理机制");
  });

  it("should drop an evaluative or counting prefix and generic heads", () => {
    const mechs = names(run("推广优秀楼栋走访工作法，形成三大作用机制，建立一种制度，完善农村基层党建长效机制和国企党建体制机制。").mechanisms);
    expect(mechs).toContain("楼栋走访工作法");
    expect(mechs).not.toContain("三大作用机制");
    expect(mechs).not.toContain("一种制度");
    expect(mechs).not.toContain("农村基层党建长效机制");
    expect(mechs).not.toContain("国企党建体制机制");
  });

  it("should not take a demonstrative phrase or a place phrase ending in 中 as a name", () => {
    const mechs = names(run("抓住支部组织建设这个基础工程。联合体中机制尚未理顺。").mechanisms);
    expect(mechs).toEqual([]);
  });

  it("should not read an unlisted quoted list of phrases as one mechanism", () => {
    const mechs = names(run("开展“学理论、强本领”活动，推行“一户一档”制度。").mechanisms);
    expect(mechs).not.toContain("学理论、强本领活动");
    expect(mechs.some((n) => n.includes("学理论"))).toBe(false);
    expect(mechs).toContain("一户一档制度");
  });

  it("should not read a quoted action (a verb and a generic word) as a name", () => {
    expect(names(run("整改只停在“健全机制”这一步。").mechanisms)).toEqual([]);
  });

  it("should keep the whole title of a trial-version regulation", () => {
    const mechs = names(run("学习《某某行业基层组织工作条例（试行）》，对照落实。").mechanisms);
    expect(mechs).toContain("某某行业基层组织工作条例");
    expect(mechs).not.toContain("基层组织工作条例");
  });

  it("should know well-known named practices", () => {
    const mechs = names(run("借鉴枫桥经验化解矛盾，推进三治融合，开展巡察整改。").mechanisms);
    expect(mechs).toEqual(expect.arrayContaining(["枫桥经验", "三治融合", "巡察"]));
  });
});

describe("organisation names", () => {
  it("should not take a journal title in 《》 as a body", () => {
    expect(names(run("论文发表于《中国社区》杂志，作者来自某市委党校。").organisations)).not.toContain("中国社区");
  });

  it("should not read a university before its affiliated hospital as a body of its own", () => {
    const orgs = names(run("以东江大学附属口腔医院为例，该院党委下设支部8个。").organisations);
    expect(orgs).toContain("东江大学附属口腔医院");
    expect(orgs).not.toContain("东江大学");
    const second = names(run("作者单位：西岭大学第二医院党委办公室。西岭大学第二医院党委书记。").organisations);
    expect(second).not.toContain("西岭大学");
  });

  it("should read a university before its college as part of the college's name", () => {
    const orgs = names(run("作者：张某，南岭财经大学人文学院讲师。").organisations);
    expect(orgs).toContain("南岭财经大学人文学院");
    expect(orgs).not.toContain("南岭财经大学");
  });

  it("should not read a verb or a class word before 社区, 村 or 中学 as a name", () => {
    const orgs = names(run("街道着力培育优质社区，以发展社区文化为抓手，抓一般村、特色村，在实际工作中学本领。").organisations);
    expect(orgs.filter((n) => /社区$|村$|中学$/u.test(n))).toEqual([]);
  });

  it("should read a single capital letter as an anonymised name", () => {
    const orgs = names(run("调研选取了湖南省C社区和K街道，C社区党委下设网格支部。").organisations);
    expect(orgs).toContain("C社区");
  });

  it("should not keep 基层 before a level word in a body's name", () => {
    const orgs = names(run("从市局到基层县局党委，层层压实责任。").organisations);
    expect(orgs).toContain("县局党委");
    expect(orgs).not.toContain("基层县局党委");
  });

  it("should know the central working committee of the central and state organs", () => {
    const orgs = names(run("中央和国家机关工委印发通知。").organisations);
    expect(orgs).toContain("中央和国家机关工委");
    expect(orgs).not.toContain("国家机关工委");
  });
});
