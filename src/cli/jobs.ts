/*
 * `--jobs <n>` of `kg extract` and `kg import`: threads of the per-file worker pool (src/isolate/file-runner.ts).
 */
import { InvalidArgumentError } from "commander";

/** Parse --jobs: a whole number of threads, at least 1. */
export function parseJobs(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new InvalidArgumentError("--jobs takes a whole number of threads from 1 to 256.");
  return n;
}
