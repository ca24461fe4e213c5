/*
 * `kg extract <paths...> [--json]`: run the extractors and print what they found, before anything
 * is loaded anywhere. With --json, stdout holds only the contract JSON; diagnostics go to stderr.
 */
import type { Command } from "commander";

import { DEFAULT_MAX_FILE_MB, DEFAULT_TIME_LIMIT_S, resolveBudget } from "../../budget.ts";
import { InputError } from "../../errors.ts";
import { DEFAULT_GRAPH_FILE } from "./import.ts";
import type { PipelineOptions } from "../../pipeline.ts";
import type { Extraction, ReportExtraction, Statement } from "../../types.ts";
import { safeText } from "../../util/terminal.ts";
import { parseJobs } from "../jobs.ts";
import { printDiagnostics, statementLine } from "../report.ts";

/** decisions.json next to the default graph file (themes/decisions.ts's defaultDecisionsPath, not loaded for --help). */
export const DEFAULT_DECISIONS_FILE = `${DEFAULT_GRAPH_FILE.slice(0, DEFAULT_GRAPH_FILE.lastIndexOf("/") + 1)}decisions.json`;

export interface ExtractOptions {
  json?: boolean;
  codebook?: string;
  decisions?: string;
  verbose?: boolean;
  maxFileSize?: string;
  timeLimit?: string;
  jobs?: number;
  list?: boolean;
  why?: boolean;
}

/** Register `kg extract`. */
export function registerExtract(program: Command): void {
  program
    .command("extract")
    .description("extract organisations, mechanisms, figures, problems, measures and causes from reports")
    .argument("<paths...>", "report files or folders (.txt .md .html .docx; folders are read recursively)")
    .option("--json", "print the extraction as JSON (schemaVersion 1) on stdout")
    .option("--codebook <file>", "use this theme codebook (JSON) instead of the shipped one")
    .option("--decisions <file>", `the analyst's theme decisions to apply (default: ${DEFAULT_DECISIONS_FILE} when it exists)`)
    .option("--list", "also list each report's problems, measures and causes: line, text and theme")
    .option("--why", "like --list, and say why: the rule that classified each statement, why it joined its theme, and each link with its reason")
    .option("--jobs <n>", "threads for reading and extracting documents (default: the number of cores)", parseJobs)
    .option("--verbose", "print every warning (not only the first 20 of each kind) and the informational diagnostics (e.g. which page boilerplate was set aside)")
    .option("--max-file-size <MB>", `skip a file larger than this, with a diagnostic (default: KG_MAX_FILE_MB, else ${DEFAULT_MAX_FILE_MB}; 0 = no limit)`)
    .option("--time-limit <seconds>", `stop working on one file after this long, with a diagnostic (default: KG_TIME_LIMIT, else ${DEFAULT_TIME_LIMIT_S}; 0 = no limit)`)
    .action(async (paths: string[], opts: ExtractOptions) => {
      if (opts.json) return extractJson(paths, opts);
      const extraction = await extract(paths, opts);
      process.stdout.write(summarise(extraction, { list: opts.list === true || opts.why === true, why: opts.why === true }));
    });
}

/**
 * `kg extract --json`: the documents wait in a temporary file while the themes and links are found, and are
 * written back document by document, waiting for the pipe when it is full: neither every document nor the
 * whole JSON text is held at once (src/extraction-spool.ts).
 */
async function extractJson(paths: string[], opts: ExtractOptions): Promise<void> {
  // Loaded when used, so that `kg --help` stays fast (see bin/kg.js).
  const { spoolExtraction } = await import("../../extraction-spool.ts");
  const run = await spoolExtraction(paths, await pipelineOptions(opts));
  try {
    printDiagnostics(run.diagnostics, opts.verbose === true);
    if (run.documents === 0) throw noReport(paths);
    for (const piece of run.jsonChunks()) await writeOut(piece);
    await writeOut("\n");
  } finally {
    run.close();
  }
}

/**
 * Write to stdout; resolves when the stream takes more (at once, or once drained). No write callback: a failed
 * write reaches the stream's "error" listener (src/cli/index.ts). A callback per write would keep every piece of
 * the JSON alive (its closure holds the text) until the write loop, which runs in one microtask queue, ends:
 * about as much memory as the whole output (1 GB at 50 MB of reports).
 */
function writeOut(text: string): Promise<void> | undefined {
  if (process.stdout.write(text)) return undefined;
  return new Promise((resolve) => process.stdout.once("drain", () => resolve()));
}

/** Run the pipeline; fails when no input could be read at all. */
export async function extract(paths: string[], opts: ExtractOptions): Promise<Extraction> {
  // Loaded when used, so that `kg --help` stays fast (see bin/kg.js).
  const { runPipeline } = await import("../../pipeline.ts");
  const extraction = await runPipeline(paths, {
    ...(await pipelineOptions(opts)),
    // Every document is held until the themes are known: without what neither output reads.
    lean: true,
  });
  printDiagnostics(extraction.diagnostics, opts.verbose === true);
  if (extraction.documents.length === 0) throw noReport(paths);
  return extraction;
}

/** The pipeline's options from the command's (budgets, jobs, codebook, decisions, progress on a terminal). */
async function pipelineOptions(opts: ExtractOptions): Promise<PipelineOptions> {
  const tty = process.stderr.isTTY === true;
  const budget = resolveBudget({ maxFileSize: opts.maxFileSize, timeLimit: opts.timeLimit });
  // Loaded when used, so that `kg --help` stays fast (see bin/kg.js).
  const { defaultDecisionsPath, loadDecisions } = await import("../../themes/decisions.ts");
  return {
    codebookPath: opts.codebook,
    budget,
    jobs: opts.jobs,
    decisions: await loadDecisions(opts.decisions ?? defaultDecisionsPath(DEFAULT_GRAPH_FILE)),
    // A live counter on a terminal only; piped stderr stays clean for logs.
    onProgress: tty ? (done, total) => process.stderr.write(`\rkg extract: ${done}/${total} file(s)${done === total ? "\n" : ""}`) : undefined,
    onPrepare: tty ? (workers) => process.stderr.write(`kg extract: preparing each report's theme scores and links in ${workers} worker(s)…\n`) : undefined,
  };
}

function noReport(paths: string[]): InputError {
  return new InputError(`kg extract: no readable report in ${paths.map(safeText).join(", ")}. Give .txt, .md, .html or .docx files or folders holding them.`);
}

const KIND_LABEL: Record<string, string> = { problem: "问题", measure: "对策", cause: "原因" };

/** The per-file summary; with `list`, every statement under its report (and with `why`, its rules, theme reason and links). */
function summarise(extraction: Extraction, options: { list?: boolean; why?: boolean } = {}): string {
  const out: string[] = [];
  const themeLabel = new Map(extraction.themes.map((t) => [t.id, t.label]));
  for (const doc of extraction.documents) {
    const noise = doc.document.noise.filter((n) => n.wholeLines).reduce((sum, n) => sum + n.endLine - n.startLine + 1, 0);
    const aside = noise ? `; ${noise} line(s) of page boilerplate set aside (--verbose lists them)` : "";
    out.push(`${safeText(doc.document.source.path)} (${doc.document.source.encoding}): ${doc.reports.length} report(s)${aside}`);
    for (const r of doc.reports) {
      const count = (k: string) => r.statements.filter((s) => s.kind === k).length;
      out.push(
        `  lines ${r.segment.startLine}-${r.segment.endLine}  ${safeText(r.segment.title ?? "(untitled)")}  [${r.setting}]${r.segment.truncated ? " truncated" : ""}`,
        `    ${count("problem")} problems, ${count("measure")} measures, ${count("cause")} causes, ${r.links.length} links; ` +
          `${r.organisations.length} organisations, ${r.mechanisms.length} mechanisms, ${r.figures.length} figures`,
      );
      if (options.list) listStatements(out, r, extraction, themeLabel, options.why === true);
    }
  }
  const top = [...extraction.themes].sort((a, b) => b.reportIds.length - a.reportIds.length).slice(0, 10);
  if (top.length) out.push("", "most recurrent themes (distinct reports):");
  for (const t of top) out.push(`  ${String(t.reportIds.length).padStart(3)}  ${t.kind === "problem" ? "问题" : "对策"}  ${safeText(t.label)}`);
  return `${out.join("\n")}\n`;
}

/** Append the report's statements (and with `why`, their reasons and links) to `out`. */
function listStatements(out: string[], r: ReportExtraction, extraction: Extraction, themeLabel: Map<string, string>, why: boolean): void {
  const byId = new Map(r.statements.map((st) => [st.id, st]));
  const tag = (st: Statement) => `${KIND_LABEL[st.kind] ?? st.kind} L${st.line}`;
  for (const st of r.statements) {
    const assignment = extraction.assignments[st.id];
    const theme = assignment ? `  → ${safeText(themeLabel.get(assignment.themeId) ?? assignment.themeId)}` : "";
    out.push(`    ${tag(st).padEnd(8)} ${statementLine(st.text)}${theme}`);
    if (!why) continue;
    out.push(`             rule: ${safeText(st.rule)}${st.confidence === undefined ? "" : ` (confidence ${st.confidence.toFixed(2)})`}`);
    if (assignment) out.push(`             theme: ${safeText(assignment.reason)}`);
  }
  if (why && r.links.length > 0) {
    out.push("    links:");
    for (const link of r.links) {
      const from = byId.get(link.from);
      const to = byId.get(link.to);
      if (!from || !to) continue;
      // ADDRESSED_BY runs problem → measure; CAUSES cause → problem. Printed as "what answers/explains what".
      const [subject, verb, object] = link.type === "ADDRESSED_BY" ? [to, "answers", from] : [from, "explains", to];
      out.push(`      ${tag(subject)} ${verb} ${tag(object)}  (${link.score.toFixed(2)}: ${safeText(link.reason)})`);
    }
  }
}
