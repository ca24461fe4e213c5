import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";

import { decodeText } from "../../src/ingest/decode-text.ts";

const SIMPLIFIED = "一、基本情况\n全镇共有党员1077人，其中女党员172人。坚持“三会一课”制度，认真开展民主评议党员。";
const TRADITIONAL = "一、基本情況\n全鎮共有黨員1077人，其中女黨員172人。堅持「三會一課」制度，認真開展民主評議黨員。";

describe("decodeText", () => {
  it.each([
    ["GBK", iconv.encode(SIMPLIFIED, "gbk"), SIMPLIFIED, "gb18030"],
    ["GB2312", iconv.encode(SIMPLIFIED, "gb2312"), SIMPLIFIED, "gb18030"],
    ["GB18030", iconv.encode(SIMPLIFIED, "gb18030"), SIMPLIFIED, "gb18030"],
    ["Big5", iconv.encode(TRADITIONAL, "big5"), TRADITIONAL, "big5"],
    ["traditional text saved as GBK", iconv.encode(TRADITIONAL, "gbk"), TRADITIONAL, "gb18030"],
    ["UTF-8", Buffer.from(SIMPLIFIED, "utf8"), SIMPLIFIED, "utf-8"],
    ["UTF-8 with BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SIMPLIFIED)]), SIMPLIFIED, "utf-8-bom"],
    ["UTF-16LE with BOM", iconv.encode(SIMPLIFIED, "utf-16le", { addBOM: true }), SIMPLIFIED, "utf-16le"],
    ["UTF-16BE with BOM", iconv.encode(SIMPLIFIED, "utf-16be", { addBOM: true }), SIMPLIFIED, "utf-16be"],
  ])("should decode %s to the right text and name the encoding", (_name, bytes, text, encoding) => {
    const decoded = decodeText(bytes);
    expect(decoded.text).toBe(text);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.replaced).toBe(0);
    expect(decoded.binary).toBe(false);
  });

  it("should tell short GBK and Big5 snippets apart", () => {
    expect(decodeText(iconv.encode("党支部书记", "gbk")).text).toBe("党支部书记");
    expect(decodeText(iconv.encode("黨支部書記", "big5")).text).toBe("黨支部書記");
  });

  it("should not strip a BOM-like character from the middle of UTF-8 text", () => {
    const text = "甲\uFEFF乙";
    expect(decodeText(Buffer.from(text, "utf8")).text).toBe(text);
  });

  it("should detect UTF-16 without a BOM", () => {
    const text = "Report 2023: 党员 32 名, branch 3.";
    expect(decodeText(iconv.encode(text, "utf-16le"))).toMatchObject({ text, encoding: "utf-16le" });
    expect(decodeText(iconv.encode(text, "utf-16be"))).toMatchObject({ text, encoding: "utf-16be" });
  });

  // Issue 10, fault 6: Chinese UTF-16 has too few NUL bytes for the ASCII rule and was called "binary".
  it.each(["utf-16le", "utf-16be"])("should detect Chinese %s without a BOM, with and without line breaks", (encoding) => {
    const report = "一、存在的问题\n（一）党员教育管理不够严格，部分支部“三会一课”流于形式。\n二、对策建议\n1.加强学习，落实制度。\n";
    expect(decodeText(iconv.encode(report, encoding))).toMatchObject({ text: report, encoding, binary: false });
    const runOn = "关于社区党建工作的调研报告：党员教育管理不够严格，支部组织生活流于形式；建议加强学习。";
    expect(decodeText(iconv.encode(runOn, encoding))).toMatchObject({ text: runOn, encoding, binary: false });
  });

  it("should still call bytes with NULs that are not UTF-16 text binary", () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 251 === 0 ? 0 : (i * 131) % 256;
    expect(decodeText(bytes).binary).toBe(true);
  });

  it("should keep UTF-8 with one damaged byte as UTF-8 and count the replacement", () => {
    const good = Buffer.from(SIMPLIFIED.repeat(3), "utf8");
    const damaged = Buffer.concat([good.subarray(0, 40), Buffer.from([0xff]), good.subarray(40)]);
    const decoded = decodeText(damaged);
    expect(decoded.encoding).toBe("utf-8");
    expect(decoded.replaced).toBe(1);
    expect(decoded.text.replace("\uFFFD", "")).toBe(SIMPLIFIED.repeat(3));
  });

  it("should report NUL-bearing bytes as binary", () => {
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x89, 0x50, 0x00]);
    expect(decodeText(bytes).binary).toBe(true);
  });
});
