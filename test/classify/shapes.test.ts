import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

import { classifyReport } from "../../src/classify/classify.ts";
import { polarityOf, isNegative } from "../../src/classify/polarity.ts";
import { SHAPES } from "../../src/classify/shapes/index.ts";
import { outlineReport } from "../../src/outline/index.ts";
import { runPipeline } from "../../src/pipeline.ts";
import { segmentDocument } from "../../src/segment/segment.ts";
import { toExtractionJson } from "../../src/sinks/extraction-json.ts";
import type { Statement } from "../../src/types.ts";
import { plainDoc } from "../helpers/doc.fixtures.ts";

function classify(text: string) {
  const doc = plainDoc(text);
  const seg = segmentDocument(doc);
  return seg.reports.map((r) => classifyReport(doc, r, outlineReport(doc, r, seg.markers)));
}

const of = (statements: Statement[], kind: string) => statements.filter((s) => s.kind === kind);
const texts = (statements: Statement[], kind: string) => of(statements, kind).map((s) => s.text);
const ruleIds = (statements: Statement[], kind: string) => [...new Set(of(statements, kind).map((s) => s.rules?.[0]?.id))];

describe("polarity", () => {
  it.each([
    ["党员队伍老化，后继乏人", "negative"],
    ["加强党建的意识不强", "negative"],
    ["严格落实三会一课制度", "prescription"],
    ["着力解决组织生活流于形式的问题", "prescription"],
    ["党组织覆盖范围逐步扩大", "achievement"],
    ["党员队伍结构", "neutral"],
  ])("should read %s as %s", (text, polarity) => expect(polarityOf(text)).toBe(polarity));

  it.each(["村两委班子不团结", "个别党员长期不参加组织生活", "少数干部不作为、不担当", "部分党员不按时交纳党费", "外出党员与支部失去联系", "有的支委不履行职责"])(
    "should read the plain shortfall %s as negative",
    (text) => expect(polarityOf(text)).toBe("negative"),
  );

  it("should not read a prohibition or a requirement to take part as a shortfall", () => {
    expect(polarityOf("党员不得参加封建迷信活动")).not.toBe("negative");
    expect(polarityOf("要求党员按时参加组织生活")).not.toBe("negative");
  });

  it("should not read the shortfall a remedy names as a negative evaluation", () => {
    expect(isNegative("补齐活动阵地不足的短板")).toBe(false);
  });

  it("should not read the set phrases of serving the people (急难愁盼, 排忧解难) as shortfalls", () => {
    expect(isNegative("紧盯居民的急难愁盼")).toBe(false);
    expect(isNegative("千方百计为职工排忧解难")).toBe(false);
    expect(isNegative("居民反映的急难问题长期得不到解决")).toBe(true);
  });
});

describe("the shape registry", () => {
  it("should give every shape an id and a description, each id once", () => {
    const ids = SHAPES.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(SHAPES.every((s) => s.description.length > 10)).toBe(true);
  });
});

describe("shapes", () => {
  it("section-cue: should record the rule id, what it saw and a confidence", () => {
    const [report] = classify(["一、存在的问题", "1、党员发展步伐偏慢", "2、支部活动缺乏特色"].join("\n"));
    const first = report!.statements[0]!;
    expect(first.rules?.[0]).toEqual({ id: "section-cue", detail: expect.stringContaining("存在的问题") });
    expect(first.confidence).toBeGreaterThan(0.8);
  });

  it("polarity-problems: should take a list of shortfalls under a 基本情况 heading", () => {
    const [report] = classify(["某局机关党建调研", "一、基本情况", "（一）支部书记多为兼职，精力不足", "（二）党员学习积极性不高", "（三）活动阵地偏少"].join("\n"));
    expect(texts(report!.statements, "problem")).toEqual(["支部书记多为兼职，精力不足", "党员学习积极性不高", "活动阵地偏少"]);
    expect(ruleIds(report!.statements, "problem")).toEqual(["polarity-problems"]);
  });

  it("polarity-problems: should not take a list of achievements", () => {
    const [report] = classify(["某局机关党建调研", "一、基本情况", "（一）组织设置不断完善", "（二）党员队伍逐步壮大", "（三）阵地建设得到加强"].join("\n"));
    expect(report!.statements).toEqual([]);
  });

  it("polarity-measures: should take prescriptions only after the problems, not a list of practices before them", () => {
    const [report] = classify(
      ["某县党建调研", "一、主要做法", "（一）强化政治引领", "（二）健全工作机制", "二、基本情况", "（一）村干部老化", "（二）集体经济薄弱", "三、下步工作", "（一）选优配强村干部", "（二）发展壮大集体经济"].join("\n"),
    );
    expect(texts(report!.statements, "measure")).toEqual(["选优配强村干部", "发展壮大集体经济"]);
  });

  it("lead-in-list: should take 一是…二是… after a lead-in that announces problems", () => {
    const [report] = classify(["社区调研", "一、总体情况", "社区党建有进展，但还存在以下几个方面的问题：一是党员参与不够；二是服务阵地偏小。"].join("\n"));
    expect(texts(report!.statements, "problem")).toEqual(["党员参与不够", "服务阵地偏小"]);
    expect(ruleIds(report!.statements, "problem")).toEqual(["lead-in-list"]);
  });

  it("label heading: should take what follows 「最突出的问题：」 as the statement", () => {
    const [report] = classify(["一、存在的问题", "（一）最突出的问题：书记后继乏人", "（二）经费不足"].join("\n"));
    expect(texts(report!.statements, "problem")).toEqual(["书记后继乏人", "经费不足"]);
  });

  it("label heading: should take what follows 「思想之困：」 or 「痛点2：」 as the statement, the label being no problem", () => {
    const [report] = classify(["某院党建业务融合调研", "一、融合中存在的短板", "（一）认识之困：“为何融”没想透。有的庭室认为业务是硬任务。", "（二）路径之困：“怎么融”办法少。多数支部还停留在开会学习。"].join("\n"));
    expect(texts(report!.statements, "problem")).toEqual(["“为何融”没想透", "“怎么融”办法少"]);
    const [rural] = classify(["某镇乡村振兴调研", "二、主要困难", "（一）痛点1：村级集体收入“空壳化”，办事缺底气", "多数村没有稳定收入，修路养老都靠上级补助。", "（二）痛点2：村干部年龄偏大，后继乏人", "五十岁以上的村干部占七成。"].join("\n"));
    expect(texts(rural!.statements, "problem")).toEqual(["村级集体收入“空壳化”，办事缺底气", "村干部年龄偏大，后继乏人"]);
  });

  it("shortfall clause: should keep only the shortfall of an item that pairs an achievement with it", () => {
    const [report] = classify(["一、存在的问题", "（一）制度逐步健全，但执行不够严格", "（二）活动场地不足"].join("\n"));
    expect(texts(report!.statements, "problem")).toEqual(["执行不够严格", "活动场地不足"]);
  });

  it("inline-enumeration: should give one problem per element of 存在A、B、C等问题, and none for 解决A、B等问题", () => {
    const [report] = classify("调研发现，支部工作存在学习流于形式、党员管理松散、经费保障不足等问题。要着力解决学习流于形式、管理松散等问题。");
    expect(texts(report!.statements, "problem")).toEqual(["学习流于形式", "党员管理松散", "经费保障不足"]);
  });

  it("inline-enumeration: should start the first element after 暴露出来的 / 浮现出来的, not inside the frame", () => {
    const [report] = classify("近年来，我们在推进支部建设中暴露出来的组织覆盖存在空白、党员年龄偏大、阵地利用不充分等问题，值得重视。");
    // Before: 「来的组织覆盖存在空白」, the rest of the frame word taken for the first element.
    expect(texts(report!.statements, "problem")).toEqual(["组织覆盖存在空白", "党员年龄偏大", "阵地利用不充分"]);
  });

  it("inline-enumeration: should keep 有的 (some) in the first element of 存在有的A、B等问题", () => {
    const [report] = classify("调研发现，机关支部也存在有的支部活动形式单调、学习内容陈旧等问题。");
    expect(texts(report!.statements, "problem")).toEqual(["有的支部活动形式单调", "学习内容陈旧"]);
  });

  it("inline-enumeration: should keep a run of shortfalls within its line, not join the title and the 、 of 「二、」 to it", () => {
    const [report] = classify(["某社区党建工作调研", "二、存在的问题", "当前社区党组织存在活动形式单一、党员参与度低、阵地利用率不高的不足。"].join("\n"));
    const problems = texts(report!.statements, "problem");
    // Before: 「某社区党建工作调研⏎二」 and 「存在的问题⏎当前社区党组织存在活动形式单一」 were elements of one run.
    expect(problems.some((t) => t.includes("\n") || t.includes("调研") || t.includes("存在的问题"))).toBe(false);
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining("活动形式单一"), expect.stringContaining("党员参与度低")]));
  });

  it("inline-enumeration: should keep a run whose parts are too short to stand alone as one problem", () => {
    const [report] = classify("摘要：当前一些村的党支部弱化、虚化、边缘化，亟须引起重视。");
    // Before: only 「当前一些村的党支部弱化」, the two short parts dropped.
    expect(texts(report!.statements, "problem")).toEqual(["当前一些村的党支部弱化、虚化、边缘化"]);
  });

  it("closing-measures: should take the prescriptions of a closing paragraph after the problems", () => {
    const [report] = classify(["一、存在的问题", "1、党员老化", "2、阵地不足", "针对以上问题，镇党委要加大发展党员力度，并应整合活动阵地。"].join("\n"));
    expect(texts(report!.statements, "measure")).toEqual(["要加大发展党员力度", "应整合活动阵地"]);
  });

  it("closing-turn: should read the rest of a line from 下一步…将 after the problems stated on it as measures", () => {
    const [report] = classify("某协会支部工作调研\n此次调研发现，行业支部工作存在两个不足：支部组织不够健全、党员活动开展不够规范。下一步协会将建立党员联络制度，强化活动阵地，努力营造良好氛围。");
    expect(texts(report!.statements, "measure")).toEqual(expect.arrayContaining(["建立党员联络制度", "强化活动阵地"]));
  });

  it("closing-measures: should not take the sentence that promises the measures below it (…应从以下几方面来加强X：)", () => {
    const [report] = classify(["一、存在的问题", "1、党员老化", "2、阵地不足", "针对上述问题，我们认为应当从以下几方面来改进镇村两级的支部工作：", "一要加大发展党员力度。"].join("\n"));
    expect(texts(report!.statements, "measure").some((t) => t.includes("以下几方面"))).toBe(false);
  });

  it("inline-measures: should take 要优化A、建立B、提升C, one measure per element, where the report has no other measures", () => {
    const [report] = classify("摘要：调查发现支部存在设置不合理、活动参与率低等问题。结论：要优化支部设置、建立考评体系、提升教育质量。");
    expect(texts(report!.statements, "measure")).toEqual(["优化支部设置", "建立考评体系", "提升教育质量"]);
  });

  it("inline-measures: should read each run closed by 等…方面 on its own, and read a list that opens with 把", () => {
    const [report] = classify("结论：今后应把结对帮扶纳入考核、健全谈心制度等方面，注重选好支部书记、配强委员、落实经费。");
    // The second run's 、 parts are short verb-object phrases, each an element of the list (gold convention).
    expect(texts(report!.statements, "measure")).toEqual(["把结对帮扶纳入考核、健全谈心制度", "注重选好支部书记", "配强委员", "落实经费"]);
  });

  it("inline-measures: should not read the 要 of 摘要 as a modal, and should end a list at 有利于", () => {
    const [abstract] = classify("某院党建工作研究\n摘要：新时期，全面加强医院党建工作，创新活动载体，完善考核办法，有利于提升组织力。");
    expect(texts(abstract!.statements, "measure")).toEqual([]);
    const [proposal] = classify("某院党建工作研究\n结论：今后要全面加强医院党建工作，创新活动载体，完善考核办法，有利于提升组织力。");
    expect(texts(proposal!.statements, "measure")).toEqual(["全面加强医院党建工作", "创新活动载体", "完善考核办法"]);
  });

  it("polarity-measures: should take a list whose items all open with 需/要 in a report that states no problem, but not a list of 加强… practices", () => {
    const lines = ["做好社区党建与服务融合的几点体会", "一、主要体会", "（一）需增强社区干部对党建引领服务的认识。日常工作中常有人把两者分开。", "（二）需理顺支部活动与居民服务的衔接。两项工作互为支撑。", "（三）需丰富载体把融合落到具体项目上。可以借助志愿服务开展。"];
    const [report] = classify(lines.join("\n"));
    expect(texts(report!.statements, "measure")).toEqual(["需增强社区干部对党建引领服务的认识", "需理顺支部活动与居民服务的衔接", "需丰富载体把融合落到具体项目上"]);
    const practice = lines.map((l) => l.replace(/）需/, "）加强"));
    const [done] = classify(practice.join("\n"));
    expect(texts(done!.statements, "measure")).toEqual([]);
  });

  it("paired-paragraphs: should split 「problem，应 measure」 paragraphs of a report without sections", () => {
    const [report] = classify(["对支部工作的思考", "学习内容照本宣科，应结合岗位确定学习专题。"].join("\n"));
    expect(texts(report!.statements, "problem")).toEqual(["学习内容照本宣科"]);
    expect(texts(report!.statements, "measure")).toEqual(["应结合岗位确定学习专题"]);
  });

  it("polarity-problems: should read the forms a problem heading announces as problems, whatever their own wording", () => {
    const lines = ["某局支部组织生活会情况的调研", "一、部分支部的组织生活会开得质量不高，大体有几种表现形式：",
      "一是念稿子型。会上念材料，念完就散。", "二是拉家常型。东拉西扯谈不到点子上。", "三是表扬会型。只讲做了多少事。",
      "二、几点建议", "一是会前逐一谈心。二是把批评落到具体事上。"];
    const [report] = classify(lines.join("\n"));
    expect(texts(report!.statements, "problem")).toEqual(expect.arrayContaining(["念稿子型", "拉家常型", "表扬会型"]));
    // The same items under a heading that names no shortfall are no problems.
    const [plain] = classify(lines.map((l) => l.replace("开得质量不高，大体有", "的开法有")).join("\n"));
    expect(texts(plain!.statements, "problem")).toEqual([]);
  });

  it("section-cue: should read the shortfall a problem section's lead-in explains by a reason as a problem, the reason as its cause", () => {
    const [report] = classify(["某县机关党建调研", "二、主要问题和成因", "由于各单位人手多少不一，机关党支部建设水平参差不齐。主要问题有：",
      "一是学习制度执行不够严格，表现在：集中学习次数不足，笔记补抄。", "二是支部书记兼职过多。"].join("\n"));
    expect(texts(report!.statements, "cause")).toEqual(["由于各单位人手多少不一"]);
    expect(texts(report!.statements, "problem")).toEqual(expect.arrayContaining(["机关党支部建设水平参差不齐", "学习制度执行不够严格", "支部书记兼职过多"]));
    // A lead-in whose reason is followed by the announcement of the list only gives the cause.
    const [plain] = classify(["某县机关党建调研", "二、存在的主要问题", "由于各单位人手多少不一，主要存在以下问题：", "一是学习制度执行不够严格。", "二是支部书记兼职过多。"].join("\n"));
    expect(texts(plain!.statements, "cause")).toEqual(["由于各单位人手多少不一"]);
    expect(texts(plain!.statements, "problem")).toEqual(["学习制度执行不够严格", "支部书记兼职过多"]);
  });

  it("section-cue: should read every sub-point of an item that counts the ways it shows (「具体表现为两点，一是A。二是B。」)", () => {
    const [report] = classify("某镇外出党员情况调研\n二、存在的问题一是情况难掌握。具体表现为两点，一是支部联系不上外出党员。二是外出党员不主动报到。二是活动难开展。外出党员多年未参加支部活动。");
    expect(texts(report!.statements, "problem")).toEqual(expect.arrayContaining(["情况难掌握", "支部联系不上外出党员", "外出党员不主动报到", "活动难开展"]));
  });

  it("polarity: should read interference of clan, religious or criminal forces as a shortfall, and resisting it as none", () => {
    expect(polarityOf("个别村党组织受宗族势力干扰")).toBe("negative");
    expect(polarityOf("境外宗教势力渗透")).toBe("negative");
    expect(polarityOf("防范宗教势力渗透")).not.toBe("negative");
  });

  it("prose-problems: should read a lone item's short problem heading, not the evidence its body gives for it", () => {
    const [report] = classify(["某镇党校情况调研", "一、乡镇党校现状", "一是形同虚设。多数党校只挂了一块牌子，没有固定教室，任命的校长也从未到岗履职。"].join("\n"));
    expect(texts(report!.statements, "problem")).toEqual(["形同虚设"]);
  });

  it("prose-problems: should not read a visit to a weak village as a finding about it", () => {
    const [report] = classify(["某县调研", "为摸清情况，调研组专门到两个软弱涣散村进行走访。走访发现，村党支部班子不团结，党员长期不过组织生活。"].join("\n"));
    expect(texts(report!.statements, "problem")).not.toContain("专门到两个软弱涣散村进行走访");
    expect(texts(report!.statements, "problem")).toEqual(expect.arrayContaining(["党员长期不过组织生活"]));
  });

  it("prose-problems: should read the shortfalls an umbrella gives as its reasons as the problems (「由于A不健全，B薄弱，…仍有不少问题」)", () => {
    const [report] = classify(["某省非公企业党建研究", "摘要：近年来各地探索了不少做法。同时，由于工作制度不够健全，专职党务力量比较薄弱，非公企业党建仍存在一些问题和短板。为此，亟待通过完善制度、充实力量来加以解决。"].join("\n"));
    expect(texts(report!.statements, "problem")).toEqual(["工作制度不够健全", "专职党务力量比较薄弱"]);
    // Without an umbrella the 由于 clause gives the cause of the problem that follows it, no problem itself.
    const [plain] = classify(["某省非公企业党建研究", "摘要：近年来各地探索了不少做法。由于工作制度不够健全，部分企业党组织长期不开展活动。"].join("\n"));
    expect(texts(plain!.statements, "problem")).toEqual(["部分企业党组织长期不开展活动"]);
  });

  it("inline-measures: should keep the goal a modal prescribes first (「应实现从A到B的转变，建立C，…」)", () => {
    const [report] = classify(["外出党员管理研究", "摘要：近年来，外出党员管理问题日渐突出。研究认为，外出党员管理应实现从“管住”到“管好”的转变，建立流出地与流入地联系制度，定期开展走访慰问，提供外出党员所需的学习资料。"].join("\n"));
    expect(texts(report!.statements, "measure").some((t) => t.startsWith("实现从“管住”到“管好”的转变"))).toBe(true);
  });

  it("inline-enumeration: should read each aspect of 「在A、B以及C等三个方面存在的问题」 as a problem", () => {
    const [report] = classify(["党员活动室建设调研", "本文梳理了某区党员活动室在选址布局、日常管理以及开放利用等三个方面存在的问题，并提出了改进建议。"].join("\n"));
    expect(texts(report!.statements, "problem")).toEqual(["选址布局", "日常管理", "开放利用"]);
  });

  it("inline-measures: should not read a list that a sentence calls ever more important as proposals", () => {
    const lines = ["行业协会党建调研", "一、基本情况", "近年来全市行业协会数量增长较快，但党组织覆盖不够，活动开展不多。因此，加强协会党的领导，规范协会内部管理，发挥协会服务会员的作用，愈发凸显其重要性。"];
    const [report] = classify(lines.join("\n"));
    expect(texts(report!.statements, "measure")).toEqual([]);
    const [proposing] = classify(lines.map((l) => l.replace("，愈发凸显其重要性", "")).join("\n"));
    expect(texts(proposing!.statements, "measure").length).toBeGreaterThan(0);
  });

  it("prose-problems: should read a group opened by 有少数… as one problem described clause by clause, and no place's description as a finding", () => {
    const [report] = classify(["某乡村干部队伍情况", "一、基本情况", "东坡村地处山区，是全县比较偏远落后的一个行政村。全乡村干部总体稳定，但有少数村干部工作松懈，主动性不高，责任意识不强。"].join("\n"));
    expect(texts(report!.statements, "problem")).toEqual(["有少数村干部工作松懈，主动性不高，责任意识不强"]);
  });

  it("lead-in-list: should read 「提出三个方面的建议，一是A；二是B」 in a news item, and the state the inquiry answered (「针对A、B的现状」)", () => {
    const [report] = classify(["县政协委员就社区党建建言", "针对眼下社区党建活动形式老套、党员发展处于停滞的现状，县政协组织委员开展专题调研。调研组提出三个方面的建议，一是完善组织设置，按楼栋成立党小组；二是经常组织文体活动，丰富党员生活；三是抓好党员学习，提升党员素质。"].join("\n"));
    expect(texts(report!.statements, "measure")).toEqual(["完善组织设置，按楼栋成立党小组", "经常组织文体活动，丰富党员生活", "抓好党员学习，提升党员素质"]);
    expect(texts(report!.statements, "problem")).toEqual(["眼下社区党建活动形式老套", "党员发展处于停滞"]);
  });

  it("polarity-measures: should read a measure list the page cuts after its first item (「一是要A。…」 as the last words)", () => {
    const lines = ["某县基层党建调研报告", "存在的主要问题有如下几个方面：一是党建基础薄弱；二是组织生活不经常；三是党务知识缺乏。", "以上问题的存在，有客观原因，也有主观原因。", "一是要提高思想认识，发挥好书记的作用。书记是支部的第一责任人，书记抓得好"];
    const [report] = classify(lines.join("\n"));
    expect(texts(report!.statements, "measure")).toEqual(["要提高思想认识，发挥好书记的作用"]);
  });

  it("inline-measures: should read what 「这也提醒我们…要X」 asks as a measure", () => {
    const [report] = classify(["高校学生党支部理论学习现状调查", "研究发现，学生党支部理论学习存在开展频率较低、保障机制不健全等问题。这也提醒我们对各年级学生党员要区别施教，按专业细化分类管理。"].join("\n"));
    expect(texts(report!.statements, "measure")).toEqual(["区别施教，按专业细化分类管理"]);
  });

  it("closing-measures: should read a news item's plans after 「下一步，X将…」, and a bottleneck met as a shortfall", () => {
    const [report] = classify(["某镇党建引领治理工作调研", "近日，镇党委组织人员到各村开展调研。调研也发现了一些不足，比如有的村办事流程不够简便，个别村的集体经济增收面临瓶颈等。", "下一步，镇党委将持续强化党员教育管理，健全村级议事制度，完善便民服务流程。"].join("\n"));
    expect(texts(report!.statements, "measure")).toEqual(["持续强化党员教育管理", "健全村级议事制度", "完善便民服务流程"]);
    expect(texts(report!.statements, "problem")).toContain("个别村的集体经济增收面临瓶颈");
    expect(polarityOf("帮助村集体突破面临的瓶颈")).not.toBe("negative");
  });

  it("paired-paragraphs: should not read 应付 (going through the motions), 要求 or 需求 as the modal that opens a remedy", () => {
    for (const body of ["有的党员参加学习只是点个卯，应付差事就算完成任务。", "部分支部开展活动缺乏计划，要求上交的材料反复修改。", "一些党员服务群众不够主动，需求收集以后长期没有回音。"]) {
      const [report] = classify(["对支部工作的思考", body].join("\n"));
      expect(texts(report!.statements, "measure")).toEqual([]);
    }
  });

  it("fused heading: should read a section title fused with its body in text without line breaks", () => {
    const [report] = classify("某村调研一、存在的主要问题当前村党支部凝聚力不强，党员长期外出。二、对策建议一是加强流动党员联系，二是非公企业中的党员也要纳入管理。");
    expect(texts(report!.statements, "measure")).toEqual(["加强流动党员联系", "非公企业中的党员也要纳入管理"]);
  });
});

describe("kg extract warnings", () => {
  it("should warn, with the file and line range, about a report in which no problem or no measure was found", async () => {
    // A report of practices and plans only: it states no problem (and kg says so), but it has measures.
    const extraction = await runPipeline(["test/fixtures/shapes/no-problem.txt"]);
    const warning = extraction.diagnostics.find((d) => d.origin === "classify:no-problem");
    expect(warning?.severity).toBe("warning");
    expect(warning?.path).toBe("test/fixtures/shapes/no-problem.txt");
    expect(warning?.message).toMatch(/lines 1-9.*no problem/);
    expect(extraction.diagnostics.some((d) => d.origin === "classify:no-measure")).toBe(false);
  });

  it("should say that the measures may lie beyond a report whose text breaks off", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kg-cut-"));
    const file = join(dir, "cut.txt");
    // A page opening: the problems, then the text stops in the middle of a sentence.
    writeFileSync(file, "关于某镇党员队伍建设的调研报告\n二、存在的问题\n1、党员年龄结构老化。\n2、流动党员管理难度大。\n三、对策建议\n为解决上述问题，我们认为应当从以下几个方面");
    try {
      const extraction = await runPipeline([file]);
      const warning = extraction.diagnostics.find((d) => d.origin === "classify:no-measure");
      expect(warning?.message).toMatch(/no measure found; its text breaks off before its end/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("should give each statement of the extraction JSON a structured rule and a confidence", async () => {
    const json = toExtractionJson(await runPipeline(["test/fixtures/shapes/inline-lists.txt"]));
    const statements = json.documents[0]!.reports[0]!.statements;
    expect(statements.length).toBeGreaterThan(0);
    for (const s of statements) {
      expect(s.rule).toEqual({ id: expect.any(String), detail: expect.any(String) });
      expect(s.confidence).toBeGreaterThan(0);
    }
  });
});

describe("table of contents and label sections", () => {
  it("should take each labelled problem once, where the text gives it, not from the 提纲", () => {
    const [report] = classify(
      ["某村党建调研报告", "目录/提纲：", "一、最普遍的问题：党员年龄老化", "二、最突出的问题：先锋意识淡化", "一、最普遍的问题：党员年龄老化", "全村五十岁以上党员占七成。", "二、最突出的问题：先锋意识淡化", "部分党员只满足于交党费。"].join("\n"),
    );
    expect(of(report!.statements, "problem").map((s) => [s.text, s.line])).toEqual([
      ["党员年龄老化", 5],
      ["先锋意识淡化", 7],
    ]);
  });
});
