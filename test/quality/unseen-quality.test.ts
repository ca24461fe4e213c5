/*
 * Extraction quality on hand-written reports the extractors were not tuned on (test/fixtures/unseen: university, GBK
 * state-owned enterprise, traditional village in UTF-8 and Big5, run-on community text, a scraped 范文 page with three
 * reports, government organ .docx with and without numbering, private enterprise, numbering faults), scored by the same
 * evaluator as `kg eval` against the hand-made gold beside each fixture. Bars sit a little under what was measured,
 * so regressions show; known gaps are listed as todo.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";

import { coverage, formatEvalDetails, normaliseForMatch, parseGoldFile, scoreExtraction } from "../../src/eval/index.ts";
import type { EvalResult, ExtractionJson, GoldFile } from "../../src/eval/index.ts";
import { runPipeline } from "../../src/pipeline.ts";
import { toExtractionJson } from "../../src/sinks/extraction-json.ts";

const DIR = "test/fixtures/unseen";

/**
 * Per-fixture minimum F1. Measured on 2026-11-25 (H9), F1 in the same order:
 *   fixture                  reports problems measures causes cause-links addressed-by mechanisms organisations figures
 *   university-college.txt   1.00    1.00     1.00     1.00   1.00        0.67         0.50       0.60          1.00
 *   soe-gbk.txt              1.00    1.00     1.00     1.00   1.00        1.00         0.71       0.77          1.00
 *   village-traditional.txt  1.00    1.00     1.00     1.00   1.00        0.67         0.47       0.92          1.00
 *   village-…-big5.txt       1.00    1.00     1.00     1.00   1.00        0.67         0.47       0.92          1.00
 *   community-runon.txt      1.00    1.00     1.00     –      –           0.86         0.29       0.40          1.00
 *   fanwen-three.txt         1.00    1.00     1.00     –      –           0.89         0.67       0.77          0.86
 *   organ.docx               1.00    1.00     1.00     1.00   1.00        0.89         0.60       0.57          1.00
 *   organ-unnumbered.docx    1.00    0.00     0.57     –      –           0.00         0.57       0.86          1.00
 *   private-enterprise.txt   1.00    0.00     0.00     –      –           0.00         0.40       0.83          1.00
 *   numbering-faults.txt     1.00    1.00     1.00     1.00   1.00        0.80         0.67       0.67          1.00
 * After the lead's classify fixes (bare headings with bodies, 问题与建议 items, sign-off lines):
 *   organ-unnumbered.docx problems 1.00, measures 1.00, addressed-by 0.86; private-enterprise.txt 1.00, 1.00, 1.00.
 * After H10's theme and link work (codebook wordings, near ties to the most specific theme, measure bodies, weak links
 * dropped beside strong ones in one-by-one reports), addressed-by: university 0.89, soe 1.00, village (both) 0.89,
 * community 1.00, fanwen 1.00, organ 1.00, organ-unnumbered 1.00, private 1.00, numbering-faults 0.89; fanwen-three
 * measure-themes 1.00 (was 0.00).
 * After H8's entity work, organisations F1: university 0.67, soe 0.86, village 1.00, community 0.82, fanwen 0.86,
 * organ 0.75, organ-unnumbered 0.86, private 0.83, numbering-faults 1.00 (bars raised to about 0.1 below).
 * ("–": the fixture has no gold causes.) Slogans are not annotated in these gold files and are not scored.
 */
const BARS: Record<string, Record<string, number>> = {
  "university-college.txt": { reports: 1, problems: 1, measures: 1, causes: 1, "cause-links": 0.9, "addressed-by": 0.85, mechanisms: 0.4, organisations: 0.6, figures: 0.9 },
  "soe-gbk.txt": { reports: 1, problems: 1, measures: 1, "addressed-by": 0.95, mechanisms: 0.6, organisations: 0.75, figures: 0.9 },
  "village-traditional.txt": { reports: 1, problems: 1, measures: 1, causes: 0.9, "cause-links": 0.9, "addressed-by": 0.85, mechanisms: 0.35, organisations: 0.9, figures: 0.9 },
  "village-traditional-big5.txt": { reports: 1, problems: 1, measures: 1, causes: 0.9, "cause-links": 0.9, "addressed-by": 0.85, mechanisms: 0.35, organisations: 0.9, figures: 0.9 },
  "community-runon.txt": { reports: 1, problems: 1, measures: 1, "addressed-by": 0.95, mechanisms: 0.2, organisations: 0.75, figures: 0.9 },
  "fanwen-three.txt": { reports: 1, problems: 1, measures: 1, "measure-themes": 0.95, "addressed-by": 0.95, mechanisms: 0.5, organisations: 0.75, figures: 0.75 },
  "organ.docx": { reports: 1, problems: 1, measures: 1, causes: 1, "cause-links": 0.9, "addressed-by": 0.95, mechanisms: 0.5, organisations: 0.65, figures: 0.9 },
  "organ-unnumbered.docx": { reports: 1, problems: 1, measures: 1, "addressed-by": 0.95, mechanisms: 0.45, organisations: 0.75, figures: 0.9 },
  "private-enterprise.txt": { reports: 1, problems: 1, measures: 1, "addressed-by": 0.95, mechanisms: 0.3, organisations: 0.75, figures: 0.9 },
  "numbering-faults.txt": { reports: 1, problems: 1, measures: 1, causes: 1, "cause-links": 0.9, "addressed-by": 0.85, mechanisms: 0.5, organisations: 0.9, figures: 0.9 },
};

/** Gaps found on these fixtures that the bars above do not yet demand (see test/fixtures/unseen/FINDINGS.md). */
const KNOWN_GAPS: string[] = [];

/** A minimal .docx (one <w:p> per line, numbering typed as text or absent), built the way Word stores paragraphs. */
async function buildDocx(lines: string[]): Promise<Buffer> {
  const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const body = lines.map((l) => `<w:p><w:r><w:t xml:space="preserve">${esc(l)}</w:t></w:r></w:p>`).join("");
  const zip = new JSZip();
  zip.file("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file("_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`);
  return zip.generateAsync({ type: "nodebuffer" });
}

/** Fixture paths: text files as committed, .docx files rebuilt with jszip from their hand-written sources. */
async function fixturePaths(): Promise<Map<string, string>> {
  const tmp = mkdtempSync(join(tmpdir(), "kg-unseen-"));
  const paths = new Map<string, string>();
  for (const name of Object.keys(BARS)) {
    if (!name.endsWith(".docx")) {
      paths.set(name, join(DIR, name));
      continue;
    }
    const source = name === "organ.docx" ? "organ-docx.txt" : "organ-docx-unnumbered.txt";
    const lines = readFileSync(join(DIR, "src", source), "utf8").replace(/\n$/, "").split("\n");
    const path = join(tmp, name);
    writeFileSync(path, await buildDocx(lines));
    paths.set(name, path);
  }
  return paths;
}

const goldOf = (name: string): GoldFile =>
  parseGoldFile(JSON.parse(readFileSync(join(DIR, name.replace(/\.(txt|docx)$/, ".gold.json")), "utf8")));

/** Pairwise theme agreement over gold statements of one kind from different reports across all fixtures. */
function crossThemeF1(pred: ExtractionJson, golds: Map<string, GoldFile>, kind: "problem" | "measure"): { precision: number; recall: number; f1: number; pairs: number } {
  type Item = { report: string; gold: string; pred: string | undefined };
  const items: Item[] = [];
  for (const doc of pred.documents) {
    const gold = golds.get(basename(doc.path));
    if (!gold) continue;
    for (const gr of gold.reports) {
      const pr = doc.reports.find((r) => r.startLine === gr.start_line) ?? doc.reports.find((r) => gr.start_line >= r.startLine && gr.start_line <= (r.endLine ?? r.startLine));
      const golds2 = kind === "problem" ? gr.problems ?? [] : gr.measures ?? [];
      for (const g of golds2) {
        const norm = normaliseForMatch(g.quote);
        const hit = (pr?.statements ?? []).find((s) => s.kind === kind && coverage(normaliseForMatch(s.text), norm) >= 0.6);
        items.push({ report: `${gold.source}#${gr.id}`, gold: g.theme, pred: hit?.themeId ?? undefined });
      }
    }
  }
  let tp = 0, fp = 0, fn = 0, pairs = 0;
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i]!, b = items[j]!;
      if (a.report === b.report) continue;
      pairs++;
      const same = a.gold === b.gold;
      const predSame = a.pred !== undefined && a.pred === b.pred;
      if (same && predSame) tp++;
      else if (predSame) fp++;
      else if (same) fn++;
    }
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall), pairs };
}

describe("extraction quality on unseen hand-written reports", () => {
  const results = new Map<string, EvalResult>();
  const golds = new Map<string, GoldFile>();
  const preds = new Map<string, ExtractionJson>();
  let all: ExtractionJson;

  beforeAll(async () => {
    const paths = await fixturePaths();
    for (const [name, path] of paths) {
      const gold = goldOf(name);
      golds.set(name, gold);
      const pred = JSON.parse(JSON.stringify(toExtractionJson(await runPipeline([path])))) as ExtractionJson;
      preds.set(name, pred);
      results.set(name, scoreExtraction(pred, gold));
    }
    // The Big5 file is a byte-level re-encoding of village-traditional.txt; extracted together, the copy is collapsed.
    const distinct = [...paths].filter(([name]) => name !== "village-traditional-big5.txt").map(([, path]) => path);
    all = JSON.parse(JSON.stringify(toExtractionJson(await runPipeline(distinct)))) as ExtractionJson;
  }, 120_000);

  const cases = Object.entries(BARS).flatMap(([name, bars]) => Object.entries(bars).map(([metric, min]) => [name, metric, min] as const));
  it.each(cases)("%s: %s F1 >= %s", (name, metric, min) => {
    const score = results.get(name)!.metrics[metric];
    expect(score, `no metric ${metric}`).toBeDefined();
    if (score!.f1 < min) process.stdout.write(`${name}\n${formatEvalDetails(results.get(name)!)}`);
    expect(score!.f1).toBeGreaterThanOrEqual(min);
  });

  it("should say which encoding it decoded GBK and Big5 files as", () => {
    const enc = (name: string): string => preds.get(name)!.documents[0]!.encoding ?? "";
    expect(enc("soe-gbk.txt")).toMatch(/gb/i);
    expect(enc("village-traditional-big5.txt")).toMatch(/big5/i);
  });

  it("should keep traditional characters in quotes of a traditional report", () => {
    const doc = preds.get("village-traditional-big5.txt")!.documents[0]!;
    const texts = doc.reports.flatMap((r) => r.statements ?? []).map((s) => s.text);
    expect(texts).toContain("黨員隊伍老化，後繼乏人");
  });

  it("should give each report the setting it describes", () => {
    const settings = (name: string): (string | undefined)[] => preds.get(name)!.documents[0]!.reports.map((r) => r.setting);
    expect(settings("university-college.txt")).toEqual(["university"]);
    expect(settings("soe-gbk.txt")).toEqual(["enterprise"]);
    expect(settings("village-traditional.txt")).toEqual(["rural"]);
    expect(settings("community-runon.txt")).toEqual(["community"]);
    expect(settings("fanwen-three.txt")).toEqual(["school", "enterprise", "government"]);
    expect(settings("organ.docx")).toEqual(["government"]);
    expect(settings("private-enterprise.txt")).toEqual(["enterprise"]);
    expect(settings("numbering-faults.txt")).toEqual(["school"]);
  });

  it("should not flag a report that ends with its unit's signature and a date as broken off", () => {
    for (const name of ["university-college.txt", "village-traditional.txt", "organ.docx", "organ-unnumbered.docx", "numbering-faults.txt"]) {
      expect(preds.get(name)!.documents[0]!.reports.map((r) => r.truncated), name).toEqual([false]);
    }
  });

  it("should keep the scraped page's site chrome out of every report", () => {
    const doc = preds.get("fanwen-three.txt")!.documents[0]!;
    const last = doc.reports.at(-1)!;
    expect(doc.reports[0]!.startLine).toBeGreaterThanOrEqual(6);
    expect(last.endLine).toBeLessThanOrEqual(37);
  });

  // Measured 2026-11-25 over all fixtures together (Big5 copy left out): problems P 0.73 R 0.30 F1 0.42, measures P 0.54 R 0.18 F1 0.27;
  // after H10's codebook and theme-pick work: problems P 1.00 R 0.89 F1 0.94, measures P 0.94 R 0.74 F1 0.83.
  it.each([["problem", 0.85], ["measure", 0.75]] as const)("should group %ss that say the same thing across fixtures (pairwise F1 >= %s)", (kind, min) => {
    const score = crossThemeF1(all, golds, kind);
    process.stdout.write(`cross-fixture ${kind} themes: P ${score.precision.toFixed(2)} R ${score.recall.toFixed(2)} F1 ${score.f1.toFixed(2)} over ${score.pairs} pairs\n`);
    expect(score.pairs).toBeGreaterThan(0);
    expect(score.f1).toBeGreaterThanOrEqual(min);
  });

  for (const gap of KNOWN_GAPS) it.todo(gap);
});
