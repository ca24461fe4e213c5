/*
 * Diagnostics: problems in the input that do not stop the run. Stages return them; the CLI prints
 * them like a compiler: `path:line:col  severity  message  origin`.
 */
import type { Diagnostic } from "./types.ts";
import { safeText } from "./util/terminal.ts";

/** Format one diagnostic as a single line for stderr (control characters in paths and messages escaped). */
export function formatDiagnostic(d: Diagnostic): string {
  const place = d.path ? `${safeText(d.path)}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ""}` : ""}` : "";
  return [place, d.severity, safeText(d.message), d.origin].filter(Boolean).join("  ");
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
