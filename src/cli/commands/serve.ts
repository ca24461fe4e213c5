/* `kg serve`: placeholder until its issue lands. */
import type { Command } from "commander";

import { UsageError } from "../../errors.ts";

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("(not built yet)")
    .allowUnknownOption()
    .action(() => {
      throw new UsageError("kg serve: not built yet.");
    });
}
