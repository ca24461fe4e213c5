/*
 * extractEntities on small inline reports: canonical names, exclusions, slogans apart from mechanisms,
 * figures with Chinese numerals and placeholders, occurrences with surface/line/context, lexicon override.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { extractEntities } from "../../../src/extract/entities/index.ts";
import { parseChineseNumber } from "../../../src/extract/entities/chinese-number.ts";
import { loadLexicons } from "../../../src/extract/lexicon.ts";
import { KgError } from "../../../src/errors.ts";
import { inputFor, matchKey } from "./entity.fixtures.ts";

const run = (text: string) => extractEntities(inputFor(text));
const names = (list: { name: string }[]) => list.map((x) => x.name);

describe("mechanisms", () => {
  it("should map surface variants to one canonical name per report", () => {
    const found = run("支部开展民主评议党员活动。\n年底进行党员民主评议，健全民主评议党员制度。");
    expect(names(found.mechanisms)).toEqual(["民主评议党员"]);
    expect(found.mechanisms[0]!.occurrences.map((o) => o.line)).toEqual([1, 2, 2]);
  });

  it("should read through quotes and keep the surface as written", () => {
    const found = run("坚持“三会一课”制度。");
    expect(found.mechanisms).toEqual([
      { name: "三会一课", source: "lexicon", occurrences: [{ line: 1, span: { start: 2, end: 10 }, surface: "“三会一课”制度", context: "other" }] },
    ]);
  });

  it("should file 党风廉政建设制度 under 党风廉政建设责任制", () => {
    expect(names(run("落实党风廉政建设制度。").mechanisms)).toEqual(["党风廉政建设责任制"]);
  });

  it("should discover unlisted …制度 and …票决制 forms and 《》 regulations", () => {
    const found = run("建立党员思想动态分析制度，推行干部任用票决制，印发《村级事务管理办法》。");
    expect(names(found.mechanisms)).toEqual(["党员思想动态分析制度", "干部任用票决制", "村级事务管理办法"]);
    expect(found.mechanisms.map((m) => m.source)).toEqual(["discovery:suffix", "discovery:suffix", "discovery:book"]);
  });

  it("should not take generic words for mechanisms", () => {
    const found = run("健全各项规章制度，完善管理制度和工作机制，形成长效机制。");
    expect(found.mechanisms).toEqual([]);
  });

  it("should drop generic rules in problem statements but keep named ones", () => {
    const found = run("有的单位规章制度不健全，激励约束机制缺失，请假制度落实不严，对党内监督条例理解不深。实行党建工作目标管理责任制。");
    expect(names(found.mechanisms)).toEqual(["党内监督条例", "党建工作目标管理责任制"]);
  });

  it("should keep slogans apart from mechanisms", () => {
    const found = run("增强“四个意识”，坚定“四个自信”，做到“两个维护”，两手抓、两不误，落实“一岗双责”。");
    expect(names(found.slogans).map(matchKey)).toEqual(["四个意识", "四个自信", "两个维护", "两手抓两不误"]);
    expect(names(found.mechanisms)).toEqual(["一岗双责"]);
  });

  it("should record the section context of every occurrence", () => {
    const text = "一、存在的问题\n三会一课流于形式。\n二、对策\n落实三会一课。";
    const input = { ...inputFor(text), contextAt: (offset: number) => (offset < text.indexOf("二、") ? ("problem" as const) : ("measure" as const)) };
    const found = extractEntities(input);
    expect(found.mechanisms[0]!.occurrences.map((o) => o.context)).toEqual(["problem", "measure"]);
  });
});

describe("organisations", () => {
  it("should merge variants of the report's own branch and keep other bodies apart", () => {
    const found = run("我校党支部在县教育局党委的领导下开展工作。学校党支部下设2个党小组。党支部与工会、团委密切配合，支持上级党委。");
    expect(found.organisations.map((o) => [o.name, o.type, o.parent ?? null])).toEqual([
      ["学校党支部", "party", "县教育局党委"],
      ["县教育局党委", "party", null],
      ["党小组", "party", "学校党支部"],
      ["工会", "mass", null],
      ["团委", "mass", null],
      ["上级党委", "party", null],
    ]);
  });

  it("should not list bare or generic 党组织 and 基层党组织", () => {
    expect(run("各级党组织和基层党组织要发挥作用，党组织书记要带头。").organisations).toEqual([]);
  });

  it("should type schools, enterprises and places", () => {
    const found = run("调研了红星中学、东方电气集团有限公司党委和幸福社区。");
    expect(found.organisations.map((o) => [o.name, o.type])).toEqual([
      ["红星中学", "school"],
      ["东方电气集团有限公司党委", "party"],
      ["幸福社区", "place"],
    ]);
  });
});

describe("organisations in harder text", () => {
  it("should read 镇党委政府 as two bodies and drop 各级党委政府", () => {
    const found = run("在镇党委政府的领导下开展工作，贯彻各级党委政府的部署。");
    expect(found.organisations.map((o) => o.name)).toEqual(["镇党委", "政府"]);
  });

  it("should take a qualifying 区委 as part of the body it qualifies", () => {
    expect(run("区委两新工委统筹推进。").organisations.map((o) => o.name)).toEqual(["区委两新工委"]);
  });

  it("should not glue a title to a name across white space", () => {
    const found = run("医院党建工作的调研 医院党委下设12个党支部。");
    expect(found.organisations.map((o) => [o.name, o.parent ?? null])).toEqual([
      ["医院党委", null],
      ["党支部", "医院党委"],
    ]);
  });
});

describe("figures", () => {
  it("should read membership counts, percentages and ages with their quotes", () => {
    const found = run("全村共有党员36名，其中女党员5名，党员平均年龄58岁，35岁以下党员占11.1%。");
    expect(found.figures.map((f) => [f.value, f.unit, f.quote])).toEqual([
      [36, "名", "全村共有党员36名"],
      [5, "名", "其中女党员5名"],
      [58, "岁", "党员平均年龄58岁"],
      [11.1, "%", "35岁以下党员占11.1%"],
    ]);
  });

  it("should parse Chinese numerals and skip placeholders, blanks and non-membership numbers", () => {
    const found = run("设党支部书记一名，下设两个党小组。村距县城12公里，人口3000人，投入经费5万元。共有党员X名，设党支部个。");
    expect(found.figures.map((f) => [f.what, f.value])).toEqual([
      ["党支部书记", 1],
      ["党小组数", 2],
    ]);
    expect(found.diagnostics.map((d) => d.severity)).toEqual(["info", "warning"]);
  });

  it("should not take income or growth percentages for membership figures", () => {
    const found = run("党员人数占全村人口的3.5%，村集体经济收入增长12%。");
    expect(found.figures.map((f) => f.value)).toEqual([3.5]);
  });

  it("should skip noise and duplicated passages", () => {
    const text = "共有党员20名。\n下载本文档\n共有党员20名。";
    const input = inputFor(text, undefined, undefined, [2]);
    const dup = { start: text.lastIndexOf("共有"), end: text.length };
    expect(extractEntities({ ...input, duplicates: [dup] }).figures.map((f) => f.line)).toEqual([1]);
    expect(extractEntities(input).figures.map((f) => f.line)).toEqual([1, 3]);
  });

  it("should read thousands separators and percentages written 百分之…", () => {
    const found = run("全县共有党员12,345名，女党员占百分之三十点五，党支部二十八个。");
    expect(found.figures.map((f) => [f.value, f.unit])).toEqual([
      [12345, "名"],
      [30.5, "%"],
      [28, "个"],
    ]);
  });

  it("should parse Chinese numbers", () => {
    expect([parseChineseNumber("十二"), parseChineseNumber("两"), parseChineseNumber("一百零八"), parseChineseNumber("二十")]).toEqual([12, 2, 108, 20]);
  });
});

describe("lexicon override", () => {
  it("should add a user's mechanism and keep the shipped ones", () => {
    const dir = mkdtempSync(join(tmpdir(), "kg-lex-"));
    const path = join(dir, "lex.json");
    writeFileSync(path, JSON.stringify({ mechanisms: { entries: [{ name: "红色星期五", aliases: ["红色周五"] }] } }));
    const found = extractEntities(inputFor("开展红色周五活动，落实三会一课。"), loadLexicons(path));
    expect(names(found.mechanisms)).toEqual(["红色星期五", "三会一课"]);
  });

  it("should throw an InputError for an unreadable lexicon file", () => {
    expect(() => loadLexicons("/nonexistent/lexicon.json")).toThrow(KgError);
  });
});
