/* `kg eval`: placeholder until its issue lands. */
import type { Command } from "commander";

import { UsageError } from "../../errors.ts";

export function registerEval(program: Command): void {
  program
    .command("eval")
    .description("(not built yet)")
    .allowUnknownOption()
    .action(() => {
      throw new UsageError("kg eval: not built yet.");
    });
}
