/*
 * Test helpers for the entity extractors: build an EntityInput from raw text (normalised character by
 * character, as the normalise stage does), read the seed and its gold, and score predictions the way
 * the evaluator does (names after t2s and punctuation removal; borderline gold counts neither way).
 */
import { readFileSync } from "node:fs";
import * as OpenCC from "opencc-js/t2cn";

import type { EntityInput } from "../../../src/extract/entities/index.ts";
import type { Line, NoiseRange } from "../../../src/types.ts";

const t2s = OpenCC.Converter({ from: "t", to: "cn" });

/** Same-length normalisation: each character to simplified and half-width when that stays one character. */
export function normaliseChars(text: string): string {
  let out = "";
  for (const ch of text) {
    let c = ch.normalize("NFKC");
    if (c.length !== ch.length) c = ch;
    const s = t2s(c);
    out += s.length === c.length ? s : c;
  }
  return out;
}

/** Lines of a text split on "\n". */
export function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  text.split("\n").forEach((l, i) => {
    lines.push({ number: i + 1, start, end: start + l.length });
    start += l.length + 1;
  });
  return lines;
}

/** EntityInput over lines [from, to] of a text (whole text when omitted). */
export function inputFor(source: string, from?: number, to?: number, noiseLines: number[] = []): EntityInput {
  const text = normaliseChars(source);
  const lines = linesOf(source);
  const first = lines[(from ?? 1) - 1]!;
  const last = lines[(to ?? lines.length) - 1]!;
  const noise: NoiseRange[] = noiseLines.map((n) => ({
    span: { start: lines[n - 1]!.start, end: lines[n - 1]!.end },
    startLine: n,
    endLine: n,
    rule: "test",
    wholeLines: true,
  }));
  return { text, source, lines, span: { start: first.start, end: last.end }, noise, contextAt: () => "other" };
}

export const SEED_PATH = new URL("../../../seeds/000_d566339e5b9149bf.txt", import.meta.url);
export const GOLD_PATH = "/work/shared/gold/seed.gold.json";

/** Gold report, only the fields the entity scorer reads. */
export interface GoldReport {
  id: string;
  start_line: number;
  end_line: number;
  organisations: { name: string; variants?: string[]; borderline?: boolean }[];
  mechanisms: { name: string; surface?: string[]; borderline?: boolean }[];
  figures: { value: number | string | (number | string)[]; line: number; quote: string; borderline?: boolean }[];
  slogans: string[];
}

/** Read the seed text and its gold reports. */
export function readSeed(): { text: string; reports: GoldReport[] } {
  const gold = JSON.parse(readFileSync(GOLD_PATH, "utf8")) as { reports: GoldReport[] };
  return { text: readFileSync(SEED_PATH, "utf8"), reports: gold.reports };
}

/** Name key used by the evaluator: t2s, NFKC, no punctuation, symbols or space. */
export function matchKey(s: string): string {
  return t2s(s.normalize("NFKC")).replace(/[\p{P}\p{S}\s]/gu, "").toLowerCase();
}

/** Counts and explanations of one scoring run. */
export interface Tally {
  tp: number;
  fp: number;
  fn: number;
  misses: string[];
  extras: string[];
}

/** An empty tally. */
export const emptyTally = (): Tally => ({ tp: 0, fp: 0, fn: 0, misses: [], extras: [] });

/** F1 of a tally. */
export function f1(t: Tally): number {
  const p = t.tp + t.fp ? t.tp / (t.tp + t.fp) : 0;
  const r = t.tp + t.fn ? t.tp / (t.tp + t.fn) : 0;
  return p + r ? (2 * p * r) / (p + r) : 0;
}

interface GoldName {
  name: string;
  forms: Set<string>;
  borderline: boolean;
}

/** Group gold items by name; an item is borderline only when all its entries are. */
export function goldNames(items: { name: string; forms: string[]; borderline: boolean }[]): GoldName[] {
  const map = new Map<string, GoldName>();
  for (const it of items) {
    const key = matchKey(it.name);
    let g = map.get(key);
    if (!g) map.set(key, (g = { name: it.name, forms: new Set([key]), borderline: true }));
    for (const f of it.forms) g.forms.add(matchKey(f));
    g.borderline &&= it.borderline;
  }
  return [...map.values()];
}

/** Score predicted names against gold names one to one (a second name for a matched item is a false positive). */
export function scoreNames(gold: GoldName[], predicted: string[], label: string, t: Tally): void {
  const taken = new Set<GoldName>();
  const keys = [...new Map(predicted.map((p) => [matchKey(p), p])).entries()];
  const rest: [string, string][] = [];
  for (const [key, name] of keys) {
    const g = gold.find((x) => !taken.has(x) && matchKey(x.name) === key);
    if (g) {
      taken.add(g);
      if (!g.borderline) t.tp++;
    } else rest.push([key, name]);
  }
  for (const [key, name] of rest) {
    const g = gold.find((x) => !taken.has(x) && x.forms.has(key));
    if (g) {
      taken.add(g);
      if (!g.borderline) t.tp++;
      continue;
    }
    const dup = gold.find((x) => x.forms.has(key));
    if (dup?.borderline) continue;
    t.fp++;
    t.extras.push(`${label} +${name}${dup ? ` (another name for ${dup.name})` : ""}`);
  }
  for (const g of gold) {
    if (!g.borderline && !taken.has(g)) {
      t.fn++;
      t.misses.push(`${label} -${g.name}`);
    }
  }
}

/** Score figures by value and line (lists expand; "48.5%" is 48.5; borderline gold counts neither way). */
export function scoreFigures(gold: GoldReport["figures"], predicted: { value: number; line: number; quote: string }[], label: string, t: Tally): void {
  const golds = gold.flatMap((f) =>
    (Array.isArray(f.value) ? f.value : [f.value]).map((v) => ({ value: Number(/-?\d+(?:\.\d+)?/.exec(String(v))?.[0]), line: f.line, quote: f.quote, borderline: f.borderline === true })),
  );
  const taken = new Set<(typeof golds)[number]>();
  for (const p of predicted) {
    const g = golds.find((x) => !taken.has(x) && x.line === p.line && Math.abs(x.value - p.value) < 1e-9);
    if (g) {
      taken.add(g);
      if (!g.borderline) t.tp++;
    } else {
      t.fp++;
      t.extras.push(`${label} +${p.value} line ${p.line} (${p.quote})`);
    }
  }
  for (const g of golds) {
    if (!g.borderline && !taken.has(g)) {
      t.fn++;
      t.misses.push(`${label} -${g.value} line ${g.line} (${g.quote})`);
    }
  }
}
