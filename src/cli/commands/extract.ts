/*
 * `kg extract <paths...> [--json]`: run the extractors and print what they found, before anything
 * is loaded anywhere. With --json, stdout holds only the contract JSON; diagnostics go to stderr.
 */
import { type Command, InvalidArgumentError } from "commander";

import { InputError } from "../../errors.ts";
import type { Extraction } from "../../types.ts";
import { printDiagnostics } from "../report.ts";

export interface ExtractOptions {
  json?: boolean;
  codebook?: string;
  verbose?: boolean;
  jobs?: number;
}

/** Register `kg extract`. */
export function registerExtract(program: Command): void {
  program
    .command("extract")
    .description("extract organisations, mechanisms, figures, problems, measures and causes from reports")
    .argument("<paths...>", "report files or folders (.txt .md .html .docx; folders are read recursively)")
    .option("--json", "print the extraction as JSON (schemaVersion 1) on stdout")
    .option("--codebook <file>", "use this theme codebook (JSON) instead of the shipped one")
    .option("--jobs <n>", "threads for reading and extracting documents (default: the number of cores)", parseJobs)
    .option("--verbose", "also print informational diagnostics (e.g. which page boilerplate was set aside)")
    .action(async (paths: string[], opts: ExtractOptions) => {
      const extraction = await extract(paths, opts);
      // Loaded when used, so that `kg --help` stays fast (see bin/kg.js).
      const { toExtractionJson } = await import("../../sinks/extraction-json.ts");
      process.stdout.write(opts.json ? `${JSON.stringify(toExtractionJson(extraction), null, 2)}\n` : summarise(extraction));
    });
}

/** Run the pipeline; fails when no input could be read at all. */
export async function extract(paths: string[], opts: ExtractOptions): Promise<Extraction> {
  const tty = process.stderr.isTTY === true;
  const { runPipeline } = await import("../../pipeline.ts");
  const extraction = await runPipeline(paths, {
    codebookPath: opts.codebook,
    jobs: opts.jobs,
    // A live counter on a terminal only; piped stderr stays clean for logs.
    onProgress: tty ? (done, total) => process.stderr.write(`\rkg extract: ${done}/${total} file(s)${done === total ? "\n" : ""}`) : undefined,
  });
  printDiagnostics(extraction.diagnostics, opts.verbose === true);
  if (extraction.documents.length === 0) {
    throw new InputError(`kg extract: no readable report in ${paths.join(", ")}. Give .txt, .md, .html or .docx files or folders holding them.`);
  }
  return extraction;
}

function summarise(extraction: Extraction): string {
  const out: string[] = [];
  for (const doc of extraction.documents) {
    const noise = doc.document.noise.filter((n) => n.wholeLines).reduce((sum, n) => sum + n.endLine - n.startLine + 1, 0);
    const aside = noise ? `; ${noise} line(s) of page boilerplate set aside (--verbose lists them)` : "";
    out.push(`${doc.document.source.path} (${doc.document.source.encoding}): ${doc.reports.length} report(s)${aside}`);
    for (const r of doc.reports) {
      const count = (k: string) => r.statements.filter((s) => s.kind === k).length;
      out.push(
        `  lines ${r.segment.startLine}-${r.segment.endLine}  ${r.segment.title ?? "(untitled)"}  [${r.setting}]${r.segment.truncated ? " truncated" : ""}`,
        `    ${count("problem")} problems, ${count("measure")} measures, ${count("cause")} causes, ${r.links.length} links; ` +
          `${r.organisations.length} organisations, ${r.mechanisms.length} mechanisms, ${r.figures.length} figures`,
      );
    }
  }
  const top = [...extraction.themes].sort((a, b) => b.reportIds.length - a.reportIds.length).slice(0, 10);
  if (top.length) out.push("", "most recurrent themes (distinct reports):");
  for (const t of top) out.push(`  ${String(t.reportIds.length).padStart(3)}  ${t.kind === "problem" ? "问题" : "对策"}  ${t.label}`);
  return `${out.join("\n")}\n`;
}

/** Parse --jobs: a whole number of threads, at least 1. */
export function parseJobs(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new InvalidArgumentError("--jobs takes a whole number of threads from 1 to 256.");
  return n;
}
