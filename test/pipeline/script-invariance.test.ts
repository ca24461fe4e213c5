/*
 * Script invariance: a report converted to traditional characters, and the same with the pinyin reading aids
 * some conversion sites insert after characters (問(wèn)題), yields the same problems, measures and causes as the
 * simplified original: same count, same kinds, same statements once converted back. Checked over every
 * simplified fixture of the report shapes (our own words). On the real tuning pages (outside the repository) the
 * same conversion left the measured figures unchanged to the last statement.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import * as OpenCC from "opencc-js";
import { beforeAll, describe, expect, it } from "vitest";

import { removeAnnotations } from "../../src/ingest/strip-annotations.ts";
import { runPipeline } from "../../src/pipeline.ts";
import type { Extraction } from "../../src/types.ts";

const SHAPES = fileURLToPath(new URL("../fixtures/shapes/", import.meta.url));
const REPORTS = fileURLToPath(new URL("../fixtures/reports/", import.meta.url));

const toTraditional = OpenCC.Converter({ from: "cn", to: "t" });
const toSimplified = OpenCC.Converter({ from: "t", to: "cn" });

/** Pinyin of some frequent characters of the genre, as the conversion sites print it after each occurrence. */
const AIDS: Record<string, string> = {
  問: "wèn", 題: "tí", 關: "guān", 設: "shè", 機: "jī", 發: "fā", 導: "dǎo", 員: "yuán", 黨: "dǎng", 這: "zhè",
  來: "lái", 動: "dòng", 規: "guī", 範: "fàn", 實: "shí", 層: "céng", 強: "qiáng", 現: "xiàn", 進: "jìn", 體: "tǐ",
  責: "zé", 調: "diào", 報: "bào", 議: "yì", 會: "huì", 對: "duì", 與: "yǔ", 織: "zhī", 組: "zǔ", 長: "zhǎng",
  還: "hái", 經: "jīng", 學: "xué", 習: "xí", 務: "wù", 歷: "lì", 難: "nán", 應: "yīng", 當: "dāng", 該: "gāi",
};

function withAids(text: string): string {
  return [...text].map((ch) => (AIDS[ch] ? `${ch}(${AIDS[ch]})` : ch)).join("");
}

const files = [
  ...readdirSync(SHAPES).filter((f) => f.endsWith(".txt") && !f.includes("traditional")).map((f) => join(SHAPES, f)),
  ...readdirSync(REPORTS).filter((f) => f.endsWith(".txt") && !f.includes("traditional")).map((f) => join(REPORTS, f)),
];

type Found = { kind: string; text: string }[];

function statementsByFile(extraction: Extraction, plain: (t: string) => string): Map<string, Found> {
  const out = new Map<string, Found>();
  for (const doc of extraction.documents) {
    const name = doc.document.source.path.split("/").pop()!;
    out.set(name, doc.reports.flatMap((r) => r.statements.map((s) => ({ kind: s.kind, text: plain(s.text) }))));
  }
  return out;
}

async function extractCopies(transform: (text: string) => string): Promise<Extraction> {
  const dir = mkdtempSync(join(tmpdir(), "kg-script-"));
  files.forEach((f, i) => writeFileSync(join(dir, `${String(i).padStart(3, "0")}-${f.split("/").pop()}`), transform(readFileSync(f, "utf8"))));
  return runPipeline([dir]);
}

let original: Map<string, Found>;
let traditional: Map<string, Found>;
let aided: Map<string, Found>;
let aidedRaw: string[];

beforeAll(async () => {
  // The simplified original's statements as they read after a round trip through traditional script.
  original = statementsByFile(await extractCopies((t) => t), (t) => toSimplified(toTraditional(t)));
  traditional = statementsByFile(await extractCopies(toTraditional), toSimplified);
  const aidedExtraction = await extractCopies((t) => withAids(toTraditional(t)));
  aided = statementsByFile(aidedExtraction, (t) => toSimplified(removeAnnotations(t)));
  aidedRaw = aidedExtraction.documents.flatMap((d) => d.reports.flatMap((r) => r.statements.map((s) => s.text)));
}, 120_000);

describe("the same report in another script", () => {
  it("reads enough fixtures to mean something", () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    const statements = [...original.values()].reduce((n, s) => n + s.length, 0);
    expect(statements).toBeGreaterThanOrEqual(100);
  });

  it("finds the same statements in traditional characters", () => {
    expect(traditional.size).toBe(original.size);
    for (const [name, found] of original) expect(traditional.get(name), name).toEqual(found);
  });

  it("finds the same statements when each character carries its pinyin, and keeps the aids in the exact text", () => {
    expect(aided.size).toBe(original.size);
    for (const [name, found] of original) expect(aided.get(name), name).toEqual(found);
    // The statement text stays exactly as the file has it (the contract's "text"); only matching ignores the aids.
    expect(aidedRaw.filter((t) => /[問題黨員]\((?:wèn|tí|dǎng|yuán)\)/.test(t)).length).toBeGreaterThan(20);
  });
});
