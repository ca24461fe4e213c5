/*
 * Mechanisms, organisations and slogans within one matched report pair, compared by normalised name.
 * A gold item is one name per report with its other forms (organisation variants, mechanism surface
 * forms); it is borderline only when every gold entry of that name is. Predicted names are deduplicated
 * by normalised form and matched one to one: a name that equals the canonical gold name is paired first,
 * then names equal to another form. A second predicted name for an already matched gold item is an FP
 * (the same body or mechanism split in two); a name matching only borderline gold is ignored.
 */
import { normaliseForMatch } from "./normalise-text.ts";
import { emptyTally, type Tally } from "./result.ts";
import type { GoldReport } from "./types.ts";

/** One gold name with the normalised forms that count as it. */
export interface GoldName {
  name: string;
  norm: string;
  forms: Set<string>;
  borderline: boolean;
}

/** Gold mechanisms of a report, one per canonical name, surface forms as alternatives. */
export function goldMechanismNames(report: GoldReport): GoldName[] {
  return groupNames((report.mechanisms ?? []).map((m) => ({ name: m.name, forms: m.surface ?? [], borderline: m.borderline === true })));
}

/** Gold organisations of a report, variants as alternatives. */
export function goldOrganisationNames(report: GoldReport): GoldName[] {
  return groupNames((report.organisations ?? []).map((o) => ({ name: o.name, forms: o.variants ?? [], borderline: o.borderline === true })));
}

/** Gold slogans of a report. */
export function goldSloganNames(report: GoldReport): GoldName[] {
  return groupNames((report.slogans ?? []).map((s) => ({ name: s, forms: [], borderline: false })));
}

function groupNames(entries: { name: string; forms: string[]; borderline: boolean }[]): GoldName[] {
  const byNorm = new Map<string, GoldName>();
  for (const entry of entries) {
    const norm = normaliseForMatch(entry.name);
    if (!norm) continue;
    let item = byNorm.get(norm);
    if (!item) {
      item = { name: entry.name, norm, forms: new Set([norm]), borderline: true };
      byNorm.set(norm, item);
    }
    for (const form of entry.forms) {
      const f = normaliseForMatch(form);
      if (f) item.forms.add(f);
    }
    item.borderline &&= entry.borderline;
  }
  return [...byNorm.values()];
}

/** Score predicted names against gold names for one report pair (gold = [] for an unmatched predicted report). */
export function scoreNames(gold: GoldName[], predNames: string[], reportLabel: string): Tally {
  const tally = emptyTally();
  const preds = dedupe(predNames);
  const taken = new Map<GoldName, string>();
  const pending: { name: string; norm: string }[] = [];
  // 1. Exact canonical names first, so a variant cannot steal the gold item its canonical name would take.
  for (const p of preds) {
    const g = gold.find((item) => item.norm === p.norm && !taken.has(item));
    if (g) {
      taken.set(g, p.name);
      count(tally, g);
    } else pending.push(p);
  }
  // 2. Other forms.
  for (const p of pending) {
    const g = gold.find((item) => item.forms.has(p.norm) && !taken.has(item));
    if (g) {
      taken.set(g, p.name);
      count(tally, g);
      continue;
    }
    const dup = gold.find((item) => item.forms.has(p.norm));
    if (dup?.borderline) {
      tally.ignored++;
      continue;
    }
    tally.fp++;
    tally.falsePositives.push(dup ? { report: reportLabel, text: p.name, note: `another name for ${dup.name}, already matched by ${taken.get(dup)}` } : { report: reportLabel, text: p.name });
  }
  for (const g of gold) {
    if (g.borderline || taken.has(g)) continue;
    tally.fn++;
    tally.misses.push({ report: reportLabel, text: g.name });
  }
  return tally;
}

function count(tally: Tally, g: GoldName): void {
  if (g.borderline) tally.ignored++;
  else {
    tally.predTp++;
    tally.goldFound++;
  }
}

function dedupe(names: string[]): { name: string; norm: string }[] {
  const seen = new Map<string, string>();
  for (const name of names) {
    const norm = normaliseForMatch(name ?? "");
    if (norm && !seen.has(norm)) seen.set(norm, name);
  }
  return [...seen].map(([norm, name]) => ({ name, norm }));
}
