/*
 * Test helpers: read the shared gold file and turn it into a perfect prediction (ExtractionJson), so
 * tests can check that the gold scores 1.0 and then damage it in known ways.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import type { ExtractionJson, ExtractionJsonLink, ExtractionJsonReport, ExtractionJsonStatement, GoldFile, GoldReport } from "../../src/eval/types.ts";

/** The seed gold file (the repository's copy of shared/gold/seed.gold.json). */
export const SEED_GOLD_PATH = fileURLToPath(new URL("../fixtures/gold/seed.gold.json", import.meta.url));

/** Read a gold file (fresh copy each call, so tests may mutate it). */
export function readGold(path = SEED_GOLD_PATH): GoldFile {
  return JSON.parse(readFileSync(path, "utf8")) as GoldFile;
}

/** Build a prediction that says exactly what the gold says: quotes as statements, gold themes, gold links. */
export function goldToPrediction(gold: GoldFile, documentPath = `seeds/${gold.source}`): ExtractionJson {
  const reports = gold.reports.map(reportFromGold);
  return { schemaVersion: 1, documents: [{ path: documentPath, reports }], themes: [] };
}

function reportFromGold(r: GoldReport): ExtractionJsonReport {
  const statements: ExtractionJsonStatement[] = [];
  const links: ExtractionJsonLink[] = [];
  const theme = (label: string): { themeId: string; themeLabel: string } => ({ themeId: `theme:${label}`, themeLabel: label });
  for (const p of r.problems ?? []) statements.push({ id: p.id, kind: "problem", text: p.quote, line: p.line, ...theme(p.theme) });
  for (const m of r.measures ?? []) statements.push({ id: m.id, kind: "measure", text: m.quote, line: m.line, ...theme(m.theme) });
  const causeIds = new Map<string, string>();
  const causeId = (text: string): string => {
    let id = causeIds.get(text);
    if (!id) {
      id = `${r.id}.C${causeIds.size + 1}`;
      causeIds.set(text, id);
      statements.push({ id, kind: "cause", text, line: 0 });
    }
    return id;
  };
  for (const p of r.problems ?? []) {
    for (const c of p.causes ?? []) links.push({ type: "CAUSES", cause: causeId(c), problem: p.id });
  }
  for (const c of r.general_causes ?? []) causeId(c);
  for (const l of r.links ?? []) links.push({ type: "ADDRESSED_BY", problem: l.problem, measure: l.measure });
  return {
    id: `pred-${r.id}`,
    title: null,
    startLine: r.start_line,
    endLine: r.end_line ?? r.start_line,
    statements,
    links,
    organisations: (r.organisations ?? []).map((o) => ({ name: o.name })),
    mechanisms: (r.mechanisms ?? []).map((m) => ({ name: m.name })),
    slogans: (r.slogans ?? []).map((name) => ({ name })),
    figures: (r.figures ?? []).flatMap((f) => (Array.isArray(f.value) ? f.value : [f.value]).map((value) => ({ value, line: f.line }))),
  };
}
