/*
 * The preparation of reports for the cross-report stages in the pool's workers (src/isolate/report-prep.ts):
 * every delivered report gets one, made with the run's codebook; assemble gives exactly what it gives without
 * them — with the shipped codebook, with a user's codebook, with another codebook than the one they were made
 * with, and when an analyst's decision moves a statement to another codebook theme (its report's links are
 * then computed again).
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { IN_THREAD_BUDGET } from "../../src/budget.ts";
import { collectFiles } from "../../src/ingest/index.ts";
import { runFiles } from "../../src/isolate/file-runner.ts";
import { prepOf } from "../../src/isolate/report-prep.ts";
import { assemble, extractDocuments } from "../../src/pipeline.ts";
import { loadCodebook } from "../../src/themes/index.ts";
import type { LoadedDecisions } from "../../src/themes/decisions.ts";
import type { DocumentExtraction } from "../../src/types.ts";

const FOLDERS = ["test/fixtures/reports", "test/fixtures/unseen"];

/** A deep copy without the preparations (they live beside the reports, keyed by the statements arrays). */
function unprepared(docs: DocumentExtraction[]): DocumentExtraction[] {
  return structuredClone(docs);
}

let dir: string;
let userCodebook: string;
let prepared: DocumentExtraction[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kg-prep-"));
  // A user codebook that scores differently from the shipped one (a lower threshold: more codebook themes).
  const shipped = JSON.parse(await readFile("src/themes/codebook.json", "utf8")) as { settings?: Record<string, number> };
  userCodebook = join(dir, "codebook.json");
  await writeFile(userCodebook, JSON.stringify({ ...shipped, settings: { ...shipped.settings, threshold: 1.5 } }));
  prepared = (await extractDocuments(FOLDERS, { jobs: 2 })).documents;
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("reports prepared in the workers", () => {
  it("are prepared, every one, with the run's codebook, and only in workers", { timeout: 120_000 }, async () => {
    const codebook = loadCodebook();
    const reports = prepared.flatMap((d) => d.reports);
    expect(reports.length).toBeGreaterThan(5);
    for (const r of reports) expect(prepOf(r, codebook)?.statements).toHaveLength(r.statements.length);
    expect(prepOf(reports[0]!, loadCodebook(userCodebook))).toBeUndefined();
    const { documents } = await extractDocuments(FOLDERS, { jobs: 1 });
    expect(documents.flatMap((d) => d.reports).filter((r) => prepOf(r, codebook))).toEqual([]);
  });

  it("give the extraction of one thread, with the shipped codebook and with another one", () => {
    for (const codebook of [loadCodebook(), loadCodebook(userCodebook)]) {
      const fromPrep = JSON.stringify(assemble(prepared, codebook, []));
      expect(fromPrep).toBe(JSON.stringify(assemble(unprepared(prepared), codebook, [])));
    }
  });

  it("made with a user's codebook give the extraction of one thread", { timeout: 120_000 }, async () => {
    const codebook = loadCodebook(userCodebook);
    const { documents } = await extractDocuments(FOLDERS, { jobs: 2, codebookPath: userCodebook });
    expect(documents.flatMap((d) => d.reports).every((r) => prepOf(r, codebook))).toBe(true);
    expect(JSON.stringify(assemble(documents, codebook, []))).toBe(JSON.stringify(assemble(unprepared(documents), codebook, [])));
  });

  it("give the links of one thread when a decision moves a statement to another codebook theme", () => {
    const codebook = loadCodebook();
    const plain = assemble(unprepared(prepared), codebook, []);
    // A problem with a codebook theme, in a report that has links, moved to another problem theme of the codebook.
    // The link must be one the codebook speaks for (its reason opens with the codebook relation), else the move
    // need not change it: a link on shared wording alone stays.
    const bySharedWordingOnly = (reason: string) => /^(shared wording|parallel numbering|weak evidence)/.test(reason);
    const movable = (l: { type: string; from: string; reason: string }) =>
      l.type === "ADDRESSED_BY" && plain.assignments[l.from]?.themeId.startsWith("cb:") && !bySharedWordingOnly(l.reason);
    const report = plain.documents.flatMap((d) => d.reports).find((r) => r.links.some(movable))!;
    const link = report.links.find(movable)!;
    const from = plain.assignments[link.from]!.themeId;
    const to = `cb:${codebook.themes.find((t) => t.kind === "problem" && `cb:${t.id}` !== from && t.concern !== codebook.byId.get(from.slice(3))!.concern)!.id}`;
    const decisions: LoadedDecisions = { path: "decisions.json", decisions: [{ op: "move", statement: link.from, to }] };
    const moved = assemble(unprepared(prepared), codebook, [], { decisions });
    expect(moved.assignments[link.from]!.themeId).toBe(to);
    // The move changes the report's links (else this test would not test the recomputation).
    const linksOf = (e: typeof plain) => JSON.stringify(e.documents.flatMap((d) => d.reports).find((r) => r.segment.id === report.segment.id)!.links);
    expect(linksOf(moved)).not.toBe(linksOf(plain));
    expect(JSON.stringify(assemble(prepared, codebook, [], { decisions }))).toBe(JSON.stringify(moved));
  });

  it("are attached before runFiles resolves, to the reports it delivered", { timeout: 120_000 }, async () => {
    const { files } = await collectFiles(FOLDERS);
    const delivered: DocumentExtraction[] = [];
    await runFiles(files, {
      budget: IN_THREAD_BUDGET,
      jobs: 2,
      prepare: { codebookPath: undefined },
      onFile: (_, outcome) => {
        if (outcome.extraction) delivered.push(outcome.extraction);
      },
    });
    const codebook = loadCodebook();
    expect(delivered.flatMap((d) => d.reports).every((r) => prepOf(r, codebook))).toBe(true);
  });
});
