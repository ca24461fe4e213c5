/*
 * Mechanism and organisation names in shapes real reports use beyond the seed (all sentences written for this
 * test): quoted names with a practice tail, campaigns, generic "…机制" phrases, central bodies with longer names,
 * company and court names, place names before a level word, villages after a township, verbs before 社区,
 * determiners and verbs before a body's name, place names that begin with a stop character (无锡, 中山).
 */
import { describe, expect, it } from "vitest";

import { extractEntities } from "../../../src/extract/entities/index.ts";
import { inputFor } from "./entity.fixtures.ts";

const run = (text: string) => extractEntities(inputFor(text));
const mechs = (text: string) => run(text).mechanisms.map((m) => m.name);
const orgs = (text: string) => run(text).organisations.map((o) => o.name);

describe("mechanisms named in quotes with a practice tail", () => {
  it("should read a quoted number before 党建机制 as one mechanism, however the tail is worded", () => {
    expect(mechs("全院推出“2323”党建机制，在“2323”党建工作机制带动下各科室争先。")).toEqual(["2323党建机制"]);
  });

  it("should read quoted brands and awards with 品牌/创建/认证/评选 tails", () => {
    const found = mechs("该区培育“青松先锋”党建品牌，开展“星级堡垒”创建、“金牌书记”认证和“最美党员”评选。");
    expect(found).toContain("青松先锋党建品牌");
    expect(found).toContain("金牌书记认证");
    expect(found).toContain("最美党员评选");
    expect(found.some((n) => n.startsWith("星级堡垒"))).toBe(true);
  });
});

describe("what is no mechanism", () => {
  it("should not report campaigns, but still the standing practices next to them", () => {
    expect(mechs("经过先进性教育活动和三严三实专题教育，支部坚持三会一课制度。")).toEqual(["三会一课"]);
    expect(mechs("结合群众路线教育实践活动和两学一做学习教育推进整改。")).toEqual([]);
  });

  it("should not report generic …机制/…制度 phrases", () => {
    expect(mechs("改制以后，股权结构、经营机制都有调整，社会主义经济制度更加成熟。")).toEqual([]);
    expect(mechs("文章讨论党建引领城区医院基层治理机制，并指出缺乏评估和退出机制。")).toEqual([]);
    expect(mechs("问题根源在于体制机制，党建靠教育也靠制度。")).toEqual([]);
    expect(mechs("要健全党员管理机制和一般工作机制。")).toEqual([]);
  });

  it("should not take a bare 《条例》 for a document name", () => {
    expect(mechs("依照《条例》和《实施意见》开展工作。")).toEqual([]);
    expect(mechs("依照《党支部工作条例》开展工作。")).toEqual(["支部工作条例"]);
  });

  it("should keep whole names that begin like a generic prefix or a boundary word", () => {
    expect(mechs("公司已建立现代企业制度。")).toEqual(["现代企业制度"]);
    expect(mechs("支部完善入党积极分子考察机制。")).toEqual(["入党积极分子考察机制"]);
  });
});

describe("organisation names", () => {
  it("should read 中共中央办公厅 and 中组部 as bodies of their own", () => {
    expect(orgs("去年中共中央办公厅印发意见，党中央提出要求。")).toEqual(["中共中央办公厅", "党中央"]);
    expect(orgs("中组部党员教育中心牵头调研。")).toContain("中组部党员教育中心");
  });

  it("should keep the name of a company before 有限责任公司 and not read 公司法 as a company", () => {
    expect(orgs("作者单位：江南石化有限责任公司，南京。")).toEqual(["江南石化有限责任公司"]);
    expect(orgs("依据《中华人民共和国公司法》设立党组织。")).toEqual([]);
  });

  it("should read courts, centres, leading groups and working committees with their names", () => {
    expect(orgs("。甘肃省平凉市人民检察院和泾川县人民检察院开展共建。")).toEqual(["甘肃省平凉市人民检察院", "泾川县人民检察院"]);
    expect(orgs("广州市卫生健康委和广州市医院管理中心党委联合发文。")).toEqual(["广州市卫生健康委", "广州市医院管理中心党委"]);
    expect(orgs("按照市党建领导小组安排，镇里成立整改工作领导小组。")).toEqual(["市党建领导小组", "整改工作领导小组"]);
    expect(orgs("成立了非公有制企业工作委员会。")).toEqual(["非公有制企业工作委员会"]);
  });

  it("should keep a listed place name before a level word", () => {
    expect(orgs("作者系上海市委组织部干部。")).toEqual(["上海市委组织部"]);
    expect(orgs("中共重庆市委党校开展课题研究。")).toEqual(["重庆市委党校"]);
  });

  it("should start a village name after the township word before it", () => {
    expect(orgs("长岭镇青石村支部37名党员中，40岁以下仅3人。")).toContain("青石村支部");
  });

  it("should not take a verb, a time word or a category word before 社区/医院/村 for a name", () => {
    expect(orgs("要改善社区环境、拓展社区功能，满足社区居民需要。")).toEqual([]);
    expect(orgs("后疫情时代社区治理面临新课题。")).toEqual([]);
    expect(orgs("把握公立医院改革方向，上海市公立医院普遍设立党委办公室。")).not.toContain("上海市公立医院");
    expect(orgs("男性村党组织书记占多数。")).toEqual([]);
  });

  it("should begin a body's name after the verb, the determiner or the 同志 before it", () => {
    expect(orgs("本文选取江城师范学院的两个学生党支部开展问卷调查。")).toEqual(["江城师范学院", "学生党支部"]);
    expect(orgs("本文系江州学院课题的阶段成果。")).toEqual(["江州学院"]);
    expect(orgs("要摸清社区党委掌握的资源底数，找出社区党委工作中的短板。")).toEqual(["社区党委"]);
    expect(orgs("此次集团公司机关党委牵头开展专项检查。")).toEqual(["集团公司机关党委"]);
    expect(orgs("本次调研受集团公司党委委托进行。")).toEqual(["集团公司党委"]);
    expect(orgs("王某同志代表集团党委作报告，如何整顿社区党支部是难题。")).toEqual(["集团党委", "社区党支部"]);
    expect(orgs("学习借鉴社区治理的经验，认真听取社区居民意见，这一过渡型社区人口多。")).toEqual([]);
  });

  it("should keep a place name that begins with a stop character, and a hospital named after its university", () => {
    expect(orgs("调研组走访了无锡市第九人民医院和中山大学南湖纪念医院。")).toEqual(["无锡市第九人民医院", "中山大学南湖纪念医院"]);
  });
});
