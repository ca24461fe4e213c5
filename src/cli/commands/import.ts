/* `kg import`: placeholder until its issue lands. */
import type { Command } from "commander";

import { UsageError } from "../../errors.ts";

export function registerImport(program: Command): void {
  program
    .command("import")
    .description("(not built yet)")
    .allowUnknownOption()
    .action(() => {
      throw new UsageError("kg import: not built yet.");
    });
}
