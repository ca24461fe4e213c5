/* `kg query`: placeholder until its issue lands. */
import type { Command } from "commander";

import { UsageError } from "../../errors.ts";

export function registerQuery(program: Command): void {
  program
    .command("query")
    .description("(not built yet)")
    .allowUnknownOption()
    .action(() => {
      throw new UsageError("kg query: not built yet.");
    });
}
