/*
 * createProgram(): the commander tree. Commands live one per file in ./commands and hold no
 * business logic: they parse flags, call the pipeline and print.
 */
import { Command } from "commander";

import { safeLines } from "../util/terminal.ts";

import { registerEval } from "./commands/eval.ts";
import { registerExtract } from "./commands/extract.ts";
import { registerImport } from "./commands/import.ts";
import { registerQuery } from "./commands/query.ts";
import { registerServe } from "./commands/serve.ts";
import { registerThemes } from "./commands/themes.ts";

/** Build the `kg` command tree. Tests call `.exitOverride()` and `parseAsync([...], { from: "user" })`. */
export function createProgram(): Command {
  const program = new Command("kg")
    .description("Knowledge graphs from Chinese party-building research reports (党建工作调研报告)")
    .version("0.1.0")
    .exitOverride()
    // Commander echoes what was typed ("unknown option '…'"): control characters are escaped there too.
    .configureOutput({ writeErr: (text) => process.stderr.write(safeLines(text)) })
    .showHelpAfterError("(run kg --help for usage)");
  for (const register of [registerExtract, registerImport, registerEval, registerQuery, registerServe, registerThemes]) {
    register(program);
  }
  return program;
}
