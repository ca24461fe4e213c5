/*
 * The `kg` binary. The only place that calls process.exit: maps errors to exit codes
 * (0 ok, 1 failure, 2 usage, 3 Neo4j unreachable or authentication failed).
 */
import { CommanderError } from "commander";

import { KgError } from "../errors.ts";
import { safeLines, safeText } from "../util/terminal.ts";
import { createProgram } from "./program.ts";

async function main(): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync(process.argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (err) {
    return exitCodeFor(err);
  }
}

function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) {
    // help and version are "errors" to commander; they exit 0. Commander already printed the message.
    if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help") return 0;
    return 2;
  }
  if (err instanceof KgError) {
    process.stderr.write(`kg: ${safeText(err.message)}\n`);
    return err.exitCode;
  }
  process.stderr.write(`kg: internal error, please report it with the command you ran.\n`);
  process.stderr.write(`${safeLines(err instanceof Error ? (err.stack ?? err.message) : String(err))}\n`);
  return 1;
}

/** Resolve once everything written to a stream so far has been handed to the OS (pipes are asynchronous). */
function drain(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write("", () => resolve()));
}

// A reader that stops early (`kg extract --json | head`) is not an error of ours.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(0);
  // Any other failure to write (a full disk, a closed terminal) is one line, not a stack.
  process.stderr.write(`kg: cannot write to standard output (${err.code ?? safeText(err.message)}).\n`);
  process.exit(1);
});

const code = await main();
// process.exit would drop output still queued for a pipe (`kg extract --json | jq`): flush first.
await Promise.all([drain(process.stdout), drain(process.stderr)]);
process.exit(code);
