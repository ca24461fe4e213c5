import { describe, expect, it } from "vitest";

import { foldText, foldWidth } from "../../src/normalise/index.ts";

describe("foldText", () => {
  it("should turn a traditional report into simplified text of identical length", () => {
    const source = [
      "一、基本情況",
      "全鎮共有黨員1077人，其中女黨員172人；隨著外出務工人員增多，流動黨員管理難度加大。",
      "二、存在的問題",
      "（一）黨組織書記隊伍老化，後繼乏人。",
    ].join("\n");
    const folded = foldText(source);
    expect(folded).toBe(
      [
        "一、基本情况",
        "全镇共有党员1077人,其中女党员172人;随着外出务工人员增多,流动党员管理难度加大。",
        "二、存在的问题",
        "(一)党组织书记队伍老化,后继乏人。",
      ].join("\n"),
    );
    expect(folded.length).toBe(source.length);
  });

  it("should keep offsets: a phrase found in the folded text is the same phrase in the source", () => {
    const source = "前言。\n（三）加強黨風廉政建設責任制的落實。";
    const folded = foldText(source);
    const at = folded.indexOf("党风廉政建设责任制");
    expect(source.slice(at, at + "党风廉政建设责任制".length)).toBe("黨風廉政建設責任制");
  });

  it("should leave simplified text alone, including characters that are also traditional", () => {
    const source = "成效显著,著名专家;乾隆年间;于是。";
    expect(foldText(source)).toBe(source);
  });

  it("should fold full-width ASCII, digits and punctuation and the ideographic space one for one", () => {
    const source = "（１）党员ＡＢＣ：３２名，占１２．５％！\u3000“三会一课”、《党章》。";
    const folded = foldWidth(source);
    expect(folded).toBe("(1)党员ABC:32名,占12.5%! “三会一课”、《党章》。");
    expect(folded.length).toBe(source.length);
  });

  it("should read the double-prime quotes of converted pages (〝…〞, “…〞) as “…”, one for one", () => {
    const source = "存在“说得多，做得少〞的现象，〝一手硬〞也有。";
    const folded = foldText(source);
    expect(folded).toBe("存在“说得多,做得少”的现象,“一手硬”也有。");
    expect(folded.length).toBe(source.length);
  });

  it("should not touch line breaks or characters outside the BMP", () => {
    const source = "𠀀黨\n\n員";
    expect(foldText(source)).toBe("𠀀党\n\n员");
  });

  it("should read the spaces of a page scraped onto one line as the stops they stand for", () => {
    const source = "某街道党建调研 调研中发现有些问题值得重视 “党员活动日”走了过场 不少支部只念一遍文件 在职党员回社区报到不积极 建议把报到情况通报到单位";
    const folded = foldText(source);
    expect(folded).toBe(source.replace(/ /g, "。"));
    expect(folded.length).toBe(source.length);
  });

  it("should leave the spaces of a PDF copied onto one line alone: its pieces are the page's line width, even inside a word", () => {
    const pieces = [
      "近年来，各地在支部工作中积极探索，大胆创新，通过", "品牌打造把难点变成亮点，但在品牌打造过程中，“空",
      "喊口号”“过度包装”等问题不同程度存在，部分亮", "点也沦为“形式主义”，值得警惕，笔者认为，品牌", "打造要找准结合点，力戒搞花架子，注重实际效果",
    ];
    const folded = foldText(pieces.join(" "));
    expect(folded.split(" ")).toHaveLength(pieces.length);
    expect(folded).not.toContain("。");
  });

  it("should leave the stray spaces of text with its stops, of words spaced apart and of keyword lists alone", () => {
    const punctuated = "调研中发现有些问题 值得重视。不少支部只念 一遍文件。在职党员回社区 报到不积极。";
    const words = "调研 中 发现 有些 问题 值得 重视 不少 支部 只 念 文件";
    const keywords = "关键词: 楼宇党建 区域化党建 党建引领 嵌入式治理";
    for (const source of [punctuated, words, keywords]) expect(foldText(source)).toBe(source);
  });
});
