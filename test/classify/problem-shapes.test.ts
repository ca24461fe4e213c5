/*
 * Problem shapes and problem false positives seen on real tuning pages (set e, docs/report-shapes.md):
 * inline lists that end at 等…问题, the 「从A、B以及C三个方面阐述了…问题」 frame, an umbrella that says
 * where its problems lie (「重点集中在：X需要进一步V；…」), a situation item under a problem heading, and
 * clauses that only look negative (umbrella nouns, the inquiry, a conditional, a summing-up paragraph).
 * Every text here is written for the test; it copies only the structure of the real sentences.
 */
import { describe, expect, it } from "vitest";

import { isNegative } from "../../src/classify/polarity.ts";
import { isProblemClause } from "../../src/classify/shapes/prose-problems.ts";
import { measures, problems } from "../helpers/statements.ts";

describe("inline problem lists", () => {
  const LIST = "近几年，本所对业务与党建“两张皮”现象、学用矛盾突出、创新意识不足、支部作用发挥不充分等“老”问题高度关注、积极整改，取得了一些进步。";

  it("should take a first element that carries a quoted label, and end the list at 等…问题", () => {
    const got = problems(LIST);
    expect(got.some((p) => p.includes("“两张皮”现象"))).toBe(true);
    expect(got).toContain("支部作用发挥不充分");
    expect(got.filter((p) => /高度关注|积极整改/.test(p))).toEqual([]);
  });

  it("should read the elements of 「呈现A、B以及C等新特点」 as problems when they fall short, and not a list of plain features (guard)", () => {
    const got = problems(["摘要", "楼宇党建呈现出党员身份意识淡薄、组织关系接转不畅以及活动场地匮乏等新特点。应建立楼宇联合党委。"].join("\n"));
    expect(got).toEqual(["党员身份意识淡薄", "组织关系接转不畅", "活动场地匮乏"]);
    expect(problems(["摘要", "楼宇党建呈现出党员年轻、学历高以及流动快等新特点。应建立楼宇联合党委。"].join("\n"))).toEqual([]);
  });

  it("should read the dash-led first of the announced difficulties whole, and keep a 尤其是 clause on the problem it narrows", () => {
    const text = ["某市村级组织调查", "调查中发现，村级组织建设面临着三个方面的困难：——青壮年外出务工，村里后继乏人。选人难的问题十分突出，尤其是合适的村会计人选在山区奇缺。"].join("\n");
    const got = problems(text);
    expect(got).toContain("青壮年外出务工，村里后继乏人");
    expect(got.some((p) => p.startsWith("——"))).toBe(false);
    expect(got).toContain("选人难的问题十分突出，尤其是合适的村会计人选在山区奇缺");
  });

  it("should read the quoted shortfalls an abstract means to solve (以期解决“A”“B”“C”的困境), however short, where nothing else states a problem", () => {
    const text = ["摘要", "文章梳理了某社区退休党员管理现状，提出了改进路径，以期破解当前管理中的“找不到”“管不住”“用不上”的困境，提升管理实效。"].join("\n");
    expect(problems(text)).toEqual(["找不到", "管不住", "用不上"]);
  });

  it("should leave the 比如 out of the first of a run of shortfalls, and read a report that someone pointed out shortcomings as no finding", () => {
    const text = ["某支部巡察反馈", "组长指出，巡察发现了一些问题：落实上级部署不到位，比如学习教育不深入、支部活动不经常、党员作用不明显。", "书记在讲话中肯定了成绩，也指出了不足。"].join("\n");
    const got = problems(text);
    expect(got).toEqual(expect.arrayContaining(["学习教育不深入", "支部活动不经常", "党员作用不明显"]));
    expect(got.filter((p) => /比如|指出/.test(p))).toEqual([]);
  });

  it("should read the clause after 主要表现在 by what shows (「A、B、C等意识不同程度弱化」), without the lead", () => {
    const text = ["摘要", "当前一些社区党员的身份意识有所淡化，主要表现在宗旨、纪律、责任等意识不同程度弱化。本文分析了原因。"].join("\n");
    expect(problems(text)).toContain("宗旨、纪律、责任等意识不同程度弱化");
  });

  it("should start a loose list after 尤其体现在 and end it before its 等方面", () => {
    const text = ["摘要", "问卷显示，支部在组织生活方面存在突出问题，尤其体现在组织生活会召开次数偏少，民主评议走过场等方面；而在党员发展方面总体较好。"].join("\n");
    const got = problems(text);
    expect(got).toEqual(expect.arrayContaining(["组织生活会召开次数偏少", "民主评议走过场"]));
    expect(got.filter((p) => /体现在|等方面/.test(p))).toEqual([]);
  });

  it("should keep a 、 inside an element when commas part the elements, and read a frame word after a shortfall as one more element", () => {
    const got = problems("当前，支部工作面临着少数部门对党建重视不够，存在重业务、轻党建的倾向，党员身份意识淡化等新情况。");
    expect(got).toEqual(["少数部门对党建重视不够", "存在重业务、轻党建的倾向", "党员身份意识淡化"]);
    expect(problems("机关支部中出现了学习制度执行不严，部分党务干部责任心不强、进取心不足，工作方法陈旧、创新意识欠缺等问题。")).toEqual([
      "学习制度执行不严",
      "部分党务干部责任心不强、进取心不足",
      "工作方法陈旧、创新意识欠缺",
    ]);
  });

  it("should still split at 、 a list parted by 、 alone, and restart it after 具体来说，其存在 (guard)", () => {
    const got = problems("调查发现，村里带头人的结构呈现不均衡的特点，具体来说，其存在年龄结构失序、文化程度失调、收入水平失衡等问题。");
    expect(got).toEqual(expect.arrayContaining(["年龄结构失序", "文化程度失调", "收入水平失衡"]));
    expect(got.filter((p) => p.includes("具体来说"))).toEqual([]);
  });

  it("should not read the place a lead-in paragraph describes as problems when it ends by announcing the problems below", () => {
    const text = [
      "某村支部建设调研",
      "一、某村基本情况及支部建设存在的问题",
      "某村地处山区，辖5个村民小组，村道狭窄，灌溉设施薄弱，产业结构单一。经过走访座谈，我们发现支部建设存在以下几方面问题：",
      "（一）党员队伍老化。全村党员平均年龄偏大。",
      "（二）支部活动开展不经常。一年只开几次会。",
    ].join("\n");
    expect(problems(text)).toEqual(["党员队伍老化", "支部活动开展不经常"]);
  });

  it("should read an inline list whose elements are parted by semicolons up to its 等…问题", () => {
    expect(problems("调查发现，目前牧区支部不同程度存在组织生活流于形式；支部动员能力弱，牧民参与意识不足；骨干力量短缺和作风不实等问题。")).toEqual([
      "组织生活流于形式",
      "支部动员能力弱",
      "牧民参与意识不足",
      "骨干力量短缺",
      "作风不实",
    ]);
  });

  it("should not read 如何… after a problem noun as an example list", () => {
    const got = problems("机构改革后老问题还在，新问题又来，如何让党建与业务真正融为一体，成为亟待破解的新课题。");
    expect(got.filter((p) => /何让|新课题/.test(p))).toEqual([]);
  });

  it("should still read 比如A、B等 after a problem noun (guard)", () => {
    expect(problems("支部工作也有一些问题，比如活动经费不足、活动阵地偏小等。")).toEqual(["活动经费不足", "活动阵地偏小"]);
  });

  it("should read 从A、B以及C三个方面阐述了…问题 as three problems", () => {
    const got = problems(
      "本文首先从支部书记的“带头人”“主心骨”作用发挥不够、组织生活松散现象突出以及思想教育功能明显弱化三个方面阐述了当前支部建设存在的问题，最后提出了改进办法。",
    );
    expect(got).toEqual(["支部书记的“带头人”“主心骨”作用发挥不够", "组织生活松散现象突出", "思想教育功能明显弱化"]);
  });

  it("should not read the aspects of a cause or of a remedy as problems (guard)", () => {
    expect(problems("本文从思想认识不够、制度执行不严以及考核导向偏差三个方面分析了问题的原因。")).toEqual([]);
    expect(problems("本文从加强教育、严格管理以及完善考核三个方面提出了对策。")).toEqual([]);
  });

  it("should keep bare three-character shortfalls of a framed list as one statement", () => {
    expect(problems("本文针对当前支部建设存在不规范、不严格等问题，梳理了改进路径。")).toEqual(["不规范、不严格"]);
  });

  it("should read 针对性不强 as a shortfall, while 针对…不足 stays the object of a remedy (guard)", () => {
    expect(isNegative("课程内容实用性、针对性不强")).toBe(true);
    expect(problems("站点网络时断时续；课程内容实用性、针对性不强；学员居住分散。")).toContain("课程内容实用性、针对性不强");
    expect(isNegative("针对阵地不足的问题")).toBe(false);
  });
});

describe("problem heads that name their problem by a frame, and quoted slogans", () => {
  const SITUATION = [
    "某镇机关作风调研",
    "一、机关作风现状",
    "一是“重发展、轻作风”现象照旧存在。有的干部布置工作只讲项目，考核只看指标，对作风建设存在“开会强调、会后不管”现象，致使队伍松散、纪律松弛等问题。",
    "二是部分干部服务意识滑坡。突出表现在：对群众来访推诿敷衍，办事拖拉，集体观念淡化。",
  ].join("\n");

  it("should take each 一是/二是 paragraph's head as the problem, a 现象照旧存在 frame included, and not its evidence", () => {
    expect(problems(SITUATION)).toEqual(["“重发展、轻作风”现象照旧存在", "部分干部服务意识滑坡"]);
  });

  it("should keep a quoted slogan with commas inside it as one element of an inline list", () => {
    const got = problems("调查中发现，不少单位存在“材料写得好，落实做得少”现象、台账繁多等问题。");
    expect(got).toEqual(["“材料写得好，落实做得少”现象", "台账繁多"]);
  });

  it("should read a list of long quoted complaints closed by 等普遍问题 one quotation each, before a looser list after it", () => {
    const got = problems("走访发现，这些阵地依然存在“有场地，但会运营的人手不够”“开馆当天热闹、领导来时热闹、平时冷清”“经费逐年减少”等普遍问题，有的活动室长期空置、居民参与少等情况。");
    expect(got.slice(0, 3)).toEqual(["有场地，但会运营的人手不够", "开馆当天热闹、领导来时热闹、平时冷清", "经费逐年减少"]);
  });

  it("should not read the predicate after a list (…、C难是当前…面临的现实问题) as one more element", () => {
    const got = problems("管好用好村里的党员，解决年轻党员难发展、老党员难管理、支部活动难组织“三难”，是眼下村级组织建设绕不开的难题。");
    expect(got.filter((p) => p.startsWith("是"))).toEqual([]);
    expect(got.length).toBe(3);
  });

  it("should read a change achieved (实现了从A到B的转变) as no shortfall, unless it was not achieved (guard)", () => {
    expect(isNegative("该小区成功实现了从管理混乱到井然有序的转变")).toBe(false);
    expect(isNegative("该小区仍未实现从管理混乱到井然有序的转变")).toBe(true);
  });

  it("should know the plain shortfall words 混乱, 拮据, 简陋, 闭塞, 淡漠, 稀少, 断档, 微薄, 松弛, 萎缩, 粗放, 被动, 空壳, 没钱, 抓得不紧, 不完备", () => {
    for (const clause of ["账目管理混乱", "活动经费拮据", "活动场所简陋", "山区信息闭塞", "集体意识淡漠", "组织活动稀少", "中年党员断档", "村集体收入微薄", "组织纪律松弛", "宣传阵地萎缩", "台账管理粗放", "处置舆情比较被动", "村集体经济“空壳化”", "没钱", "没阵地", "学习抓得不紧", "台账资料不完备"]) {
      expect([clause, isNegative(clause)]).toEqual([clause, true]);
    }
    for (const clause of ["防止管理混乱", "化被动为主动", "改变粗放管理方式", "避免阵地萎缩", "消除空壳村", "推动服务从“被动等待”转向主动上门", "群众被动员起来参与治理", "推动管理由粗放向精细转变"]) expect([clause, isNegative(clause)]).toEqual([clause, false]);
  });

  it("should not run a short item heading that ends without a stop on into its body (no hard wrap on the page)", () => {
    const text = [
      "某县村级组织建设调研",
      "二、主要短板",
      "(一)短板1:党员队伍老化,后继乏人",
      "不少村支部五年未发展党员，党员平均年龄超过六十岁，年轻人大多外出务工。",
      "(二)短板2:村集体经济“空壳化”,办事无底气",
      "多数村没有稳定收入，集体账户常年空转，修路、养老都要靠上级补助。",
    ].join("\n");
    expect(problems(text).filter((p) => p.includes("\n"))).toEqual([]);
    expect(problems(text).some((p) => p.includes("空壳化"))).toBe(true);
  });

  it("should not read 防止滑坡 as a shortfall (guard)", () => {
    expect(isNegative("部分干部服务意识滑坡")).toBe(true);
    expect(isNegative("防止服务意识滑坡")).toBe(false);
  });
});

describe("an umbrella that says where its problems lie", () => {
  const REPORT = [
    "某局机关党建课题成果",
    "（二）找准了机关党建的主要问题",
    "本局机关党建成效明显，但还存在一些薄弱环节，重点集中在：机关党建与业务工作需要进一步融合；党员教育方式有待创新；支部信息化水平需要进一步提升。",
  ].join("\n");

  it("should read each item after 重点集中在： as a problem, and not the umbrella", () => {
    const got = problems(REPORT);
    expect(got).toEqual(["机关党建与业务工作需要进一步融合", "党员教育方式有待创新", "支部信息化水平需要进一步提升"]);
  });

  it("should not read 需要进一步加强X as a problem without the umbrella and its colon (guard)", () => {
    const text = ["某局机关党建调研", "一、存在的问题", "1.支部活动形式单一", "2.党员学习热情不高", "二、对策", "下一步，需要进一步加强支部信息化建设；需要进一步创新党员教育方式。"].join("\n");
    const got = problems(text);
    expect(got.filter((p) => /信息化|教育方式/.test(p))).toEqual([]);
  });

  it("should read the ；-items after 「发现了一些薄弱环节，如」 as problems, without the aspect they open with", () => {
    const text = [
      "关于青年职工入党工作的调研",
      "多年来我们一直抓紧培养入党积极分子。但在近期的质量分析中，也发现了一些薄弱环节，如部分车间提交入党申请的人数逐年减少；从队伍构成上看，一线技术骨干和青年女职工中的积极分子等需要进一步充实，推荐的来源也应更宽一些；从个人表现上看，有的积极分子动机不够纯正，急于求成，转正后带头作用不明显；考察环节的制度也应当进一步细化。",
    ].join("\n");
    const got = problems(text);
    expect(got).toContain("部分车间提交入党申请的人数逐年减少");
    expect(got).toContain("一线技术骨干和青年女职工中的积极分子等需要进一步充实");
    expect(got.some((p) => p.startsWith("有的积极分子动机不够纯正"))).toBe(true);
    expect(got.filter((p) => /上看|推荐的来源/.test(p))).toEqual([]);
  });

  it("should not read an item that opens with its modal as a problem even after the umbrella (guard)", () => {
    const got = problems(["某局机关党建课题成果", "（二）找准了主要问题", "但仍存在一些问题，主要表现在：需要进一步加强党员管理；支部书记培训不足。"].join("\n"));
    expect(got).toEqual(["支部书记培训不足"]);
  });
});

describe("a situation item under a problem heading", () => {
  const REPORT = [
    "乡党委关于村级组织的调研报告",
    "一、当前村级组织运行情况及存在的问题",
    "1.当前村级组织运行情况。各村总体运转正常，班子基本稳定。有少数村干部作风有所松懈，工作积极性不高，个别村班子软弱涣散。",
    "2.存在的主要问题。一是干部年龄老化；二是后备力量不足。",
  ].join("\n");

  it("should read the negative clauses of its body as problems, not its topic heading", () => {
    const got = problems(REPORT);
    expect(got).not.toContain("当前村级组织运行情况");
    expect(got.some((p) => p.startsWith("有少数村干部作风有所松懈"))).toBe(true);
    expect(got.some((p) => p.includes("个别村班子软弱涣散"))).toBe(true);
    expect(got.filter((p) => /运转正常|基本稳定/.test(p))).toEqual([]);
  });

  it("should keep an item whose heading falls short (guard)", () => {
    const got = problems(["乡党委调研报告", "一、存在的问题", "1.当前村干部队伍老化情况。多数村干部年龄偏大。", "2.后备干部不足。"].join("\n"));
    expect(got).toContain("当前村干部队伍老化情况");
  });
});

describe("clauses that only look negative", () => {
  it("should not read an umbrella noun with no content as a problem", () => {
    expect(isProblemClause("驻村干部制度存在的隐性不足")).toBe(false);
    expect(isProblemClause("但还存在一些薄弱环节")).toBe(false);
    expect(isProblemClause("老问题尚未彻底解决")).toBe(false);
    // guard: a content noun before the umbrella noun keeps the shortfall
    expect(isProblemClause("支部书记培训存在明显不足")).toBe(true);
    expect(isProblemClause("历史遗留问题尚未解决")).toBe(true);
  });

  it("should not read the sentence that reports the inquiry as a problem", () => {
    expect(isProblemClause("认真查摆了问题不足和各种表现")).toBe(false);
    expect(isProblemClause("查摆问题不深刻")).toBe(true);
  });

  it("should not read a conditional 对…的，要… as a problem", () => {
    expect(isProblemClause("对参加组织生活不积极或落实制度不到位的要批评教育")).toBe(false);
    expect(isProblemClause("对支部内不能选出合适书记人选的")).toBe(false);
    expect(isProblemClause("对党员教育不够重视")).toBe(true);
  });

  it("should not read an authority's words reported without quotation marks as a finding", () => {
    const text = ["社区党建调研", "一、引言", "疫情期间社区工作面临不少困难，比如线下活动难开展、理论学习被忽视等。总书记曾指出，基层事务繁杂，单靠一方是干不好的，要发挥各方作用。", "二、调研方法", "1.问卷调查。"].join("\n");
    const got = problems(text);
    expect(got.filter((p) => p.includes("干不好"))).toEqual([]);
    expect(got).toContain("线下活动难开展");
  });

  it("should not read a summing-up paragraph of a problem section as a problem", () => {
    const text = ["某镇党员教育调研", "二、存在的问题", "一些支部组织生活不规范。", "部分党员学习热情不高。", "因此，党员教育管理是当前的一个重要问题，需要引起足够的重视。"].join("\n");
    const got = problems(text);
    expect(got).toEqual(["一些支部组织生活不规范", "部分党员学习热情不高"]);
  });

  it("should still read a summing-up paragraph that falls short (guard)", () => {
    const text = ["某镇党员教育调研", "二、存在的问题", "一些支部组织生活不规范。", "因此，党员队伍老化问题突出。"].join("\n");
    expect(problems(text)).toContain("党员队伍老化问题突出");
  });
});

describe("a sub-heading that lost its enumerator inside a problem item", () => {
  const item = (tail: string) =>
    ["县委组织部关于党员教育的调研", "一、当前党员教育面临的问题", `1.培训阵地不足、资源分散。一方面阵地不足，多数乡镇党校场地简陋。另一方面资源分散，各部门各自为政，培训效果不明显。${tail}`, "2.教育内容针对性不强。部分课程与需求脱节。"].join("\n");

  it("should read a short 、-joined sentence of shortfalls followed by its cause as a problem", () => {
    expect(problems(item("网络覆盖率不高、线上平台使用率低。由于山区基站偏少，线上学习难以开展。"))).toContain("网络覆盖率不高、线上平台使用率低");
  });

  it("should not read it without the cause after it (guard)", () => {
    expect(problems(item("网络覆盖率不高、线上平台使用率低。下一步将逐步改善。"))).not.toContain("网络覆盖率不高、线上平台使用率低");
  });
});

describe("prose clauses", () => {
  it("should keep the shortfalls before a 同时 that adds one more", () => {
    const got = problems("企业党建调研\n\n具体来说，企业党建存在管理弱化，缺乏足够的群众基础，同时不能探索出新的路子。");
    expect(got.some((p) => p.startsWith("企业党建存在管理弱化"))).toBe(true);
    expect(got).toContain("不能探索出新的路子");
  });

  it("should still keep only what follows 同时 after an achievement (guard)", () => {
    expect(problems("企业党建调研\n\n近年来支部建设取得了明显成效，同时党员教育方式有待创新。")).toEqual(["党员教育方式有待创新"]);
  });

  it("should read 很少… and 只是停留在… as shortfalls", () => {
    expect(isNegative("很少研究落实责任的有效抓手")).toBe(true);
    expect(isNegative("抓党建只是停留在开开会、发发文")).toBe(true);
  });

  const significance = (body: string) =>
    ["关于村书记队伍建设的调研", "一、加强村书记队伍建设的重要意义", "1.理论的要求。党章对村书记提出了明确要求。", `2.现实的需要。${body}`, "二、主要做法", "1.开展轮训。"].join("\n");

  it("should read the prose of a listed item in a context section where another shape found problems", () => {
    const got = problems(significance("目前，少数村书记抓党建意识不强、业务不熟、履职不到位。少数书记抓党建只是停留在开开会、发发文，很少研究落实责任的有效抓手。"));
    expect(got.some((p) => p.startsWith("少数书记抓党建只是停留在开开会、发发文"))).toBe(true);
  });

  it("should not read the prose of a context section where nothing else found a problem (guard)", () => {
    expect(problems(significance("少数书记抓党建只是停留在开开会、发发文，很少研究落实责任的有效抓手。"))).toEqual([]);
  });
});

void measures;
