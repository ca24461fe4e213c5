/* `kg extract`: placeholder until its issue lands. */
import type { Command } from "commander";

import { UsageError } from "../../errors.ts";

export function registerExtract(program: Command): void {
  program
    .command("extract")
    .description("(not built yet)")
    .allowUnknownOption()
    .action(() => {
      throw new UsageError("kg extract: not built yet.");
    });
}
