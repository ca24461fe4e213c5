/*
 * Rules that must hold beyond the seed: names do not absorb a run-on heading word, Markdown decoration,
 * a verb or a quantifier; generic bodies (社区党组织, 农村基层党组织, 街道社区) are not listed; figure
 * labels are clean nouns ("党支部数"), never a phrase cut off after ten characters.
 */
import { describe, expect, it } from "vitest";

import { extractEntities } from "../../../src/extract/entities/index.ts";
import { inputFor } from "./entity.fixtures.ts";

const run = (text: string) => extractEntities(inputFor(text));
const orgs = (text: string) => run(text).organisations.map((o) => o.name);
const figures = (text: string) => run(text).figures.map((f) => [f.what, f.value]);

describe("organisation names in run-on text", () => {
  it("should not glue a heading word to the name that follows it", () => {
    expect(orgs("一、基本情况公司党委下设党总支3个。")).toEqual(["公司党委", "党总支"]);
    expect(orgs("二、存在的问题红星公司党委对党建重视不够。")).toEqual(["红星公司党委"]);
    expect(orgs("三、主要做法幸福社区党委推行网格化管理。")).toEqual(["幸福社区党委"]);
    expect(orgs("四、对策建议集团党委要加强领导。")).toEqual(["集团党委"]);
  });

  it("should keep the body of a run-on report under the parent that sets it up", () => {
    const found = run("现将有关情况报告如下：一、基本情况公司党委下设党总支3个、党支部21个，共有党员412名。");
    expect(found.organisations.map((o) => [o.name, o.parent ?? null])).toEqual([
      ["公司党委", null],
      ["党总支", "公司党委"],
      ["党支部", "公司党委"],
    ]);
  });
});

describe("organisation names and decoration", () => {
  it("should not take Markdown emphasis for an anonymised name", () => {
    expect(orgs("**幸福社区党委统筹能力不强。**驻区单位各自为战。")).toEqual(["幸福社区党委"]);
    expect(orgs("**加强红星公司党委建设。**")).toEqual(["红星公司党委"]);
    expect(orgs("**社区党委统筹能力不强。**驻区单位各自为战。")).toEqual(["社区党委"]);
  });

  it("should still read **市** and *** as anonymised names", () => {
    expect(orgs("**市**中学党支部在**市**教育局党委的领导下开展工作。")).toEqual(["**市**中学党支部", "**市**教育局党委"]);
  });

  it("should not list 社区党组织 or 村党组织 (generic as 基层党组织)", () => {
    expect(orgs("**社区党组织统筹能力不强。**")).toEqual([]);
    expect(orgs("社区党组织要发挥作用，村党组织要带头。")).toEqual([]);
  });

  it("should not list a class of bodies such as 某镇农村基层党组织", () => {
    expect(orgs("关于某镇农村基层党组织建设情况的调研报告")).toEqual(["某镇"]);
    expect(orgs("关于xx县非公企业基层党组织建设情况的调研").filter((n) => n.includes("党组织"))).toEqual([]);
  });

  it("should not read a level word alone as a proper name (街道社区, 城市社区)", () => {
    expect(orgs("关于街道社区党建工作的调研报告")).toEqual([]);
    expect(orgs("加强城市社区和乡镇社区建设。")).toEqual([]);
  });
});

describe("one body written several ways", () => {
  it("should read the level word before a proper name as no part of it", () => {
    const found = run("XX街道幸福里社区党委关于社区党建工作的调研报告\n一、基本情况 幸福里社区党委下设5个党支部。");
    expect(found.organisations.map((o) => o.name).filter((n) => n.endsWith("党委"))).toEqual(["幸福里社区党委"]);
  });

  it("should read 学院党委 as the one named 学院 of the report", () => {
    const found = run("机械工程学院党委调研报告\n学院党委下设教工党支部6个。学院党委书记带头讲党课。");
    expect(found.organisations.map((o) => o.name).filter((n) => n.endsWith("党委"))).toHaveLength(1);
  });

  it("should keep an anonymised place before a name (XX县第二中学)", () => {
    expect(orgs("XX县第二中学党总支下设3个党支部。")).toEqual(["XX县第二中学党总支", "党支部"]);
  });

  it("should read “两新”组织党组织 and “两新”党组织 as one body", () => {
    expect(orgs("深化“两新”党组织建设，表彰“两新”组织党组织，激发“两新”党组织活力。")).toEqual(["两新党组织"]);
  });

  it("should keep the members a branch is made of (退休党员党支部)", () => {
    expect(orgs("社区党委下设退休党员党支部1个、两新组织联合党支部1个。")).toEqual(["社区党委", "退休党员党支部", "两新组织联合党支部"]);
  });

  it("should not take a split verb for a name (全面清理规范社区)", () => {
    expect(orgs("全面清理规范社区工作事项，全面掌握学院情况。")).toEqual([]);
  });

  it("should not read a measure word after a number as part of a name (3家子公司)", () => {
    expect(orgs("公司下属3家子公司党委、12个基层党支部。")).toEqual(["子公司党委", "基层党支部"]);
    expect(orgs("全市3家红星公司参加。")).toEqual(["红星公司"]);
  });

  it("should keep a bureau as the qualifier of its party body (卫生健康局党委)", () => {
    expect(orgs("XX区卫生健康局党委对全系统党建工作进行调研。")).toEqual(["XX区卫生健康局党委"]);
  });

  it("should read 局机关党支部 as the 区人社局机关党支部 of the report", () => {
    const names = orgs("区人社局机关党支部现有党员20名。局机关党支部书记带头讲党课，局机关党支部坚持三会一课。");
    expect(names.filter((n) => n.endsWith("党支部"))).toHaveLength(1);
  });

  it("should not list 村级党组织 (a class of bodies)", () => {
    expect(orgs("镇党委对村级党组织指导不够。")).toEqual(["镇党委"]);
  });

  it("should not take a category word for a proper name (公立医院, 国有企业)", () => {
    expect(orgs("关于公立医院党建工作的调研，民营医院和县人民医院党委均参加。")).toEqual(["县人民医院党委"]);
  });
});

describe("verbs and quantifiers are not name prefixes", () => {
  it("should not read 参加社区 or 回到社区 as a community", () => {
    expect(orgs("将参加社区活动情况反馈所在单位。")).toEqual([]);
    expect(orgs("部分在职党员到社区报到后很少参加社区活动，退休后回到社区的党员较多。")).toEqual([]);
  });

  it("should not read 多数村, 少数村 or 有的社区 as places", () => {
    expect(orgs("多数村没有稳定收入来源。")).toEqual([]);
    expect(orgs("少数村、个别社区、大多数镇、有的社区情况不同。")).toEqual([]);
  });

  it("should keep named villages and communities", () => {
    expect(orgs("青山村、幸福社区和xx镇的党员参加了培训。")).toEqual(["青山村", "幸福社区", "xx镇"]);
  });

  it("should read 行政村党支部 as the same body as 村党支部", () => {
    const found = run("对全镇15个行政村党支部建设情况进行了专题调研。\n全镇共有村党支部15个。");
    expect(found.organisations.map((o) => o.name)).toEqual(["村党支部"]);
  });
});

describe("figure labels", () => {
  it("should label a count by the noun counted, not by the phrase after it", () => {
    expect(figures("对局机关6个党支部组织生活开展情况进行了调研。")).toEqual([["党支部数", 6]]);
    expect(figures("对全镇15个行政村党支部建设情况进行了专题调研。")).toEqual([["行政村党支部数", 15]]);
    expect(figures("共评选出10个先进基层党组织和100多名优秀党员。")).toEqual([
      ["先进基层党组织数", 10],
      ["优秀党员", 100],
    ]);
  });

  it("should keep the whole word of a label (共产党员, not 产党员)", () => {
    expect(figures("全校共有共产党员3017名。")).toEqual([["党员总数", 3017]]);
    expect(figures("其中含离退休党员406名。")).toEqual([["离退休党员", 406]]);
  });

  it("should give each percentage of a list its own label without the previous number", () => {
    const found = run("在本科生党员中，三、四年级党员分别占25%和50%。");
    for (const f of found.figures) expect(f.what).not.toMatch(/[\d%]/u);
  });

  it("should leave adverbs out of labels and skip person-times", () => {
    expect(figures("专职党务工作者只有2名，近三年仅发展党员1名。通过个别谈话42人次了解党员思想。")).toEqual([
      ["专职党务工作者", 2],
      ["近三年发展党员", 1],
    ]);
  });

  it("should leave time words out of labels", () => {
    expect(figures("今年发展党员36名，全年转正党员14名。")).toEqual([
      ["发展党员", 36],
      ["转正党员", 14],
    ]);
  });

  it("should name a share by the count just before it", () => {
    expect(figures("全院共有党员318名，占职工总数的27.4%。")).toEqual([
      ["党员总数", 318],
      ["党员占职工总数比例", 27.4],
    ]);
    expect(figures("其中60岁以上党员23名，占56.1%。")).toEqual([
      ["60岁以上党员", 23],
      ["60岁以上党员比例", 56.1],
    ]);
  });

  it("should keep percentage labels short and meaningful", () => {
    expect(figures("60岁以上党员占总数的41%。")).toEqual([["60岁以上党员占总数比例", 41]]);
    const labels = run("党员中高中以上文化程度的占45%。").figures.map((f) => f.what);
    expect(labels).toEqual(["党员高中以上文化程度比例"]);
  });
});

describe("mechanism names at joins and quotes", () => {
  const mechanisms = (text: string) => run(text).mechanisms.map((m) => m.name);

  it("should split the last item of an 'A、B和C等制度' list", () => {
    expect(mechanisms("各支部落实“三会一课”、主题党日和民主评议党员等制度。")).toEqual(["三会一课", "主题党日", "民主评议党员"]);
  });

  it("should start a quoted mechanism at its quote, not at the words before it", () => {
    const names = mechanisms("推动建立居委会、业委会、物业服务企业“三方联动”机制。");
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^三方联动/u);
  });

  it("should give the activity word to the last of two joined activities", () => {
    expect(mechanisms("开展劳动竞赛和青年突击队活动。")).not.toContain("劳动竞赛和青年突击队活动");
  });
});

describe("reports read one after another", () => {
  it("should find the same bodies whatever report was read before", () => {
    const text = "社区党委统筹协调。";
    const first = orgs(text);
    orgs("红星中学党总支下设3个党支部。");
    expect(orgs(text)).toEqual(first);
  });
});
