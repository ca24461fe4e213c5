import { describe, expect, it } from "vitest";

import { buildOutline, headingSpan } from "../../src/outline/build-outline.ts";
import { parseChineseNumber, scanMarkers } from "../../src/outline/markers.ts";
import { plainDoc } from "../helpers/doc.fixtures.ts";

function markersOf(text: string) {
  const doc = plainDoc(text);
  return scanMarkers(doc.text, doc.lines, { start: 0, end: text.length });
}

function outlineOf(text: string) {
  const doc = plainDoc(text);
  const markers = scanMarkers(doc.text, doc.lines, { start: 0, end: text.length });
  const heading = (s: { start: number; end: number }) => text.slice(s.start, s.end);
  const show = (nodes: ReturnType<typeof buildOutline>): unknown[] =>
    nodes.map((n) => (n.children.length ? [heading(n.headingSpan), show(n.children)] : heading(n.headingSpan)));
  return show(buildOutline(doc.text, markers, { start: 0, end: text.length }));
}

describe("parseChineseNumber", () => {
  it.each([
    ["三", 3],
    ["十", 10],
    ["十二", 12],
    ["二十", 20],
    ["二十一", 21],
  ])("should read %s as %i", (s, n) => expect(parseChineseNumber(s)).toBe(n));
});

describe("scanMarkers", () => {
  it("should find the usual enumeration styles at line starts", () => {
    const kinds = markersOf("一、基本情况\n（一）总体概况\n1、党员\n(2)支部\n①经费").map((m) => [m.kind, m.ordinal]);
    expect(kinds).toEqual([
      ["cn-dun", 1],
      ["cn-paren", 1],
      ["arabic-dun", 1],
      ["arabic-paren", 2],
      ["circled", 1],
    ]);
  });

  it("should read tortoise-shell brackets 〔一〕 〔2〕 as parenthesised markers", () => {
    const kinds = markersOf("〔一〕思想认识有待提高\n〔2〕支部责任有待压实").map((m) => [m.kind, m.ordinal]);
    expect(kinds).toEqual([
      ["cn-paren", 1],
      ["arabic-paren", 2],
    ]);
  });

  it("should not take numbers inside a sentence for markers", () => {
    expect(markersOf("本科生一、二、三、四年级党员分别为52人、209人，面积4.5平方公里，2023.5月。")).toEqual([]);
  });

  it("should find items that follow a sentence end inside run-on text", () => {
    const found = markersOf("抓好党建促教学。5、加强对共青团的领导。一是建立例会；二是建立台账，三是搭建平台。");
    expect(found.map((m) => m.text)).toEqual(["5、", "一是", "二是", "三是"]);
  });

  it("should keep a lost leading digit as an unnumbered item", () => {
    const [m] = markersOf("、组织建设。");
    expect(m).toMatchObject({ kind: "arabic-dun", ordinal: null });
  });
});

describe("decimal sub-headings", () => {
  it("should read 2.1 / 2.1、 / 2.1.1 at a line start as markers numbered by their last part", () => {
    const found = markersOf("2.1 加强组织建设\n2.2、创新方式\n2.2.1农村干部年龄偏大\n3.1“三会一课”落实").map((m) => [m.kind, m.ordinal]);
    expect(found).toEqual([
      ["arabic-decimal", 1],
      ["arabic-decimal", 2],
      ["arabic-decimal-sub", 1],
      ["arabic-decimal", 1],
    ]);
  });

  it("should not take a decimal figure for a marker, at a line start or inside a sentence", () => {
    expect(markersOf("1.5万名党员参加了培训。\n2.5 亿元投入阵地\n面积4.5平方公里，增长3.2倍。")).toEqual([]);
  });

  it("should nest 2.1 under 二、 and 2.2.1 under 2.2", () => {
    expect(outlineOf("二、对策\n2.1 加强组织建设\n2.2 创新方式\n2.2.1 丰富载体\n2.2.2 用好网络\n2.3 提高服务意识")).toEqual([
      ["对策", ["加强组织建设", ["创新方式", ["丰富载体", "用好网络"]], "提高服务意识"]],
    ]);
  });
});

describe("buildOutline", () => {
  it("should keep a list that changes numbering style half-way as one list", () => {
    expect(outlineOf("四、对策\n1、甲。\n2、乙。\n（三）丙。\n（五）丁。")).toEqual([["对策", ["甲", "乙", "丙", "丁"]]]);
  });

  it("should nest sub-points under their item and end each item at the next sibling", () => {
    expect(outlineOf("三、问题\n1、第一条。一是甲；二是乙。\n2、第二条。")).toEqual([["问题", [["第一条", ["甲", "乙"]], "第二条"]]]);
  });

  it("should split a heading glued to its first item in text without line breaks", () => {
    expect(outlineOf("二、存在的问题1、发展缓慢。2、活动单一。三、建议1、加强发展。")).toEqual([
      ["存在的问题", ["发展缓慢", "活动单一"]],
      ["建议", ["加强发展"]],
    ]);
  });

  it("should number items whose digit was lost by their position", () => {
    const doc = plainDoc("一、做法\n、组织建设。\n2、思想建设。");
    const roots = buildOutline(doc.text, scanMarkers(doc.text, doc.lines, { start: 0, end: doc.text.length }), {
      start: 0,
      end: doc.text.length,
    });
    expect(roots[0]!.children.map((c) => c.ordinal)).toEqual([1, 2]);
  });
});

describe("a page scraped onto one line, a space where each line break was", () => {
  const page =
    "某镇机关党建情况调研报告 根据镇党委安排，调研组走访了各站所，现将情况报告如下 一、基本情况 全镇机关共有党支部八个，党员一百二十名 " +
    "二、存在的问题 （一）学习不够经常 部分支部集中学习次数少，自学缺乏督促 （二）活动载体单一 支部活动多以读文件为主 " +
    "三、几点建议 （一）健全学习制度 每月安排一次集中学习 （二）丰富活动载体 结合业务开展志愿服务";

  it("should find the section and item headings after the spaces, each heading ending at the space before its text", () => {
    expect(outlineOf(page)).toEqual([
      "基本情况",
      ["存在的问题", ["学习不够经常", "活动载体单一"]],
      ["几点建议", ["健全学习制度", "丰富活动载体"]],
    ]);
  });

  it("should not read a range (「一、二年级」) or a number out of sequence after a space as an item", () => {
    const text = "学校党总支组织全体师生开展主题活动，参加的有 一、二年级全体学生和部分家长，活动持续整整一个上午，大家反映效果很好 三、全校师生都写了心得体会";
    expect(markersOf(text).filter((m) => !m.atLineStart)).toEqual([]);
  });

  it("should not look for items after spaces in a short line", () => {
    expect(markersOf("党员 1、2 名 （二）待定").filter((m) => !m.atLineStart)).toEqual([]);
  });
});

describe("a page pasted onto one line with nothing where each line break was", () => {
  // A page that opens in the middle of its list of problems (items 3 and 4), glued to the site's last line.
  const filler = "调查中不少同志反映，这一情况在各单位都不同程度存在，需要引起重视。".repeat(4);
  const page =
    "本页内容仅供参考如需下载请联系客服3、青年党员数量偏少，队伍断档。" + filler +
    "4、支部书记兼职过多，精力分散。" + filler + "以上问题需要认真研究。";

  it("should read consecutive numbers as items though no sentence ends before them", () => {
    expect(markersOf(page).map((m) => m.text)).toEqual(["3、", "4、"]);
  });

  it("should not read a lone number inside such a line as an item", () => {
    const text = "全镇党员共分为" + "两个片区，分别由两名副书记联系，".repeat(12) + "其中第2、党员较多的片区设三个党小组。" + filler;
    expect(markersOf(text).filter((m) => !m.atLineStart)).toEqual([]);
  });

  it("should not look for such items in a line of ordinary length", () => {
    expect(markersOf("报告提到3、青年党员偏少和4、书记兼职过多。").filter((m) => !m.atLineStart)).toEqual([]);
  });

  it("should read decimal sub-headings and bullets inside such a line, and no figure as a heading", () => {
    const line = "一、流动党员管理的现状1.1 基本情况全区外出党员一百二十名，比上年增长1.5倍。" + filler +
      "1.2 存在的问题目前主要有以下问题：• 联系困难：党员分散各地，支部很难联系上。• 参与度低：多数党员很少参加活动。" + filler;
    const got = markersOf(line).map((m) => m.text);
    expect(got).toEqual(["一、", "1.1", "1.2", "•", "•"]);
  });

  it("should read a Markdown dash list inside such a line, its first dash after the list's label, and no hyphen as an item", () => {
    const line = "二、对策建议1. 配强支部班子具体措施- 选好支部书记，把能人选进班子；- 配齐支部委员，补上组织委员空缺；- 建立后备干部名单。" +
      filler + "2. 提高学习实效学习时长从2019-2020年的每月一次增加到每月两次。" + filler;
    const got = markersOf(line).map((m) => m.text);
    expect(got).toEqual(["二、", "1.", "-", "-", "-", "2."]);
  });

  it("should read the first bullet of a list right after its heading on such a line, when the next bullet follows its sentence end", () => {
    const line = "二、对策" + filler + "2.1 配强支部班子• 选好书记:把懂经营的能人选进班子。• 配齐委员:补上组织委员的空缺。" +
      "2.2 改进学习• 线上学习:开设手机课堂。" + filler;
    const got = markersOf(line).map((m) => m.text);
    // The lone bullet of 2.2 has no next one: it stays in its heading's text.
    expect(got).toEqual(["二、", "2.1", "•", "•", "2.2"]);
  });
});

describe("labels numbered in words", () => {
  it("should read 问题一：, 问题二： at a line start as items (as 对策一： and the like), but not the words inside a sentence", () => {
    const text = ["问题一：支部活动偏少", "一些支部一年只开两三次会，党员很少见面。", "问题二：书记兼职过多", "在讨论问题一：是否增设支部时，意见不一。"].join("\n");
    const got = markersOf(text).map((m) => [m.text, m.ordinal]);
    expect(got).toEqual([["问题一：", 1], ["问题二：", 2]]);
    expect(outlineOf(text)).toContain("支部活动偏少");
  });
});

describe("a 一是 sequence on hard-wrapped lines", () => {
  it("should read 三是 at the end of a line as an item whose clause starts the next line", () => {
    const text = ["一是不少党员不亮身份，组织找不到人。二是企业对党员参加活动", "有顾虑，活动难以开展。三是", "“口袋党员”的存在削弱了支部的号召力。"].join("\n");
    const third = markersOf(text).find((m) => m.text === "三是");
    expect(third?.line).toBe(2);
    expect(outlineOf(text)).toContain("“口袋党员”的存在削弱了支部的号召力");
  });

  it("should not read 二是 at the end of a line as an item when no clause follows", () => {
    expect(markersOf(["一是学习不经常。二是", "", "（完）"].join("\n")).map((m) => m.text)).toEqual(["一是"]);
  });
});

describe("dash-pair bullets", () => {
  it("should read 「——X。body」 lines as items of the heading above, and a subtitle 「——以…为例」 as none", () => {
    const text = ["现状及问题", "——人数偏少。全村党员三十名，四十岁以下的只有两名。", "——结构不优。一是文化程度低。二是带富能手少。"].join("\n");
    expect(outlineOf(text)).toEqual(["人数偏少", ["结构不优", ["文化程度低", "带富能手少"]]]);
    expect(markersOf(["某村党员队伍调研", "——以东坡村为例"].join("\n"))).toEqual([]);
  });
});

describe("a list restarting at 一、 under a numbered section heading", () => {
  it("should nest the restarted list under the bare heading above it", () => {
    const text = ["一、现状", "楼宇多，党员散。", "二、不足", "1.底数不清。", "三、对策", "一、摸清底数。", "二、错时活动。", "三、配强力量。"].join("\n");
    expect(outlineOf(text)).toEqual(["现状", ["不足", ["底数不清"]], ["对策", ["摸清底数", "错时活动", "配强力量"]]]);
  });

  it("should keep items beside a heading that has text of its own", () => {
    const text = ["二、不足。各支部情况不一。", "一、底数不清。", "二、活动难开展。"].join("\n");
    expect(outlineOf(text)).toEqual(["不足", "底数不清", "活动难开展"]);
  });
});

describe("a list restarting at 1. under a bare arabic heading", () => {
  it("should stay beside it (a nested table of contents 「2. (二)…」 then 「1. 1.…」 is no section with items)", () => {
    const text = ["1. 现状", "2. 启示", "1. 坚持定位", "2. 促进融合"].join("\n");
    expect(outlineOf(text)).toEqual(["现状", "启示", "坚持定位", "促进融合"]);
  });
});

describe("Markdown list dashes", () => {
  it("should read 「- 」 at a line start as a bullet item of the heading above", () => {
    const text = ["1. 健全谈心制度", "- 明确谈话频次;", "- 建立记录台账。"].join("\n");
    expect(markersOf(text).map((m) => [m.kind, m.text])).toEqual([["arabic-dun", "1."], ["bullet", "-"], ["bullet", "-"]]);
    expect(outlineOf(text)).toEqual([["健全谈心制度", ["明确谈话频次", "建立记录台账"]]]);
  });

  it("should keep 「- 1. 」 one numbered item (the dash is decoration) and a dash inside a line no marker", () => {
    const text = ["- 1. 加强学习", "- 2. 严格管理", "2023-12-01 发布"].join("\n");
    expect(markersOf(text).map((m) => [m.kind, m.text])).toEqual([["arabic-dun", "1."], ["arabic-dun", "2."]]);
  });
});

describe("a heading fused with its paragraph by a space", () => {
  it("should end the heading at the one space between a short phrase and its text", () => {
    const text = "后继乏人 全村党员中六十岁以上的占一半，三十五岁以下的只有两人。";
    expect(text.slice(...spanOf(headingSpan(text, 0, text.length)))).toBe("后继乏人");
  });

  it("should not cut at a space a PDF left inside a line of many such spaces, nor before a short tail", () => {
    const pdf = "对支部在村级治理中 的带头作用看得不清，对书记职责的理 解有偏差，抓支部建设存 在应付心态。";
    expect(text(pdf)).toBe("对支部在村级治理中 的带头作用看得不清，对书记职责的理 解有偏差，抓支部建设存 在应付心态");
    expect(text("组织生活不正常 较多。")).toBe("组织生活不正常 较多");
  });
});

function spanOf(span: { start: number; end: number }): [number, number] {
  return [span.start, span.end];
}

function text(line: string): string {
  return line.slice(...spanOf(headingSpan(line, 0, line.length)));
}
