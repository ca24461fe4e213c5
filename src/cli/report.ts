/*
 * Printing for the CLI: diagnostics on stderr, like a compiler.
 *
 * A large import gives thousands of warnings of the same kind (a page opening with no measures, a
 * repeated report …): every error is printed, but of each kind of warning only the first
 * WARNINGS_PER_ORIGIN, then one line that says how many more there are and how to see them all
 * (`--verbose`).
 */
import { formatDiagnostic } from "../diagnostics.ts";
import { removeAnnotations } from "../ingest/strip-annotations.ts";
import type { Diagnostic } from "../types.ts";
import { safeText } from "../util/terminal.ts";

/** Warnings of one origin (e.g. classify:no-measure) printed before the rest are counted instead. */
export const WARNINGS_PER_ORIGIN = 20;

/** Print errors and warnings (and info when verbose) to stderr; without verbose, each origin's warnings past the first 20 are counted, not printed. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], verbose = false, write: (text: string) => void = (t) => process.stderr.write(t)): void {
  const seen = new Map<string, number>();
  const lines: string[] = [];
  const flush = () => {
    if (lines.length > 0) write(`${lines.join("\n")}\n`);
    lines.length = 0;
  };
  for (const d of diagnostics) {
    if (d.severity === "info" && !verbose) continue;
    if (d.severity === "warning" && !verbose) {
      const n = (seen.get(d.origin) ?? 0) + 1;
      seen.set(d.origin, n);
      if (n > WARNINGS_PER_ORIGIN) continue;
    }
    lines.push(formatDiagnostic(d));
    if (lines.length >= 1_000) flush();
  }
  for (const [origin, n] of seen) {
    if (n > WARNINGS_PER_ORIGIN) lines.push(`… and ${n - WARNINGS_PER_ORIGIN} more warnings like these (${n} in all)  ${origin}  (--verbose prints every one)`);
  }
  flush();
}

/**
 * A statement's text on one line of a terminal: the pinyin reading aids some pages insert (問(wèn)題) removed,
 * white space folded, controls made visible, cut after `max` characters. For display only: quotes stay exact.
 * @example statementLine("存在問(wèn)題(tí)\n较多", 4) === "存在問題…"
 */
export function statementLine(text: string, max = 60): string {
  const flat = removeAnnotations(text).replace(/\s+/g, " ").trim();
  const chars = [...flat];
  return safeText(chars.length > max ? `${chars.slice(0, max).join("")}…` : flat);
}
