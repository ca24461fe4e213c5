/*
 * `kg eval --gold <file> [paths...] | --pred <file.json>`: scores an extraction against a gold file and
 * prints the metric table (stdout); exit 1 when a --min threshold is not met, 2 on usage errors.
 */
import { readFileSync } from "node:fs";

import { Option, type Command } from "commander";

import { UsageError } from "../../errors.ts";
import type { EvalResult, ExtractionJson, UnmetThreshold } from "../../eval/index.ts";
import type { Extraction } from "../../types.ts";

/** Flags of `kg eval`, without commander types. */
export interface EvalCommandOptions {
  gold?: string;
  pred?: string;
  paths: string[];
  json?: boolean;
  verbose?: boolean;
  min?: string[];
  themesGoldSameIf?: "primary" | "any";
  match?: "many-to-many" | "one-to-one";
  codebook?: string;
}

/** What `kg eval` prints and how it exits. */
export interface EvalCommandOutput {
  stdout: string;
  stderr: string;
  exitCode: 0 | 1;
  result: EvalResult;
  unmet: UnmetThreshold[];
}

/** Score a saved prediction (--pred) or a fresh extraction of `paths` against --gold. */
export async function runEval(opts: EvalCommandOptions): Promise<EvalCommandOutput> {
  if (!opts.gold) throw new UsageError("eval: --gold <file> is required (a gold annotation JSON, e.g. ../shared/gold/seed.gold.json).");
  if (opts.pred && opts.paths.length > 0) throw new UsageError("eval: give either --pred <file.json> or input paths, not both.");
  if (!opts.pred && opts.paths.length === 0) throw new UsageError("eval: nothing to score: give input paths to extract, or --pred <file.json> from `kg extract --json`.");
  // Loaded when used, so that `kg --help` stays fast (see bin/kg.js).
  const { checkThresholds, formatEvalDetails, formatEvalTable, parseExtractionJson, parseGoldFile, parseThresholds, scoreExtraction } = await import("../../eval/index.ts");
  const thresholds = parseThresholds(opts.min ?? []);
  const gold = parseGoldFile(readJson(opts.gold, "gold"));
  let stderr = "";
  let pred: ExtractionJson;
  if (opts.pred) pred = parseExtractionJson(readJson(opts.pred, "prediction"));
  else {
    const extraction = await extract(opts.paths, opts.codebook);
    stderr += summariseDiagnostics(extraction);
    const { toExtractionJson } = await import("../../sinks/extraction-json.ts");
    pred = parseExtractionJson(toExtractionJson(extraction));
  }
  const result = scoreExtraction(pred, gold, {
    ...(opts.themesGoldSameIf ? { themesGoldSameIf: opts.themesGoldSameIf } : {}),
    ...(opts.match ? { match: opts.match } : {}),
  });
  const unmet = checkThresholds(result, thresholds);
  const stdout = opts.json
    ? `${JSON.stringify({ ...result, thresholds: { checked: thresholds, unmet } }, null, 2)}\n`
    : formatEvalTable(result) + (opts.verbose ? formatEvalDetails(result) : "");
  for (const u of unmet) stderr += `kg eval: ${u.metric}.${u.field} = ${u.actual.toFixed(3)} is below --min ${u.min}\n`;
  return { stdout, stderr, exitCode: unmet.length > 0 ? 1 : 0, result, unmet };
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    const reason = err instanceof Error && "code" in err ? String(err.code) : "unreadable";
    throw new UsageError(`eval: cannot read ${what} file "${path}" (${reason}).`, { cause: err });
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, "")) as unknown;
  } catch (err) {
    throw new UsageError(`eval: ${what} file "${path}" is not valid JSON (${err instanceof Error ? err.message : String(err)}).`, { cause: err });
  }
}

/** The pipeline is loaded only when needed, so scoring a saved prediction (--pred) never depends on it. */
async function extract(paths: string[], codebook: string | undefined): Promise<Extraction> {
  const { runPipeline } = await import("../../pipeline.ts");
  return runPipeline(paths, codebook ? { codebookPath: codebook } : {});
}

function summariseDiagnostics(extraction: Extraction): string {
  const errors = extraction.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = extraction.diagnostics.filter((d) => d.severity === "warning").length;
  if (errors + warnings === 0) return "";
  return `kg eval: the extraction reported ${errors} error(s) and ${warnings} warning(s); run kg extract to see them.\n`;
}

/** Register `kg eval`. */
export function registerEval(program: Command): void {
  program
    .command("eval")
    .description("score an extraction against a gold annotation file (metric table on stdout)")
    .argument("[paths...]", "input files or folders to extract and score (or use --pred)")
    .option("--gold <file>", "gold annotation JSON (e.g. ../shared/gold/seed.gold.json)")
    .option("--pred <file>", "score a saved `kg extract --json` output instead of running the pipeline")
    .option("--json", "print the result as JSON")
    .option("--verbose", "also list every miss and false positive")
    .option("--min <metric=value...>", "fail (exit 1) when a metric's F1 (or metric.precision / metric.recall) is below value; put paths before --min")
    .addOption(new Option("--themes-gold-same-if <rule>", "gold 'same theme' rule for theme precision").choices(["primary", "any"]))
    .addOption(new Option("--match <mode>", "how predictions pair with gold statements: many-to-many, or one-to-one (each prediction counts for at most one gold item)").choices(["many-to-many", "one-to-one"]).default("many-to-many"))
    .option("--codebook <file>", "theme codebook passed to the pipeline")
    .action(async (paths: string[], flags: Omit<EvalCommandOptions, "paths">) => {
      const out = await runEval({ ...flags, paths });
      process.stdout.write(out.stdout);
      process.stderr.write(out.stderr);
      if (out.exitCode !== 0) process.exitCode = out.exitCode;
    });
}
