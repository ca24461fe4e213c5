/*
 * The bad-input kinds of the attack suite (attack.ts). Each `make` writes its input into `dir` (our
 * own words and synthetic bytes only) and returns the paths to give `kg import`, which also gets a
 * good report after them. Optional `args` are extra flags; `check` may add a kind-specific verdict.
 */
import { execFileSync } from "node:child_process";
import { chmod, mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";

import iconv from "iconv-lite";
import JSZip from "jszip";

import type { Run } from "./attack.ts";

export interface BadInput {
  name: string;
  make: (dir: string) => Promise<string[]>;
  args?: string[];
  hangMs?: number;
  check?: (run: Run, graph: unknown) => Promise<string | undefined> | string | undefined;
}

const REPORT = "关于某街道社区党建工作的调研报告\n一、存在的问题\n1.部分党员参加组织生活不积极。\n2.阵地建设经费不足。\n二、对策建议\n1.落实三会一课制度。\n2.加大经费投入。\n";
const MB = 1024 * 1024;

async function put(dir: string, name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

const one = (name: string, content: () => string | Buffer | Promise<string | Buffer>) => async (dir: string) => [await put(dir, name, await content())];

function docx(documentXml: string, extra: Record<string, string> = {}): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file("word/document.xml", documentXml);
  for (const [k, v] of Object.entries(extra)) zip.file(k, v);
  return zip.generateAsync({ type: "nodebuffer" });
}

const wordXml = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;

function pseudoRandom(n: number, seed: number): Buffer {
  const out = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export const BAD_INPUTS: BadInput[] = [
  // --- empty and degenerate files
  { name: "empty file", make: one("empty.txt", () => "") },
  { name: "whitespace only", make: one("blank.txt", () => " \n\t\n\u3000\n".repeat(1000)) },
  { name: "UTF-8 BOM only", make: one("bom.txt", () => Buffer.from([0xef, 0xbb, 0xbf])) },
  { name: "UTF-16 BOM only, odd length", make: one("bom16.txt", () => Buffer.from([0xff, 0xfe, 0x41])) },
  { name: "1 MB of line breaks", make: one("newlines.txt", () => "\n".repeat(MB)) },
  { name: "1 MB of CR-only line endings", make: one("cr.txt", () => REPORT.replace(/\n/g, "\r").repeat(Math.ceil(MB / REPORT.length / 3))) },
  // --- not text
  { name: "random binary (.txt)", make: one("random.txt", () => pseudoRandom(200_000, 7)) },
  { name: "PNG signature (.txt)", make: one("image.txt", () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pseudoRandom(1000, 3)])) },
  { name: "PDF signature (.txt)", make: one("paper.txt", () => `%PDF-1.7\n${"x".repeat(1000)}`) },
  { name: "NUL bytes scattered in UTF-8 text", make: one("nul.txt", () => REPORT.split("").join("\u0000")) },
  // --- Word files
  { name: "not a zip (.docx)", make: one("fake.docx", () => "this is not a zip archive at all") },
  { name: "truncated .docx", make: async (dir) => [await put(dir, "cut.docx", (await docx(wordXml("<w:p><w:r><w:t>一、存在的问题</w:t></w:r></w:p>".repeat(500)))).subarray(0, 900))] },
  { name: ".docx without word/document.xml", make: async (dir) => {
    const zip = new JSZip();
    zip.file("hello.txt", "nothing here");
    return [await put(dir, "empty.docx", await zip.generateAsync({ type: "nodebuffer" }))];
  } },
  { name: ".docx with malformed XML", make: async (dir) => [await put(dir, "broken.docx", await docx("<w:document><w:body><w:p><w:r><w:t>一、存在的问题"))] },
  { name: ".docx with 50,000 paragraphs", make: async (dir) => [await put(dir, "long.docx", await docx(wordXml("<w:p><w:r><w:t>1.部分党员参加组织生活不积极。</w:t></w:r></w:p>".repeat(50_000))))] },
  { name: "zip renamed .txt", make: async (dir) => [await put(dir, "archive.txt", (await docx(wordXml("<w:p/>"))).subarray(0, 400))] },
  // --- special files
  { name: "FIFO", make: async (dir) => {
    const path = join(dir, "pipe.txt");
    execFileSync("mkfifo", [path]);
    return [path];
  } },
  { name: "character device /dev/zero", make: async () => ["/dev/zero"] },
  { name: "link to /dev/zero in a folder", make: async (dir) => {
    await mkdir(join(dir, "in"));
    await symlink("/dev/zero", join(dir, "in", "zero.txt"));
    return [join(dir, "in")];
  } },
  { name: "broken symbolic link", make: async (dir) => {
    await symlink(join(dir, "nowhere.txt"), join(dir, "broken.txt"));
    return [join(dir, "broken.txt")];
  } },
  { name: "symbolic link loop", make: async (dir) => {
    await symlink("self.txt", join(dir, "self.txt"));
    return [join(dir, "self.txt")];
  } },
  { name: "folder link back to its parent", make: async (dir) => {
    await mkdir(join(dir, "tree", "sub"), { recursive: true });
    await writeFile(join(dir, "tree", "sub", "r.txt"), REPORT);
    await symlink("..", join(dir, "tree", "sub", "up"));
    return [join(dir, "tree")];
  } },
  { name: "missing path", make: async (dir) => [join(dir, "does-not-exist.txt")] },
  { name: "unreadable file (mode 000)", make: async (dir) => {
    const path = await put(dir, "secret.txt", REPORT);
    await chmod(path, 0o000);
    return [path];
  } },
  { name: "file over the size budget", make: one("big.txt", () => REPORT.repeat(Math.ceil((1.5 * MB) / Buffer.byteLength(REPORT)))), args: ["--max-file-size", "1"] },
  { name: "same file given twice", make: async (dir) => {
    const path = await put(dir, "twice.txt", REPORT);
    return [path, path];
  } },
  // --- names
  { name: "file name with newline and escape sequences", make: one("evil\u001b[2J\u001b]0;x\u0007\nname.txt", () => REPORT) },
  { name: "file name with a bidi override", make: one("report\u202etxt.exe.txt", () => REPORT) },
  { name: "255-byte file name", make: one(`${"党".repeat(83)}.txt`, () => REPORT) },
  // --- large and pathological text
  { name: "issue repro: 130,000 × '三会一课，' (2 MB, one report)", make: one("m.txt", () => `一、存在的问题\n${"三会一课，".repeat(130_000)}`) },
  { name: "5 MB single report", make: one("m5.txt", () => `一、存在的问题\n${"三会一课，".repeat(340_000)}`) },
  { name: "3 MB on one line", make: one("oneline.txt", () => REPORT.replace(/\n/g, "").repeat(Math.ceil((3 * MB) / Buffer.byteLength(REPORT)))) },
  { name: "100,000 enumerated items", make: one("items.txt", () => `一、存在的问题\n${Array.from({ length: 100_000 }, (_, i) => `${i + 1}、党员学习不够。\n`).join("")}`) },
  { name: "every outline marker nested 2,000 times", make: one("nested.txt", () => "一、存在的问题\n（一）组织生活\n1、学习\n（1）制度\n①落实\n一是不够\n首先，经费\n".repeat(2000)) },
  { name: "10,000 tiny reports in one file", make: one("many.txt", () => Array.from({ length: 10_000 }, (_, i) => `第${i}篇 调研报告\n一、存在的问题\n党员${i}人。\n`).join("")) },
  { name: "control characters and ANSI escapes in the text", make: one("ansi.txt", () => REPORT.replace(/。/g, "\u001b[31m。\u0007\u0008\u001b]0;t\u0007")) },
  { name: "zero-width and bidi characters everywhere", make: one("zw.txt", () => REPORT.split("").join("\u200b\u202e\u2066")) },
  { name: "line and paragraph separators", make: one("sep.txt", () => REPORT.replace(/\n/g, "\u2028\u2029")) },
  { name: "astral characters and emoji", make: one("astral.txt", () => REPORT.replace(/党/g, "𠀀😀党")) },
  { name: "lone surrogates encoded in UTF-8 (CESU)", make: one("cesu.txt", () => Buffer.concat([Buffer.from(REPORT), Buffer.from([0xed, 0xa0, 0x80, 0xed, 0xb0, 0x80]), Buffer.from(REPORT)])) },
  // --- encodings
  { name: "Chinese UTF-16LE without BOM", make: one("u16le.txt", () => iconv.encode(REPORT, "utf-16le")), check: (run) => (run.stderr.includes("u16le.txt") && run.stderr.includes("binary") ? "read as binary" : undefined) },
  { name: "Chinese UTF-16BE without BOM", make: one("u16be.txt", () => iconv.encode(REPORT, "utf-16be")), check: (run) => (run.stderr.includes("u16be.txt") && run.stderr.includes("binary") ? "read as binary" : undefined) },
  { name: "UTF-16LE with BOM, odd length", make: one("odd16.txt", () => Buffer.concat([iconv.encode(REPORT, "utf-16le", { addBOM: true }), Buffer.from([0x41])])) },
  { name: "GBK with invalid sequences", make: one("gbk.txt", () => Buffer.concat([iconv.encode(REPORT, "gbk"), Buffer.from([0x81, 0x20, 0xff, 0xfe, 0x80]), iconv.encode(REPORT, "gbk")])) },
  { name: "UTF-8 and GBK mixed in one file", make: one("mixed.txt", () => Buffer.concat([Buffer.from(REPORT), iconv.encode(REPORT, "gbk")])) },
  { name: "Big5 text", make: one("big5.txt", () => iconv.encode("關於某村黨建工作的調研報告\n一、存在的問題\n1.黨員老化。\n", "big5")) },
  // --- HTML
  { name: "HTML: 1 MB of unclosed <nav>", make: one("nav.html", () => "<nav>党员".repeat(MB / 10)) },
  { name: "HTML: '<a ' × 330,000", make: one("a.html", () => "<a ".repeat(330_000)) },
  { name: "HTML: 100,000 nested <div> and stray end tags", make: one("divs.html", () => `${"<div>党".repeat(100_000)}${"</span>".repeat(100_000)}`) },
  { name: "HTML: 1 MB attribute", make: one("attr.html", () => `<p class="${"x".repeat(MB)}">一、存在的问题</p>`) },
  { name: "HTML: unclosed <script> and comment", make: one("script.html", () => `<p>一、存在的问题</p><script>${"<p>x".repeat(50_000)}<!-- ${"y".repeat(100_000)}`) },
  { name: "HTML: unknown charset and invalid entities", make: one("charset.html", () => `<meta charset="x-unknown"><p>&#x110000;&#0;&#xD800;&bogus;&amp</p><p>一、存在的问题</p>`) },
  { name: "HTML: GBK page declaring UTF-8", make: one("liar.html", () => Buffer.concat([Buffer.from('<meta charset="utf-8">'), iconv.encode(`<p>${REPORT}</p>`, "gbk")])) },
  { name: "Markdown: 20,000-row table", make: one("table.md", () => `| a | b |\n|---|---|\n${"| 党员 | 32 |\n".repeat(20_000)}`) },
];
