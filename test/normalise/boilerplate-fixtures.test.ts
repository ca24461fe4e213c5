import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { readDocuments } from "../../src/ingest/index.ts";
import { DEFAULT_BOILERPLATE_RULES, normaliseDocument } from "../../src/normalise/index.ts";
import { segmentDocument } from "../../src/segment/segment.ts";
import type { NormalisedDocument, SourceDocument } from "../../src/types.ts";
import { statementsOf } from "../helpers/statements.ts";

const FIXTURES = fileURLToPath(new URL("../fixtures/ingest/", import.meta.url));

async function load(name: string): Promise<NormalisedDocument> {
  const { documents } = await readDocuments([FIXTURES + name]);
  return normaliseDocument(documents[0]!).document;
}

function normalise(text: string): NormalisedDocument {
  const source: SourceDocument = { path: "inline.txt", sha256: "", encoding: "utf-8", text };
  return normaliseDocument(source).document;
}

function noiseLines(doc: NormalisedDocument): number[] {
  const lines: number[] = [];
  for (const r of doc.noise.filter((n) => n.wholeLines)) for (let l = r.startLine; l <= r.endLine; l++) lines.push(l);
  return lines.sort((a, b) => a - b);
}

/** The first line of each report segment finds in a normalised page. */
function reportStarts(doc: NormalisedDocument): number[] {
  return segmentDocument(doc).reports.map((r) => r.startLine);
}

function lineText(doc: NormalisedDocument, line: number): string {
  const l = doc.lines[line - 1]!;
  return doc.source.text.slice(l.start, l.end);
}

describe("page boilerplate in other site styles", () => {
  it("should mark breadcrumb, metadata, prev/next links, related list, copyright, permalink and share prompt", async () => {
    const doc = await load("page-school-portal.txt");
    expect(noiseLines(doc)).toEqual([1, 3, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
    expect(lineText(doc, 2)).toBe("某某小学党支部建设情况调研报告");
    expect(lineText(doc, 15)).toBe("以上报告，请审阅。");
  });

  it("should work on traditional characters and keep the first copy of a doubled title, where the report starts", async () => {
    const doc = await load("page-village-traditional.txt");
    const noise = noiseLines(doc);
    expect(noise).toEqual([1, 2, 4, 5, 15, 16, 17, 18, 19]);
    expect(lineText(doc, 3)).toBe("關於某鎮農村基層黨組織建設的調研報告");
    expect(reportStarts(doc)).toEqual([3]);
  });

  it("should mark the chrome of a reposted public-account article", async () => {
    const doc = await load("page-wechat-organ.txt");
    expect(noiseLines(doc)).toEqual([2, 3, 13, 14, 15, 16, 17, 18, 19, 20, 21]);
    expect(lineText(doc, 1)).toBe("某某区直机关党建工作调研报告");
  });

  it("should leave only the page metadata line of an HTML article after ingest", async () => {
    const doc = await load("page-enterprise.html");
    expect(noiseLines(doc)).toEqual([2]);
    expect(lineText(doc, 2)).toMatch(/^发布时间/);
  });

  it("should never mark report headings (even repeated), short items, signatures or Chinese dates", () => {
    const report = [
      "关于某社区党建工作的调研报告",
      "一、基本情况",
      "社区党委下设党支部5个。",
      "二、存在的问题",
      "（一）党员老龄化",
      "（二）活动阵地不足",
      "三、对策建议",
      "1、加强队伍建设",
      "2、拓展活动阵地",
      "一、基本情况",
      "二、存在的问题",
      "（一）党员老龄化",
      "① 组织生活",
      "第一部分 总体情况",
      "某社区党委",
      "2023年3月15日",
      "调研报告",
      "调研报告",
    ].join("\n");
    const doc = normalise(report);
    // Only the second of two adjacent identical title lines is chrome.
    expect(noiseLines(doc)).toEqual([18]);
  });

  it("should never mark ordinary report lines that mention downloads, reading, sharing or dates", () => {
    const lines = [
      "同志们：",
      "调研组",
      "附件：党员年龄结构统计表",
      "表1 党员年龄结构",
      "社区推行“扫一扫”评价服务，群众满意度明显提高。",
      "组织党员下载学习强国APP，每日阅读不少于30分钟。",
      "支部每月开展一次主题党日活动，关注党员思想动态。",
      "相关部门要加强协作，形成合力。",
      "更新观念，创新方法。",
      "作为基层党组织，我们必须坚持问题导向。",
      "××镇党委",
      "2023年5月20日",
      "谢谢大家！",
    ];
    expect(noiseLines(normalise(["一、基本情况", ...lines].join("\n")))).toEqual([]);
    // Also at the very top of a page, where the header-block rule looks.
    expect(noiseLines(normalise(lines.join("\n")))).toEqual([]);
  });

  it("should keep a report title that opens the page, even with a date line under it", () => {
    const doc = normalise("某镇党委关于基层党建的调研报告\n2022-05-06\n为了解全镇基层党建情况，镇党委开展了调研。\n一、基本情况");
    expect(noiseLines(doc)).toEqual([2]);
  });

  it("should not mistake a sentence listing mechanisms for a row of category links", () => {
    const doc = normalise("坚持三会一课 · 民主评议党员 · 主题党日 · 组织生活会制度,取得实效。\n党委 | 党总支 | 党支部");
    expect(noiseLines(doc)).toEqual([]);
  });

  it("should take rules from a user rule file when given", () => {
    const source: SourceDocument = { path: "x.txt", sha256: "", encoding: "utf-8", text: "本站提示:仅供参考\n一、基本情况" };
    const rules = structuredClone(DEFAULT_BOILERPLATE_RULES);
    rules.lineRules.push({ id: "site-tip", maxLength: 20, patterns: ["^本站提示:"] });
    const { document } = normaliseDocument(source, { boilerplate: rules });
    expect(document.noise.map((n) => n.rule)).toEqual(["boilerplate:site-tip"]);
  });
});

describe("page chrome before the first report of a page", () => {
  it("should start a collection page's first report at its own title, not at the breadcrumb, the collection's title or the site's blurb", () => {
    const page = [
      "某某范文网 > 报告范文 > 调研报告",
      "",
      "村级党组织建设调研报告5篇",
      "",
      "本篇收录的几篇报告由网友精心整理编辑的党建调研范例汇成，供各位参考。但愿下面的内容对你有所帮助。喜欢请收藏!",
      "",
      "村级党组织建设调研报告篇1",
      "",
      "一、基本情况",
      "全镇下辖村党支部十二个，党员三百余名，其中六十岁以上的占四成多。",
      "二、存在的问题",
      "（一）后备力量不足",
    ].join("\n");
    const doc = normalise(page);
    expect(noiseLines(doc)).toEqual([1, 3, 5]);
    expect(segmentDocument(doc).reports[0]!.startLine).toBe(7);
  });

  it("should split a collection page at each report's 篇一/篇二 label, with the page's date and source line left out", () => {
    const body = (topic: string, unit: string) =>
      [
        `${topic}是学校工作的重要组成部分，近年来各校在这方面做了不少工作，但从这次调研看，还存在一些需要正视的短板，现分述如下。`,
        "一、学习不够系统",
        `有的${unit}学习只读文件，缺少讨论，党员参与的热情不高，学用脱节的情况比较常见。`,
        "二、制度执行不严",
        `个别${unit}的组织生活时开时停，记录代替落实，考核也多停留在纸面上。`,
      ];
    const page = [
      "学校党建工作中的短板（3篇）",
      "时间：2024-05-06 09:10:11 范文大全 来源：网友投稿",
      "篇一：学校党建工作中的短板",
      ...body("中小学党建", "学校支部"),
      "篇二：高校院系党建工作中的短板",
      ...body("院系党建", "教工支部"),
    ].join("\n");
    const doc = normalise(page);
    expect(noiseLines(doc)).toEqual([1, 2]);
    const reports = segmentDocument(doc).reports;
    expect(reports.map((r) => r.startLine)).toEqual([3, 9]);
    expect(reports[1]!.title).toBe("高校院系党建工作中的短板");
    expect(reports[0]!.title).toBe("学校党建工作中的短板");
  });

  it("should start at a bracketed 【篇1】 label after a column's click count and the site's blurb", () => {
    const page = [
      "支部建设存在的问题及原因（通用3篇）",
      "教育动态  点击：  2022-09-05",
      "支部建设是基层党建的基础工程。下面为大家整理了支部建设方面的文章3篇，欢迎品鉴！",
      "【篇1】支部建设存在的问题及原因",
      "（一）存在的问题",
      "调研发现，部分支部的组织生活不够规范，党员教育流于形式。",
    ].join("\n");
    const doc = normalise(page);
    expect(noiseLines(doc)).toEqual([1, 2, 3]);
    const [report] = segmentDocument(doc).reports;
    expect(report!.startLine).toBe(4);
    expect(report!.title).toBe("支部建设存在的问题及原因");
  });

  it("should set aside an author's name and affiliation at the top of a journal page", () => {
    const page = [
      "周 立",
      "（某某师范学院马克思主义学院，某省 某市 410000）",
      "高校教师党支部是学校党建的基本单元，其组织力的强弱直接决定了党的教育方针在课堂上能否落地，本文就调查所见谈几点看法。",
      "一、存在的问题",
    ].join("\n");
    const doc = normalise(page);
    expect(noiseLines(doc)).toEqual([1, 2]);
    expect(segmentDocument(doc).reports[0]!.startLine).toBe(3);
    // A name straight before the body goes too; a section word or a title does not.
    expect(noiseLines(normalise(page.split("\n").filter((_, i) => i !== 1).join("\n")))).toEqual([1]);
    expect(noiseLines(normalise(["前言", ...page.split("\n").slice(2)].join("\n")))).toEqual([]);
    expect(noiseLines(normalise(["调研报告", ...page.split("\n").slice(2)].join("\n")))).toEqual([]);
  });

  it("should start at a title that names no topic when its subtitle does and both are printed twice", () => {
    const page = [
      "从各自为战到握指成拳",
      "——关于某区机关党建与业务融合的调研思考",
      "2024-05-06 10:21 | 来源:某区机关工委",
      "",
      "从各自为战到握指成拳",
      "",
      "——关于某区机关党建与业务融合的调研思考",
      "",
      "某区机关工委课题组",
      "今年以来，课题组走访了全区二十个机关单位，发现党建与业务融合还有不少短板，现把调研所见报告如下。",
      "一、存在的问题",
    ].join("\n");
    const doc = normalise(page);
    expect(reportStarts(doc)).toEqual([1]);
    expect(noiseLines(doc)).toEqual(expect.arrayContaining([5, 7]));
    expect(noiseLines(doc)).not.toContain(1);
  });

  it("should set aside a running header (调查报告) between the halves of a sentence cut at a page break, and still read the problems before it", () => {
    const page = [
      "某镇村级班子调研",
      "一、村级班子现状",
      "全镇多数村两委班子健全，工作正常开展。个别村的班子凝聚力弱，上级交办的工作也能完成，但是村务会议不能按时召开，代表们议事的积极性不高，群众对班子有些意见，",
      "调查报告",
      "例如东村、西村等。三是个别村宗族矛盾突出，意见难统一。",
    ].join("\n");
    const doc = normalise(page);
    expect(noiseLines(doc)).toEqual([4]);
    const found = statementsOf(doc).filter((st) => st.kind === "problem").map((st) => st.text);
    expect(found).toContain("村务会议不能按时召开");
    // Not a title over the text, nor a line alone at the top.
    expect(noiseLines(normalise(["调查报告", page.split("\n")[2]!].join("\n")))).toEqual([]);
  });

  it("should set aside the numbers of a document site's preview chunks (1、 2、 opening long lines, cut mid-sentence), not items", () => {
    const first = "1、某村支部组织生活调研 引言：" + "组织生活是支部加强党员教育管理的重要途径，这次调研走访了全镇十二个村的支部，".repeat(5) + "发现一些村的支部";
    const second = "2、,组织生活形式单一，多是读报纸念文件，党员参与的热情不高。" + "有的支部一年只开两三次会，会议记录也不完整，".repeat(9);
    const doc = normalise([first, second].join("\n"));
    const chunks = doc.noise.filter((n) => n.rule === "boilerplate:preview-chunk").map((n) => doc.text.slice(n.span.start, n.span.end));
    expect(chunks).toEqual(["1、", "2、"]);
    // The preview's last chunk may be short when it runs on from a chunk that broke off mid-sentence.
    const keywords = "1、支部建设的问题与对策 摘要：" + "针对支部建设的现状进行了分析，并提出了改进的对策。".repeat(8) + "关键词：支部;对策;";
    const middle = "2、对策研究。" + "支部是党在基层的战斗堡垒，作用不可替代。".repeat(10) + "一、支部建设存在";
    const tail = "3、的问题（一）组织生活不规范。一些支部活动少。";
    const cut = normalise([keywords, middle, tail].join("\n"));
    expect(cut.noise.filter((n) => n.rule === "boilerplate:preview-chunk").map((n) => cut.text.slice(n.span.start, n.span.end))).toEqual(["1、", "2、", "3、"]);
    // A report's own numbered paragraphs, each a whole sentence, keep their numbers.
    const own = ["1、" + "支部组织生活不够规范，有的支部一年只开两三次会。".repeat(10), "2、" + "党员教育方式单一，多是读报纸念文件，效果不好。".repeat(10)];
    expect(normalise(own.join("\n")).noise.filter((n) => n.rule === "boilerplate:preview-chunk")).toEqual([]);
    // Nor those that end on a semicolon, one item running into the next.
    const semicolons = own.map((line) => line.replace(/。$/, "；"));
    expect(normalise(semicolons.join("\n")).noise.filter((n) => n.rule === "boilerplate:preview-chunk")).toEqual([]);
  });

  it("should set aside three authors with a spaced name and two numbered affiliations, and a 文/name line", () => {
    const body = "这几年，某州以基层党组织建设引领乡村治理，成效初显，但短板也不少，本文结合调研谈几点认识。";
    const page = ["王某某,李某,赵 明", "(1.某某学院马克思主义学院,某省某市 661100;2.中共某州委组织部,某省某市 661100)", body, "一是组织引领不够。"];
    const doc = normalise(page.join("\n"));
    expect(noiseLines(doc)).toEqual([1, 2]);
    expect(reportStarts(doc)).toEqual([3]);
    const byline = normalise(["文/周晓梅", body].join("\n"));
    expect(noiseLines(byline)).toEqual([1]);
    // A line of topics set apart by commas is no list of names.
    expect(noiseLines(normalise(["党建引领,乡村治理,集体经济", body].join("\n")))).toEqual([]);
  });

  it("should mark a line of injected spam and a font-size widget over the report, not a report line that names such words once", () => {
    const page = [
      "久久精品视频在线观看,午夜不卡一区二区,亚洲欧美日韩国产",
      "",
      "关于社区党建工作的几点思考",
      "字号：大 中 小",
      "近年来，某区以网格为单元推进社区党建，这次调研走访了十个社区。",
      "一、存在的问题",
      "部分社区的成人教育和党员教育各搞一套，精品课程少。",
    ].join("\n");
    expect(noiseLines(normalise(page))).toEqual([1, 4]);
  });


  it("should start the report at its title, not at a lone lost-character mark left between the spam and the title", () => {
    const page = [
      "午夜精品一区二区,久久不卡在线视频,亚洲日韩国产",
      "",
      "        ?",
      "",
      "        高校学生党支部组织力提升的路径研究",
      "        2021-03-05 08:12:30",
      "高校学生党支部是学校最基层的党组织。调研发现，部分支部组织生活流于形式。",
      "……",
      "一、主要问题",
    ].join("\n");
    const doc = normalise(page);
    expect(reportStarts(doc)).toEqual([5]);
    expect(noiseLines(doc)).toEqual([1, 3, 6]);
    // Lines with a word in them are never this rule's, however short, nor an ellipsis that says the page was cut.
    expect(noiseLines(normalise(["一、问题", "?", "党员少。", "(1)", "A.", "3"].join("\n")))).toEqual([2]);
  });

  it("should set aside a company site's banner over an English section label, but never a report title over one", () => {
    const page = [
      "共建美丽家园",
      "共建美丽家园",
      "让每一个村庄都有好日子",
      "Latest Project News",
      "基层组织是乡村发展的根基，只有支部坚强有力，产业和治理才有依靠，下面说说我们走访中看到的情况。",
      "(一)难点一:村党支部班子老化,带动力弱",
    ].join("\n");
    const doc = normalise(page);
    expect(noiseLines(doc)).toEqual([1, 2, 3, 4]);
    expect(reportStarts(doc)).toEqual([5]);
    // A journal page's Chinese title over a short English line keeps its title.
    const journal = ["农村党支部带头人队伍建设调研报告", "Village Party Leaders", page.split("\n")[4]!].join("\n");
    expect(reportStarts(normalise(journal))).toEqual([1]);
  });

  it("should set aside a follow label and the publisher's line over a title that names no genre", () => {
    const page = [
      "关注:",
      "某省委宣传部主管 某某理论杂志社主办",
      "",
      "让村支部重新聚起人气",
      "",
      "作者:某某 来源:某某理论 发布日期:2020年05月06日",
      "",
      "  村支部有没有人气，要看年轻人愿不愿意向它靠拢，我们在镇里走了十几个村，听到的说法大同小异。",
    ].join("\n");
    const doc = normalise(page);
    expect(noiseLines(doc)).toEqual([1, 2, 6]);
    expect(reportStarts(doc)).toEqual([4]);
    // A salutation or an editor's label over the text is the report's, not the page's.
    expect(reportStarts(normalise(["各党支部:", page.split("\n")[7]!.trim()].join("\n")))).toEqual([1]);
  });

  it("should start the report at a title ending on 途径, under the site's column label and login row", () => {
    const page = [
      "教育资讯",
      "登录        在线咨询",
      "中职学校支部建设的意义与途径",
      "发布日期:2021-05-06    文章来源:互联网",
      "摘 要: 中职学校加强支部建设，有利于办好职业教育，本文结合走访谈几点认识。",
    ].join("\n");
    expect(reportStarts(normalise(page))).toEqual([3]);
  });

  it("should start the report at a title ending on 应对, under a column of share and bookmark buttons", () => {
    const page = [
      "• 收藏",
      "  • 加入书签",
      "添加成功",
      "分享",
      "",
      "县级医院支部书记队伍建设的难点及应对",
      "",
      "王某",
      "某某医院",
      "",
      "摘要:支部书记是医院党建的骨干，本文走访了五家县级医院，梳理了书记队伍建设的难点，并提出了应对之策。",
    ].join("\n");
    expect(reportStarts(normalise(page))).toEqual([6]);
  });

  it("should start the report at a title behind a journal's column label of up to ten characters and a bar", () => {
    const page = [
      "示例站点",
      "",
      "某某学刊•观察 |张某:社区支部引领物业服务的现实难题与破解路径",
      "",
      "发布者:编辑甲发布时间:2024-03-01浏览次数:12",
      "",
      "[摘要]",
      "",
      "近年来，小区物业纠纷增多，社区支部如何引领物业服务成为基层治理的一道难题，本文结合调研提出思路。",
    ].join("\n");
    expect(reportStarts(normalise(page))).toEqual([3]);
  });

  it("should start the report at the first copy of a title printed twice on one line above the title's own line", () => {
    const page = ["写作助手，一键生成公文! 立即体验", "", "关于社区物业党建的调研报告关于社区物业党建的调研报告", "", "关于社区物业党建的调研报告", "",
      "近年来，小区物业纠纷增多，社区支部牵头成立业委会党小组，取得了一些成效，也暴露出一些问题。"].join("\n");
    expect(reportStarts(normalise(page))).toEqual([3]);
  });

  it("should set aside a journal page's author, keywords and classification lines when no title is printed, but not under a title", () => {
    const body = "新形势下，事业单位的支部工作有了长足发展，但在组织设置、党员教育等方面仍存在不少困难，本文试作分析。";
    const doc = normalise(["王某某", "关键词:事业单位;支部;困境", "中图分类号:D267 文献标识码:A 文章编号:1000-0000(2020)01-0001-03", body].join("\n"));
    expect(noiseLines(doc)).toEqual([1, 2, 3]);
    expect(reportStarts(doc)).toEqual([4]);
    const titled = normalise(["事业单位支部工作的困境与应对", "关键词:事业单位;支部;困境", body].join("\n"));
    expect(reportStarts(titled)).toEqual([1]);
  });

  it("should set aside a byline 「□文|某某」, 「■某某」 or 「○ 某某」 over the text", () => {
    const body = "高校教工支部建设关系到学校发展的方方面面，本文结合走访情况谈谈现状与问题，并提出几点建议。";
    expect(noiseLines(normalise(["□文|李某某", body].join("\n")))).toEqual([1]);
    expect(noiseLines(normalise(["■李某某", body].join("\n")))).toEqual([1]);
    expect(noiseLines(normalise(["○ 李某某", body].join("\n")))).toEqual([1]);
  });

  it("should start a journal page that prints no title at its abstract's text, under the abstract's label alone on a line", () => {
    const abstract = "乡镇机关支部普遍存在活动少、覆盖弱的情况，对此，要理顺管理体制，配强支部书记，确保整顿见到实效。";
    const doc = normalise(["摘要", abstract, "出处", "《某某研究》"].join("\n"));
    expect(noiseLines(doc)).toEqual([1]);
    expect(reportStarts(doc)).toEqual([2]);
    // Under a title the label stays in the report, which starts at the title.
    expect(reportStarts(normalise(["乡镇机关支部建设的几点思考", "摘要", abstract].join("\n")))).toEqual([1]);
  });

  it("should set aside a row of authors' names over an abstract's label, a name of five characters among them, and a label with a lost character", () => {
    const abstract = "摘? 要:牧区嘎查的支部覆盖面广、服务半径大，调查发现存在活动流于形式、动员能力弱等问题，对此应强化支部建设。";
    const doc = normalise(["乌云其木格 巴特尔 李某", abstract, "关键词:牧区;支部"].join("\n"));
    expect(noiseLines(doc)).toEqual([1]);
    expect(reportStarts(doc)).toEqual([2]);
    // Not over a body paragraph: four-character words side by side are keywords, not names (guard).
    expect(noiseLines(normalise(["党建引领 乡村治理 集体经济", "近年来，某县以支部为核心推进乡村治理，取得了一定成效，但也存在不少问题。"].join("\n")))).toEqual([]);
  });

  it("should start at the title under a site's name and column labels, and under phone and online-consulting rows", () => {
    const body = "近年来，各地积极打造支部工作品牌，但也有一些品牌只换了名字，内容照旧。";
    expect(reportStarts(normalise(["某某党建网 理论园地 支部论坛", "", "打造支部品牌要把握好几个方面", "", body].join("\n")))).toEqual([3]);
    expect(reportStarts(normalise(["13800000000 在线咨询 在线咨询", "13800000000 在线咨询", "", "为什么老式支部网站跟不上时代", "", body].join("\n")))).toEqual([4]);
  });

  it("should start at the first copy of a title printed again with quotation marks", () => {
    const page = ["关于支部三会一课质量的几点思考", "关于支部“三会一课”质量的几点思考", "“三会一课”是支部组织生活的基本制度，但一些支部开会流于形式，质量不高。"].join("\n");
    expect(reportStarts(normalise(page))).toEqual([1]);
  });

  it("should set aside a research group's name alone over the text, as a byline", () => {
    const body = "近年来，全市各级党组织把抓支部的担子扛在肩上，但调研发现，有的单位压力传导层层递减。";
    const doc = normalise(["某某市委组织部课题组", body].join("\n"));
    expect(noiseLines(doc)).toEqual([1]);
    expect(reportStarts(doc)).toEqual([2]);
  });

  it("should start at the title under a counter row (1 1 1) and under a search bar of two parts", () => {
    const body = "近年来，某区以支部为单位推行“吹哨报到”，但基层治理仍面临部门协作不畅、力量不足等难题。";
    expect(reportStarts(normalise(["手机版", "2 0 5", "", "吹哨报到的几点启示", "", body].join("\n")))).toEqual([4]);
    expect(reportStarts(normalise(["首页 | 本刊首页   官方微博 | 高级检索", "     检索      ", "", "吹哨报到的几点启示", body].join("\n")))).toEqual([4]);
  });

  it("should start the report at a title ending on 意义, under a site's welcome line and a gambling advertisement", () => {
    const page = ["某市物业协会欢迎您!", "某某娱乐城·人生就是搏!_活动88", "行业信息", "", "党建引领物业服务融入社区治理的现实意义", "",
      "作者:协会秘书处 日期:2024-02-01 人气:9", "", "物业服务是社区治理的重要一环，社区支部引领物业服务，有利于化解小区矛盾。"].join("\n");
    expect(reportStarts(normalise(page))).toEqual([5]);
  });

  it("should start the report at a title with the site's word count after it, over the same title", () => {
    const body = "    按照县委的部署，组织部抽调人员对全县村级组织建设进行了专题调研，现将有关情况报告如下。";
    const page = ["关于村级组织建设的专题调研报告(全文2860字)", "", "关于村级组织建设的专题调研报告", body].join("\n");
    expect(reportStarts(normalise(page))).toEqual([1]);
  });

  it("should start the report at the second copy of a title printed over a document site's rows and again under them", () => {
    const page = ["关于机关支部工作的调研报告", "VIP专免", "2024-05-06", "21.5KB", "8 页", "海报", "侵权投诉", "关于机关支部工作的调研报告",
      "近期，机关工委组织人员深入各部门，就支部工作与业务工作结合的情况进行了调研，现将情况报告如下。"].join("\n");
    expect(reportStarts(normalise(page))).toEqual([8]);
  });

  it("should set aside a place and byline over the page's date, source and share lines", () => {
    const page = ["某省某县 王 某", "2014年3月2日09:10 来源:某某网-某某报", "“扫一扫”添加“学习平台” 微信号:xxxx |",
      "远程教育站点建起来以后，一些村的收看却流于形式，党员干部学习的积极性不高，值得深思。"].join("\n");
    expect(reportStarts(normalise(page))).toEqual([4]);
    // Blank lines between them change nothing.
    expect(reportStarts(normalise(page.split("\n").join("\n\n")))).toEqual([7]);
  });

  it("should set aside an author's affiliation alone over the abstract's label, but not a title", () => {
    const abstract = "摘要:县直单位的支部工作近年有所加强，但仍有薄弱之处，本文结合走访情况作初步分析。";
    const doc = normalise(["某某市水利管理局某某分局", abstract, "关键词:支部;机关"].join("\n"));
    expect(noiseLines(doc)).toEqual([1]);
    expect(reportStarts(doc)).toEqual([2]);
    expect(reportStarts(normalise(["县直机关支部工作调研", abstract].join("\n")))).toEqual([1]);
  });

  it("should set aside the site's name over a collection's title that a line rule already set aside", () => {
    const page = [
      "中学范文网",
      "",
      "学校支部建设问题与对策探讨(精选6篇)",
      "",
      "时间: 2023-03-01 栏目:调研报告",
      "",
      "学校支部建设问题与对策探讨篇1",
      "",
      "学校的党支部工作近年有了不少起色，但与新要求相比仍有差距，本文略作分析。",
    ].join("\n");
    const doc = normalise(page);
    expect(noiseLines(doc)).toEqual(expect.arrayContaining([1, 3, 5]));
    expect(reportStarts(doc)).toEqual([7]);
  });

  it("should set aside a site's navigation row (「网站首页 | 网站地图」) and a column path parted by spaced slashes", () => {
    const body = "    近来，我们就社区党组织的工作开展了调研，发现党员发展偏慢，活动形式较为单一。";
    expect(reportStarts(normalise(["欢迎访问本站!", "工作动态 / 基层党建", "", "委员为社区党建工作建言", "", body].join("\n")))).toEqual([4]);
    expect(reportStarts(normalise(["网站首页 | 网站地图", "工作动态 / 基层党建", "", "委员为社区党建工作建言", "", body].join("\n")))).toEqual([4]);
  });

  it("should set aside a table of contents under its label at the page's top, the report starting after it", () => {
    const page = [
      "目录/提纲:……",
      "一、思想上重视不够,着力解决支部书记不愿抓党建的问题",
      "一是把党务当作副业",
      "二是会议记录代替工作",
      "二、加强培训,着力解决支部书记不会抓党建的问题",
      "……",
      "我局共有六个党支部，支部书记多由科室负责人兼任。今年我们对各支部书记履职情况作了一次调查。",
      "一、思想上重视不够,着力解决支部书记不愿抓党建的问题",
      "有的书记认为业务是硬任务，党务是软任务。",
    ].join("\n");
    const doc = normalise(page);
    expect(noiseLines(doc)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(reportStarts(doc)).toEqual([7]);
    // A 提纲 label over a paragraph heads the text: nothing is set aside.
    expect(noiseLines(normalise(["提纲：", "我局共有六个党支部，支部书记多由科室负责人兼任。今年作了一次调查。", "一、存在的问题", "有的书记认为党务是软任务。"].join("\n")))).toEqual([]);
  });

  it("should read a title ending on 精选范文 (or 范文大全) as a collection's, the report starting at its first member's label", () => {
    const page = [
      "走访调查报告精选范文",
      "走访调查报告精选范文",
      "组织建设是基础，本站小编给您收集了几篇走访调查报告，供参考。",
      "走访调查报告1",
      "今年春天，我们走访了县里的六个村，了解村党支部的工作情况。",
      "一、存在的问题",
      "村党支部书记年龄偏大，后备力量不足。",
    ].join("\n");
    expect(reportStarts(normalise(page))).toEqual([4]);
    expect(reportStarts(normalise(page.replace(/精选范文/g, "范文大全")))).toEqual([4]);
  });

  it("should set aside a document site's release, size and page rows, its notice and its 文档介绍 label", () => {
    const page = [
      "- 2022-06-18 发布 |",
      "- 52.1 KB |",
      "- 6页",
      "申明敬告: 本站只提供存储空间，不核对文档的内容是否完整、是否准确，因文档内容引起的任何后果本站概不负责，请读者自行甄别后使用。",
      "文档介绍",
      "2021年某区楼宇党建工作调研报告",
      "2021年某区楼宇党建工作调研报告 这几年，某区楼宇经济发展较快，楼宇党建仍有不少短板。",
    ].join("\n");
    const doc = normalise(page);
    expect(noiseLines(doc)).toEqual([1, 2, 3, 4, 5]);
    expect(reportStarts(doc)).toEqual([6]);
    // Another site's rows: counts, an estimate of words and pages, a release place and a report link.
    const other = ["- 0", "- 3", "- 约2万字", "- 约 12页", "- 2025-11-03 发布于江苏", "- 举报", "论村级党组织书记队伍的建设", "本文摘要", "村书记队伍近年有所加强，但年龄偏大、后继乏人的情况仍较普遍。"];
    const doc2 = normalise(other.join("\n"));
    expect(noiseLines(doc2)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(reportStarts(doc2)).toEqual([7]);
  });

  it("should read an author's name over the page's date as a byline, and the site's 本站为你整理 preface as its own", () => {
    const byline = ["张晓", "2025-03-09 14:20", "近年来，某社区在物业小区中推行党建联建，居民和物业之间的矛盾明显减少。", "一、主要做法"];
    const doc = normalise(byline.join("\n"));
    expect(noiseLines(doc)).toEqual([1, 2]);
    expect(reportStarts(doc)).toEqual([3]);
    // A short heading over a date is no name.
    expect(noiseLines(normalise(["存在问题", ...byline.slice(1)].join("\n")))).toEqual([2]);
    // The name over an affiliation that ends on its city and postcode, without brackets.
    const affiliated = ["周小青", "某某大学 外国语学院，杭州 310018", "高校学生党员的发展质量事关长远。近年来少数学院的发展工作重数量、轻质量，培养考察流于形式。"];
    const doc4 = normalise(affiliated.join("\n"));
    expect(noiseLines(doc4)).toEqual([1, 2]);
    expect(reportStarts(doc4)).toEqual([3]);
    // Two names over an affiliation parted by spaces (unit, region, city, postcode).
    const spaced = ["刘某 王某某", "某某县公安局 某某省 某某县 830000", "县局所属基层支部共九个，党员八十余名。近年来支部建设有进步，但支部书记多为兼职，抓党建的精力不足。"];
    expect(reportStarts(normalise(spaced.join("\n")))).toEqual([3]);
    // A 范文 site's heading (its name, a column, the title with 范文), the title with 范文 again, the site's preface, then
    // the report's own title: the report starts at its own title.
    const sample = ["某某网 资料文库 社区党建品牌建设探析范文", "社区党建品牌建设探析范文", "本站小编为大家精选了社区党建品牌建设探析参考范文，愿这些范文能启发你的写作。欢迎深入阅读并收藏。", "社区党建品牌建设探析", "摘要：社区党建品牌是凝聚居民的载体，但一些社区品牌同质化、重创建轻运营。"];
    const sampled = normalise(sample.join("\n"));
    expect(noiseLines(sampled)).toEqual([1, 2, 3]);
    expect(reportStarts(sampled)).toEqual([4]);
    // A thumbnail's label and the journal's name in English over the title are the page's.
    const journal = ["缩略图", "Science and Rural Affairs", "", "村级组织带头人培养的难点与突破", "", "作者", "", "王某", "", "某某县委组织部 某某省 某某县 063700", "", "引言：", "", "村党组织书记队伍总体稳定，但年龄偏大、后继乏人。"];
    expect(reportStarts(normalise(journal.join("\n")))).toEqual([4]);
    // A breadcrumb whose steps are parted by >> (the last one long) is the site's.
    const crumb = ["某某党建网>>党建>>“全省基层党建优秀案例”征集展示活动", "", "某县某镇：“三联三促”激活集贸市场党建", "", "一、背景", "集贸市场商户流动频繁，党员分散，组织生活难以开展。"];
    expect(reportStarts(normalise(crumb.join("\n")))).toEqual([3]);
    // A contributor's disclaimer over the title is the site's.
    const disclaimer = ["本文系作者原创投稿，仅供学习参考，请勿照搬照抄！", "关于某局机关党建的调研报告", "机关党建是基础。近年来有进步，但还有差距。"];
    expect(reportStarts(normalise(disclaimer.join("\n")))).toEqual([2]);
    // A name over a feature story that opens on a quotation.
    const story = ["陈明", "“这次党课有意思，一点也不枯燥！”", "这是某县中学党员活动的一个片段。县里的学校党建有进步，但“两张皮”的情况还不少。"];
    expect(reportStarts(normalise(story.join("\n")))).toEqual([2]);
    const preface = ["前言:本站为你整理了几篇社区支部工作的调研范文,供写作时参考。", "一、基本情况:", "某社区有党员八十名。"];
    expect(reportStarts(normalise(preface.join("\n")))).toEqual([2]);
    // A preface that asks a question, says the site gathered the piece for you and wishes it brings you ideas.
    const asking = ["前言:还在为调研文章发愁?我们特意为您整理了机关支部建设的参考范文,希望能给你带来写作思路和参考,敬请阅读。", "机关支部书记是支部工作的关键。近年来支部书记轮岗频繁,经验难以积累。"];
    const doc3 = normalise(asking.join("\n"));
    expect(noiseLines(doc3)).toEqual([1]);
    expect(reportStarts(doc3)).toEqual([2]);
  });

  it("should set aside a page of somebody's story pasted into the article (我/他/她, nothing of party building), not the report's own narrative", () => {
    const story = "那年冬天我刚满十八岁，背着行李去了南方的小城。我在一家面馆帮人端盘子，每天要站十几个小时。后来我遇见了阿强，他比我大两岁，在隔壁的修鞋铺当学徒，手艺很好。他常常在打烊后陪我走回出租屋，给我讲他老家山里的事情。有一回下大雨，他把唯一的伞塞给我，自己淋着雨跑回去，第二天就发起了高烧。";
    const page = ["某县述职评议工作调研", "一、述职评议中发现的问题", "一些书记述职避重就轻，整改不到位。", story, "1. 述职内容空泛"].join("\n");
    const doc = normalise(page);
    expect(noiseLines(doc)).toEqual([4]);
    // A member's own account of the village, told in the first person, names what it is about: it stays.
    const account = "我到村里任第一书记已经两年了。刚来时村党支部班子不团结，我挨家挨户走访，他们说最盼的是修路。我和村委会商量后，他们同意先修通村里的主路，她们妇女小组也出了不少力。这两年村里的变化群众都看在眼里，大家对支部的信任也慢慢回来了，我们又接着办起了合作社。";
    expect(noiseLines(normalise(["某村驻村工作调研", account].join("\n")))).toEqual([]);
  });

  it("should set aside numbered members-only notices and a 栏目 > title crumb under the text, not start a second report there", () => {
    const page = [
      "关于某街道网格员队伍建设的调研报告",
      "一、存在的问题",
      "网格员流动频繁。其一，年轻人留不住；其二，待遇偏低。",
      "2. 为保护作者权益，部分文章需要会员才能查看",
      "3. 本站资源均来源于用户上传，侵权请告知后删除",
      "报告汇报 >关于某街道网格员队伍建设的调研报告",
    ].join("\n");
    const doc = normalise(page);
    expect(noiseLines(doc)).toEqual([4, 5, 6]);
    expect(reportStarts(doc)).toEqual([1]);
  });
  it("should mark a site's navigation bar, a breadcrumb without separators, a mobile-version link and a date with its read count", () => {
    const page = [
      "某某网首页|论坛|客户端|投稿|邮箱",
      "我的位置 > 首页 > 党建研究",
      "首页范文调研报告",
      "手机版",
      "2021-03-02     人阅读",
      "关于街道党建工作的调研报告",
      "近年来，某街道以党建引领社区治理，这次调研走访了辖区六个社区。",
      "一、存在的问题",
    ].join("\n");
    expect(noiseLines(normalise(page))).toEqual([1, 2, 3, 4, 5]);
    // A report line that names a home page or a forum with a | in it is no navigation bar (guard).
    expect(noiseLines(normalise("一、基本情况\n社区开设了“党员论坛|议事厅”栏目，首页发布支部动态。"))).toEqual([]);
  });

  it("should mark a members-only wall, a resource label and a date with a view count, and read a report cut off at an ellipsis as truncated", () => {
    const page = [
      "资源描述",
      "社区党建工作现状的调研报告",
      "2022-03-11 183",
      "一、存在的问题",
      "1、组织覆盖不全，管理有漏洞。一是辖区新建小区多，党员底数不清。部分小区…………",
      "全文共2100字，仅限本站会员阅读",
      "访客请先【点此注册】成为会员",
      "尚未登录的读者请【登录网站】后阅读",
    ].join("\n");
    const doc = normalise(page);
    expect(noiseLines(doc)).toEqual([1, 3, 6, 7, 8]);
    const [report] = segmentDocument(doc).reports;
    expect([report!.startLine, report!.endLine, report!.truncated]).toEqual([2, 5, true]);
  });

  it("should start at the report's title under a book's details, and keep its subtitle and keyword line", () => {
    const page = [
      "- 基层党建工作年度观察",
      "- 张某 李某主编",
      "- 6120字",
      "- 2023-11-02 10:20:30",
      "新时期村级党组织组织力提升的对策研究",
      "——以某县十二个行政村为例",
      "作者：王某 赵某",
      "关键词：组织力；村级党组织；对策",
      "一、引言",
    ].join("\n");
    // (The author line is page metadata, as anywhere.)
    expect(noiseLines(normalise(page))).toEqual([1, 2, 3, 4, 7]);
    // A short section heading that names the topic is no title (guard): the report's own title stays the start.
    const sections = "某县直属机关党建调研报告\n机关党建的几个特点\n县直机关各级党组织围绕中心工作开展了结对帮扶等活动，取得了一定成效。";
    expect(noiseLines(normalise(sections))).toEqual([]);
  });

  it("should mark a bracketed site tag over an untitled report", () => {
    const doc = normalise("【www.example-fanwen.com 调研】\n\n  一、基本情况\n  全村共有党员四十二名，其中外出务工的十一名。");
    expect(noiseLines(doc)).toEqual([1]);
    expect(segmentDocument(doc).reports[0]!.startLine).toBe(3);
  });

  it("should set aside a bulleted site menu above a collection's title and start at the (篇一) label; and not take a |-separated field row for the title", () => {
    const menu = ["• 工作总结", "  • 心得体会", "  • 报告材料", "  • 当前位置: 文库 > 材料 > 正文"];
    const page = [
      ...menu,
      "    支部标准化建设调研报告三篇",
      "    时间:2021-04-20 11:24:25 来源:资料库",
      "    (篇一)",
      "    按照上级部署，我们对全镇二十个支部的标准化建设情况开展了调研，现将情况汇报如下。",
      "    一、存在的问题",
    ].join("\n");
    const doc = normalise(page);
    expect(noiseLines(doc)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(segmentDocument(doc).reports[0]!.startLine).toBe(7);
    const fields = normalise("整顿后进支部调研报告\n网站:素材库 | 时间:2019-06-22 17:46:23 | 移动端:整顿后进支部调研报告\n麻绳最容易从细处断，基层党建也是如此，这次调研走访了十个支部。\n一、主要表现");
    expect(noiseLines(fields)).toEqual([2]);
  });

  it("should mark a document site's numbered download notice and its help line, and start at the whole title under a title split word by word", () => {
    const page = [
      "温馨提示:",
      "1. 文件里如有数学公式、PPT动画，在线预览时版式可能错乱",
      "2. 文档由用户上传，版权归上传者所有，本站仅作存储",
      "3. 下载前请阅读全文，看是否符合您的需求",
      "网站客服:4001234567",
      "社区",
      "党支部",
      "调研",
      "报告",
      "社区党支部调研报告",
      "为了解辖区党支部的建设情况，街道党工委组织了这次调研，现将情况报告如下。",
      "一、基本情况",
    ].join("\n");
    const doc = normalise(page);
    expect(noiseLines(doc)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(reportStarts(doc)).toEqual([10]);
    // A report's own numbered item that mentions downloads stays (guard).
    expect(noiseLines(normalise("一、主要做法\n1. 组织党员下载学习强国APP，每日阅读不少于30分钟。"))).toEqual([]);
  });

  it("should set aside a collection title in brackets (【范例3篇】) and start at the first member's 【第一篇】 title", () => {
    const page = [
      "村级党组织建设调研报告【范例3篇】",
      "村级党组织建设调研报告【第一篇】",
      "一、存在的问题",
      "1、支部班子年龄偏大，后备力量不足。多数村支部书记年过五十。",
      "2、组织生活不够规范。部分支部三会一课记录不全。",
    ].join("\n");
    const doc = normalise(page);
    expect(noiseLines(doc)).toEqual([1]);
    const { reports } = segmentDocument(doc);
    expect(reports.map((r) => r.startLine)).toEqual([2]);
  });

  it("should start at a title that ends on 出路 or opens with 浅析, with the site's menu rows and links above it set aside", () => {
    const page = [
      "设为首页 加入收藏",
      "新闻   政务   文化   教育   体育",
      " 首 页    政策解读   基层动态    理论园地    关于我们 ",
      "山区村党建的难点与出路",
      "发布日期:2022-03-01",
      "山区村人口外流严重，党组织活动难以开展，本文结合两个村的情况作一分析。",
      "一、存在的问题",
    ].join("\n");
    const doc = normalise(page);
    expect(reportStarts(doc)).toEqual([4]);
    const other = normalise(["理论前沿", "浅析机关支部党建与业务融合不够的问题", "机关支部中党建与业务脱节的现象仍然存在，值得重视。", "一、主要表现"].join("\n"));
    expect(reportStarts(other)).toEqual([2]);
  });

  it("should start at the first copy of a title printed again with a word less, and at a title printed twice whatever word it ends on", () => {
    const near = normalise(["对街道党建“上热下冷”现象的调研报告", "", "街道党建“上热下冷”现象的调研报告", "上热下冷是指上级重视而基层应付的现象，本文对此作一分析。", "一、主要表现"].join("\n"));
    expect(noiseLines(near)).toEqual([3]);
    expect(reportStarts(near)).toEqual([1]);
    const twice = [
      "APP下载",
      "城郊村党组织建设：现状与展望",
      "——来自某县的问卷数据",
      "2019-05-06 某县党建研究课题组",
      "某县党建研究课题组",
      "城郊村党组织建设：现状与展望",
      "——来自某县的问卷数据",
      "某县党建研究课题组",
      "城郊村人口流动大，党组织建设面临新的情况，课题组为此做了问卷调查。",
      "一、基本情况",
    ].join("\n");
    expect(reportStarts(normalise(twice))).toEqual([2]);
  });

  it("should set aside a document site's file name, field rows, share labels, blurb and tag line over a report on one line", () => {
    const page = [
      "分享",
      "2022年社区党支部建设情况的调研.docx",
      "下载文档",
      "ID:88231",
      "大小:21.0KB",
      "页数:4页",
      "格式:DOCX",
      "收藏 分享赚钱",
      "《2022年社区党支部建设情况的调研.docx》由会员分享，可以在线阅读全文，相关文档请在某某文库上搜索。",
      "2022 社区 党支部 建设 情况 调研",
      "社区党支部建设情况的调研   为摸清辖区支部的情况，街道党工委开展了调研。一、存在的问题（一）支部书记年龄偏大。（二）活动经费不足。",
    ].join("\n");
    const doc = normalise(page);
    expect(noiseLines(doc)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(reportStarts(doc)).toEqual([11]);
  });

  it("should set aside a Q&A page's question and answer labels, and a byline of several names", () => {
    const qa = normalise(["支部调研报告怎么写", "我来回答", "发布网友", "发布时间:2024-03-01 10:20", "共1个回答", "最佳答案", "时间:2024-03-02 08:15", "我镇村级党组织总体是好的，但与新任务相比，还有一些不适应的地方。", "(一)村干部年龄偏大。"].join("\n"));
    expect(reportStarts(qa)).toEqual([8]);
    const names = normalise(["张某某+++李某", "[摘要] 本文以某县非公企业为例，通过问卷和访谈，分析了非公企业党建工作在组织覆盖、活动开展和作用发挥上面临的困难，并提出了对策。", "一、存在的问题"].join("\n"));
    expect(noiseLines(names)).toContain(1);
    expect(reportStarts(names)).toEqual([2]);
  });

  it("should set aside a document viewer's page titles (…_第2页), its read-so-far line, download and copyright lines, and a greeting", () => {
    const page = [
      "您好，欢迎访问某某文库",
      "乡镇学校党建情况调研报告_第1页",
      "乡镇学校党建情况调研报告_第2页",
      "已阅读2页，剩余1页未读，继续阅读",
      "下载本文档",
      "版权说明：文档由网友上传，收益归上传者所有",
      "文档简介",
      "1、乡镇学校党建情况调研报告这几年，乡镇学校党组织建设有了新的进展，但也存在支部活动少、党员发展慢等问题。",
    ].join("\n");
    const doc = normalise(page);
    expect(noiseLines(doc)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(reportStarts(doc)).toEqual([8]);
  });

  it("should start a collection page at its first member's label when the page's title names no count, and not take 范文一 for a byline", () => {
    const page = ["村级党建工作问题与对策", "", "时间:2024-05-06 10:11:12 浏览量:", "", "篇一：村级党建工作问题与对策", "", "村级党建是基层工作的基础，但目前还存在不少短板。", "一、存在的问题"].join("\n");
    const doc = normalise(page);
    expect(reportStarts(doc)).toEqual([5]);
    const other = normalise(["乡镇党建调研报告两篇", "范文一", "基层组织是党在乡镇各项工作的根基，本文就我镇情况作一调查。", "一、主要问题"].join("\n"));
    expect(reportStarts(other)).toEqual([2]);
  });

  it("should set aside a site name with 首页 and start at a title that ends on 工作汇报", () => {
    const doc = normalise(["某某素材网 首页", "", "县教育局党组关于党建工作情况的工作汇报", "", "2024-03-05 某某素材网", "根据县委巡察组的要求，现将教育系统党建工作情况报告如下：", "一、总体情况"].join("\n"));
    expect(reportStarts(doc)).toEqual([3]);
  });

  it("should set aside a bulleted site menu whose last item names the report, and start at the title below it", () => {
    const page = [
      "首页 范文 工作总结 心得体会 述职报告 演讲稿",
      "  • 工作总结",
      "  • 心得体会",
      "  • 述职报告",
      "  • 2023年乡镇卫生院党建工作调研报告",
      "    时间:2023-05-06 10:11:12 来源:某某阅读网",
      "    相关热词搜索:卫生院 党建",
      "    0 2023 年乡镇卫生院党建工作调研报告",
      "    为了解乡镇卫生院党建工作情况，县卫健局党委组织了这次调研，走访了十二家卫生院。",
    ].join("\n");
    expect(reportStarts(normalise(page))).toEqual([8]);
    // A bulleted title under a bulleted breadcrumb stays the title (guard).
    const two = normalise(["• 当前位置:某某网 >> 党建 >> 正文", "  • 街道党建工作存在的问题与对策", "    时间:2012年03月04日 来源:其他", "    近年来，街道党工委坚持抓基层打基础，取得了一定成效，但也存在一些问题。"].join("\n"));
    expect(reportStarts(two)).toEqual([2]);
  });

  it("should set aside a journal page's citation, funding and article history, and a column's label before a bar", () => {
    const page = [
      "某某大学学报  2021, Vol. 9 Issue (2): 10-18",
      "引用本文",
      "张某, 李某. 楼宇党建的新探索——基于某区的调查[J]. 某某大学学报, 2021, 9(2): 10-18.",
      "ZHANG Mou, LI Mou. A New Exploration of Party Building in Office Buildings: A Survey of One District and Its Lessons for Practice.",
      "基金项目",
      "某省社会科学基金资助项目，编号甲乙丙丁，由某省社会科学规划办公室于二〇二〇年批准立项并资助研究经费。",
      "收稿日期: 2020-09-01",
      "楼宇党建的新探索——基于某区的调查",
      "张某 , 李某",
      "摘要：楼宇党建是城市基层党建的新领域，本文以某区为例，分析了楼宇党建存在的覆盖不全等问题。",
    ].join("\n");
    expect(reportStarts(normalise(page))).toEqual([8]);
    const column = normalise(["行业动态", "", "征文 | 当前物业行业党建工作中存在的问题和解决对策", "", "发布人:站长     发布时间:2021-01-02 00:00:00.0", "", "一、基本情况"].join("\n"));
    expect(reportStarts(column)).toEqual([3]);
  });

  it("should read a long first line over an abstract's label or a collection's title as the site's description", () => {
    const abstract = normalise([
      "社区是城市基层治理的基本单元，社区党组织肩负着联系群众、服务群众、凝聚群众的职责，其建设水平直接影响治理成效和群众的获得感。",
      "[摘要]本文以某市三个社区为例，分析了社区党组织在引领治理中存在的覆盖不全、力量不足等问题。",
      "[关键词]社区党建，基层治理",
    ].join("\n"));
    expect(reportStarts(abstract)).toEqual([2]);
    const collection = normalise([
      "写好一份调研报告需要事先做好计划，深入实地走访，认真整理材料，这里为大家收集了一些范例，供参考和借鉴，希望对您有帮助。",
      "村党支部调研报告(通用12篇)篇一",
      "村级组织运转情况的调查为摸清全镇村级组织运转的实情，镇党委组织人员走访了十个村。",
    ].join("\n"));
    expect(reportStarts(collection)).toEqual([3]);
    // A report's own first paragraph over its first section stays (guard).
    const own = normalise(["为摸清全镇村党支部的建设情况，镇党委组织人员走访了十个村，召开座谈会八场，收回问卷三百份，有关情况简述于后。", "一、基本情况"].join("\n"));
    expect(reportStarts(own)).toEqual([1]);
  });

  it("should mark a preview label over the title", () => {
    const doc = normalise("内容预览：\n社区党建工作的调查和思考\n最近，我们通过问卷和座谈了解了辖区党建情况。\n一、现状");
    expect(noiseLines(doc)).toEqual([1]);
    expect(segmentDocument(doc).reports[0]!.startLine).toBe(2);
  });
});

describe("page boilerplate in text that lost its line breaks", () => {
  it("should mark the glued chrome inline and leave the report sentences alone", () => {
    const text =
      "更新时间:2023-06-19 17:07:59 发布时间:24小时内 作者:文/会员上传 下载docx某镇党委关于基层党建的调研报告。" +
      "下面是小编为大家整理的党建调研报告范文,欢迎大家借鉴与参考。一、基本情况全镇共有党员412名。" +
      "二、存在的问题党员老龄化。将本文的Word文档下载到电脑推荐度:";
    const doc = normalise(text);
    const marked = doc.noise.map((n) => text.slice(n.span.start, n.span.end));
    expect(marked).toEqual([
      "更新时间:2023-06-19 17:07:59",
      "发布时间:24小时内",
      "作者:文/会员上传",
      "下载docx",
      "下面是小编为大家整理的党建调研报告范文,欢迎大家借鉴与参考。",
      "将本文的Word文档下载到电脑",
      "推荐度:",
    ]);
    expect(doc.noise.every((n) => !n.wholeLines)).toBe(true);
  });

  it("should find inline chrome in a run-on line that starts with an enumerated heading", () => {
    const text = "一、基本情况全校共有党员52名。example-fanwen.com二、存在的问题组织生活不规范。";
    const doc = normalise(text);
    expect(doc.noise.map((n) => [n.wholeLines, text.slice(n.span.start, n.span.end)])).toEqual([[false, "example-fanwen.com"]]);
  });
});
