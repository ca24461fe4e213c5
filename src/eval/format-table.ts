/*
 * Plain-text rendering of an EvalResult: the metric table (precision, recall, F1, tp/fp/fn) and, for
 * --verbose, the misses and false positives behind each row.
 */
import type { EvalItem, EvalResult, MetricScore } from "./result.ts";
import { maxOf } from "../util/arrays.ts";
import { safeText } from "../util/terminal.ts";

const HEADERS = ["metric", "precision", "recall", "F1", "tp", "fp", "fn", "ignored"] as const;

/** The metric table; tp shows "predicted/gold" when several predictions matched one gold item. */
export function formatEvalTable(result: EvalResult): string {
  const rows = Object.values(result.metrics).map(row);
  const widths = HEADERS.map((h, i) => maxOf(rows.map((r) => (r[i] ?? "").length), h.length));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ").trimEnd();
  const out = [
    `${safeText(result.document)} vs gold ${safeText(result.goldSource)}: ${result.reportPairs.length} report(s) paired`,
    line(HEADERS),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
  ];
  if (Object.values(result.metrics).some((m) => m.predTp !== m.goldFound)) {
    out.push("tp a/b: a predictions matched, b gold items found (several predictions can match one gold item).");
  }
  if (result.options.match === "one-to-one") out.push("statements matched one to one: each prediction counts for at most one gold item, each gold item for at most one prediction.");
  const themes = result.options.themesGoldSameIf;
  out.push(`themes: pairs of items from different reports; gold "same" = ${themes === "primary" ? "equal primary theme" : "theme sets intersect"} (the /${themes === "primary" ? "any" : "primary"} rows use the other rule).`);
  return `${out.join("\n")}\n`;
}

function row(m: MetricScore): string[] {
  const tp = m.predTp === m.goldFound ? String(m.predTp) : `${m.predTp}/${m.goldFound}`;
  return [m.name, fixed(m.precision), fixed(m.recall), fixed(m.f1), tp, String(m.fp), String(m.fn), String(m.ignored)];
}

function fixed(x: number): string {
  return x.toFixed(2);
}

/** Misses and false positives of every metric that has any, one per line. */
export function formatEvalDetails(result: EvalResult): string {
  const out: string[] = [];
  for (const m of Object.values(result.metrics)) {
    if (m.misses.length === 0 && m.falsePositives.length === 0) continue;
    out.push(`\n== ${m.name}`);
    for (const item of m.misses) out.push(`  miss  ${formatItem(item)}`);
    for (const item of m.falsePositives) out.push(`  fp    ${formatItem(item)}`);
    const hidden = m.fn - m.misses.length + (m.fp - m.falsePositives.length);
    if (hidden > 0) out.push(`  … and ${hidden} more`);
  }
  return out.length === 0 ? "" : `${out.join("\n")}\n`;
}

function formatItem(item: EvalItem): string {
  const where = item.line === undefined ? item.report : `${item.report}:${item.line}`;
  return `${safeText(where)}  ${safeText(item.text)}${item.note ? `  (${safeText(item.note)})` : ""}`;
}
