/*
 * mkdir -p without Node's `mkdir(…, { recursive: true })`, which loops forever when a parent exists
 * but refuses children with ENOENT (e.g. under /proc): find the nearest existing ancestor, then create
 * each missing folder below it once, non-recursively. Errors are thrown as they come.
 */
import { mkdir, stat } from "node:fs/promises";
import { dirname } from "node:path";

/** Create `dir` and its missing parents; resolves when it exists. */
export async function ensureFolder(dir: string): Promise<void> {
  const missing: string[] = [];
  let at = dir;
  for (;;) {
    const info = await stat(at).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return null;
      throw error;
    });
    if (info) {
      if (!info.isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${at}'`), { code: "ENOTDIR", path: at });
      break;
    }
    missing.push(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (let i = missing.length - 1; i >= 0; i--) {
    await mkdir(missing[i]!).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST") throw error;
    });
  }
}
