import { readFile } from "node:fs/promises";

import { describe, expect, it } from "vitest";

import { decodeEntities, htmlToText } from "../../src/ingest/html-to-text.ts";

describe("htmlToText", () => {
  it("should keep the article of a scraped page and drop its chrome", async () => {
    const html = await readFile(new URL("../fixtures/ingest/page-enterprise.html", import.meta.url), "utf8");
    const lines = htmlToText(html).split("\n");
    expect(lines).toEqual([
      "国有企业党建工作调研报告",
      "发布时间：2023-02-10\u3000来源：会员投稿",
      "为深入了解集团公司基层党建工作情况，公司党委于2022年底开展了专题调研，现将情况报告如下。",
      "一、基本情况",
      "集团公司党委下设党总支3个、党支部27个，共有党员 645 名。",
      "二、存在的问题",
      "一是党建与生产经营结合不够紧密；二是部分基层党支部书记由行政负责人兼任，精力投入不足。",
      "三、对策建议",
      "推行“党建+项目”工作法，把支部建在项目上。",
      "配齐配强专职党务干部。",
      "党支部 27个",
      "党员 645名",
    ]);
  });

  it("should skip nested elements of a navigation block up to its own closing tag", () => {
    const html = `<div class="main-menu"><div><a>首页</a></div><div><a>范文</a></div></div><p>正文第一段</p>`;
    expect(htmlToText(html)).toBe("正文第一段");
  });

  it("should keep a space between Latin words split across source lines", () => {
    expect(htmlToText("<p>Word\ndocument 与\n文档</p>")).toBe("Word document 与文档");
  });

  it("should decode numeric and named entities and leave unknown ones as written", () => {
    expect(decodeEntities("&#20826;&#x5EFA; &lt;a&gt; &foo; &amp;")).toBe("党建 <a> &foo; &");
  });
});

describe("htmlToText on sloppy markup", () => {
  it("should keep the page when a navigation element is never closed", () => {
    const html = `<div class="nav"><a>首页</a><p>一、基本情况</p><p>全镇共有党员412名。</p>`;
    expect(htmlToText(html)).toBe("首页\n一、基本情况\n全镇共有党员412名。");
  });

  it("should treat a self-closed navigation element as empty", () => {
    expect(htmlToText(`<div class="menu"/><p>正文</p>`)).toBe("正文");
  });
});

// Issue 10, fault 4: the old regex walk rewound to every unclosed chrome element (quadratic: an
// unclosed <nav> at 234 KB took 74 s) and its tag pattern backtracked on "<a " runs (100k: 129 s).
// At 1 MB each of these must simply finish; the timeout only guards against a hang.
describe("htmlToText on 1 MB of pathological markup (linear)", () => {
  const MB = 1 << 20;
  const repeat = (unit: string) => unit.repeat(Math.ceil(MB / unit.length));

  it("should keep the text of a page made of unclosed <nav> elements", { timeout: 60_000 }, () => {
    const text = htmlToText(repeat("<nav>党员"));
    expect(text.length).toBeGreaterThan(MB / 4);
    expect(text.replaceAll("党员", "")).toBe("");
  });

  it("should keep the article after one unclosed <nav> holding a megabyte of paragraphs", { timeout: 60_000 }, () => {
    const lines = htmlToText(`<nav><a>首页</a>${repeat("<p>一、存在的问题</p>")}`).split("\n");
    expect(lines[0]).toBe("首页");
    expect(lines.length).toBeGreaterThan(40_000);
    expect(new Set(lines.slice(1))).toEqual(new Set(["一、存在的问题"]));
  });

  it("should read a megabyte of '<a ' (one tag that never ends) as no text", { timeout: 60_000 }, () => {
    expect(htmlToText(`<p>正文</p>${repeat("<a ")}`)).toBe("正文");
  });

  it("should drop closed navigation blocks and keep the text between them, at 1 MB", { timeout: 60_000 }, () => {
    const lines = htmlToText(repeat('<div class="nav"><a>首页</a></div><p>党员</p>')).split("\n");
    expect(lines.length).toBeGreaterThan(20_000);
    expect(new Set(lines)).toEqual(new Set(["党员"]));
  });

  it("should survive 100k unclosed <div> followed by 100k unmatched end tags", { timeout: 60_000 }, () => {
    expect(htmlToText(`${"<div>党".repeat(100_000)}${"</span>".repeat(100_000)}`)).toBe("党\n".repeat(100_000).trimEnd());
  });
});
