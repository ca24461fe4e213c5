/*
 * Printing for the CLI: diagnostics on stderr, like a compiler.
 */
import { formatDiagnostic } from "../diagnostics.ts";
import type { Diagnostic } from "../types.ts";

/** Print warnings and errors (and info when verbose) to stderr. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], verbose = false): void {
  for (const d of diagnostics) {
    if (d.severity === "info" && !verbose) continue;
    process.stderr.write(`${formatDiagnostic(d)}\n`);
  }
}
