/*
 * Running the real CLI (`node bin/kg.js …`) from the repository root, as a user would, and collecting
 * what it prints. The one place tests spawn kg for a result; callers choose the environment.
 */
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

import { expect } from "vitest";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Exit code and everything printed by one CLI run. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run `node bin/kg.js ...args` with exactly `env` and wait for it to end.
 * @example const { code, stderr } = await spawnKg(["extract", "seeds/"], process.env);
 */
export function spawnKg(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/kg.js", ...args], { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += String(c)));
    child.stderr.on("data", (c) => (stderr += String(c)));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * `kg extract --json --jobs 1 ...paths` (never into Neo4j: NEO4J_URI unset) written to `file`, as a
 * shard made on another machine would be. Returns `file`.
 */
export async function extractJsonTo(paths: string[], file: string): Promise<string> {
  const env = { ...process.env };
  delete env.NEO4J_URI;
  const run = await spawnKg(["extract", "--json", "--jobs", "1", ...paths], env);
  expect(run.code, run.stderr).toBe(0);
  await writeFile(file, run.stdout);
  return file;
}
