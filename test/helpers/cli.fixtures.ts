/*
 * Running the real CLI (`node bin/kg.js …`) from the repository root, as a user would, and collecting
 * what it prints. The one place tests spawn kg for a result; callers choose the environment.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

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
