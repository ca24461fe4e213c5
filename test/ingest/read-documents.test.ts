import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import iconv from "iconv-lite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { readDocuments } from "../../src/ingest/index.ts";
import { normaliseDocument } from "../../src/normalise/index.ts";
import { buildDocx, paragraph, table } from "./docx.fixtures.ts";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "kg-ingest-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function put(relative: string, content: string | Buffer): Promise<string> {
  const path = join(dir, relative);
  await mkdir(join(path, ".."), { recursive: true });
  await writeFile(path, content);
  return path;
}

describe("readDocuments", () => {
  it("should read files in each legacy encoding and record the encoding used", async () => {
    const gbk = await put("gbk.txt", iconv.encode("一、存在的问题\r\n党员发展缓慢。", "gbk"));
    const big5 = await put("big5.txt", iconv.encode("一、存在的問題\r\n黨員發展緩慢。", "big5"));
    const utf16 = await put("utf16.txt", iconv.encode("二、对策建议\n加强学习。", "utf-16le", { addBOM: true }));
    const bom = await put("bom.md", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("三、原因分析\r思想认识不足。")]));
    const { documents, diagnostics } = await readDocuments([gbk, big5, utf16, bom]);
    expect(documents.map((d) => [d.encoding, d.text])).toEqual([
      ["gb18030", "一、存在的问题\n党员发展缓慢。"],
      ["big5", "一、存在的問題\n黨員發展緩慢。"],
      ["utf-16le", "二、对策建议\n加强学习。"],
      ["utf-8-bom", "三、原因分析\n思想认识不足。"],
    ]);
    expect(diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(diagnostics.find((d) => d.path === gbk)?.message).toContain("gb18030");
  });

  it("should hash the raw bytes and keep the path as given", async () => {
    const bytes = iconv.encode("党建调研报告\r\n正文", "gbk");
    const path = await put("a.txt", bytes);
    const { documents } = await readDocuments([path]);
    expect(documents[0]!.path).toBe(path);
    expect(documents[0]!.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
  });

  it("should walk folders recursively in code-point order, skipping hidden and unsupported files", async () => {
    for (const name of ["b.txt", "a/z.md", "a/y.HTML", "A.txt", "10.txt", "9.txt", ".hidden.txt", "notes.pdf", "a/.git/x.txt", "c/d/e.docx"]) {
      await put(name, name.endsWith(".docx") ? await buildDocx(paragraph("正文")) : `<p>${name}</p>`);
    }
    const first = await readDocuments([dir]);
    const second = await readDocuments([dir]);
    const relative = first.documents.map((d) => d.path.slice(dir.length + 1));
    expect(relative).toEqual(["10.txt", "9.txt", "A.txt", "a/y.HTML", "a/z.md", "b.txt", "c/d/e.docx"]);
    expect(second.documents.map((d) => d.path)).toEqual(first.documents.map((d) => d.path));
    expect(first.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });

  it("should read an explicitly named file with another extension as text, once even if named twice", async () => {
    const path = await put("report.log", "一、基本情况");
    const { documents } = await readDocuments([path, path]);
    expect(documents.map((d) => d.text)).toEqual(["一、基本情况"]);
  });

  it("should give one error diagnostic per unreadable path and still load the others", async () => {
    const good = await put("good.txt", "一、基本情况\n党员32人。");
    const corrupt = await put("broken.docx", Buffer.from("this is not a zip archive"));
    const binary = await put("image.txt", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    const missing = join(dir, "missing.txt");
    const { documents, diagnostics } = await readDocuments([missing, corrupt, good, binary]);
    expect(documents.map((d) => d.path)).toEqual([good]);
    const errors = diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => d.path)).toEqual([missing, corrupt, binary]);
    for (const error of errors) {
      expect(error.origin).toMatch(/^ingest:/);
      expect(error.message).not.toContain("\n");
      expect(error.message.length).toBeGreaterThan(5);
    }
    expect(errors[0]!.message).toContain("no such file");
  });

  it("should read a Word file that was given a .txt name", async () => {
    const path = await put("misnamed.txt", await buildDocx(paragraph("一、基本情况")));
    const { documents } = await readDocuments([path]);
    expect(documents.map((d) => [d.encoding, d.text])).toEqual([["docx", "一、基本情况"]]);
  });

  it("should name a PDF given by name instead of reading it as Chinese text", async () => {
    const pdf = await put("report.pdf", Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n", "latin1"));
    const { documents, diagnostics } = await readDocuments([pdf]);
    expect(documents).toEqual([]);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: "error", path: pdf, origin: "ingest:decode" })]);
    expect(diagnostics[0]!.message).toMatch(/PDF/);
  });

  it("should warn about an empty file and skip it", async () => {
    const empty = await put("empty.txt", "\r\n  \n");
    const { documents, diagnostics } = await readDocuments([empty]);
    expect(documents).toEqual([]);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: "warning", path: empty, origin: "ingest:empty" })]);
  });

  it("should turn a .docx into one line per paragraph and per table row", async () => {
    const body = [
      paragraph("关于学校党建工作的调研报告"),
      paragraph("一、", "基本情况"),
      paragraph("学校有党员32人，其中女党员", "12", "人。"),
      table([
        ["党支部", "3个"],
        ["党员", "32名"],
      ]),
      paragraph("二、存在的问题"),
    ].join("");
    const path = await put("report.docx", await buildDocx(body));
    const { documents, diagnostics } = await readDocuments([path]);
    expect(diagnostics).toEqual([]);
    expect(documents[0]!.encoding).toBe("docx");
    expect(documents[0]!.text.split("\n")).toEqual([
      "关于学校党建工作的调研报告",
      "一、基本情况",
      "学校有党员32人，其中女党员12人。",
      "党支部 3个",
      "党员 32名",
      "二、存在的问题",
    ]);
  });

  it("should drop scripts, styles and navigation from .html and keep block line breaks", async () => {
    const html = `<html><head><meta charset="gbk"><title>站点标题</title><style>p{color:red}</style></head><body>
<nav><a href="/">首页</a><a href="/a">工作总结</a></nav>
<div id="breadcrumb">首页 &gt; 调研报告</div>
<h1>村级党组织建设调研报告</h1>
<p>全镇共有党员1077人，
其中女党员172人。</p><script>alert("下载")</script>
<div>一、基本情况<br>二、存在的问题</div>
<ul><li>发展党员&amp;培养骨干</li><li>加强&ldquo;三会一课&rdquo;</li></ul>
<footer>版权所有 &copy; 某网站</footer></body></html>`;
    const path = await put("page.htm", iconv.encode(html, "gbk"));
    const { documents } = await readDocuments([path]);
    expect(documents[0]!.encoding).toBe("gb18030");
    expect(documents[0]!.text.split("\n")).toEqual([
      "村级党组织建设调研报告",
      "全镇共有党员1077人，其中女党员172人。",
      "一、基本情况",
      "二、存在的问题",
      "发展党员&培养骨干",
      "加强“三会一课”",
    ]);
  });

  it("should read the seed page saved as .docx, as .html and as GBK text to the same lines and the same noise", async () => {
    const seed = readFileSync(new URL("../../seeds/000_d566339e5b9149bf.txt", import.meta.url), "utf8");
    const lines = seed.split("\n");
    const escape = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    const html = `<html><head><title>t</title><script>var x = "<p>no</p>";</script></head><body><nav>首页 | 范文</nav>${lines
      .map((l) => `<p>${escape(l)}</p>`)
      .join("\n")}<footer>版权所有</footer></body></html>`;
    const paths = [
      await put("seed.docx", await buildDocx(lines.map((l) => paragraph(l)).join(""))),
      await put("seed.html", html),
      await put("seed-gbk.txt", iconv.encode(seed.replace(/\n/g, "\r\n"), "gbk")),
    ];
    const { documents, diagnostics } = await readDocuments(paths);
    expect(diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(documents.map((d) => d.encoding)).toEqual(["docx", "utf-8", "gb18030"]);
    for (const doc of documents) {
      expect(doc.text).toBe(seed);
      const noise = normaliseDocument(doc).document.noise.filter((n) => n.wholeLines);
      expect(noise.map((n) => [n.startLine, n.endLine])).toEqual([[1, 1], [2, 6], [7, 7], [8, 8], [9, 13], [14, 14], [149, 149], [256, 256], [257, 257]]);
    }
  });
});
