/*
 * Per-file extraction budgets: how many bytes one input file may have and how long its per-file
 * stages (read, decode, HTML/Word text, normalise, segment, outline, classify, extract) may take.
 * A file over budget becomes one error diagnostic and the run goes on with the others.
 * Resolved from CLI flags, then the environment (KG_MAX_FILE_MB, KG_TIME_LIMIT), then the defaults.
 * 0 means "no limit". With a time limit, each file is processed in a worker thread that is
 * stopped when the limit passes (a stuck regular expression cannot be interrupted any other way).
 */
import { UsageError } from "./errors.ts";

/** Largest input file read, in MB (1 MB = 1,048,576 bytes). About 7 million Chinese characters in UTF-8. */
export const DEFAULT_MAX_FILE_MB = 20;
/** Longest the per-file stages of one file may take, in seconds. */
export const DEFAULT_TIME_LIMIT_S = 120;
/** Heap limit of the worker thread that processes files, in MB: a file that needs more is skipped, not the run. */
export const DEFAULT_WORKER_MEMORY_MB = 4096;

/** The budgets one file is processed under. */
export interface FileBudget {
  /** Largest file in bytes; 0 = no limit. */
  maxBytes: number;
  /** Longest per-file processing in milliseconds; 0 = no limit (and no worker thread). */
  timeLimitMs: number;
  /** Heap limit of the worker thread in MB (only with a time limit). */
  workerMemoryMb: number;
}

/** Budgets for library callers that pass none: the size limit only, everything in this thread. */
export const IN_THREAD_BUDGET: FileBudget = { maxBytes: DEFAULT_MAX_FILE_MB * 1024 * 1024, timeLimitMs: 0, workerMemoryMb: 0 };

/** Flags as commander hands them over (strings), undefined when not given. */
export interface BudgetFlags {
  maxFileSize?: string | number | undefined;
  timeLimit?: string | number | undefined;
}

/**
 * The budgets of a CLI run: flags, then KG_MAX_FILE_MB / KG_TIME_LIMIT / KG_WORKER_MEMORY_MB, then the defaults.
 * @example resolveBudget({ timeLimit: "30" }, process.env) // { maxBytes: 20971520, timeLimitMs: 30000, … }
 */
export function resolveBudget(flags: BudgetFlags = {}, env: NodeJS.ProcessEnv = process.env): FileBudget {
  const mb = parseLimit(flags.maxFileSize ?? nonEmpty(env.KG_MAX_FILE_MB) ?? DEFAULT_MAX_FILE_MB, "--max-file-size (KG_MAX_FILE_MB)", "MB");
  const s = parseLimit(flags.timeLimit ?? nonEmpty(env.KG_TIME_LIMIT) ?? DEFAULT_TIME_LIMIT_S, "--time-limit (KG_TIME_LIMIT)", "seconds");
  const memory = parseLimit(nonEmpty(env.KG_WORKER_MEMORY_MB) ?? DEFAULT_WORKER_MEMORY_MB, "KG_WORKER_MEMORY_MB", "MB");
  return { maxBytes: Math.round(mb * 1024 * 1024), timeLimitMs: Math.round(s * 1000), workerMemoryMb: Math.max(64, Math.round(memory)) };
}

/** Parse a limit: a number ≥ 0 (decimals allowed), 0 meaning none. Throws UsageError (exit 2) otherwise. */
export function parseLimit(value: string | number, what: string, unit: string): number {
  const n = typeof value === "number" ? value : /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isFinite(n) || n < 0) {
    throw new UsageError(`${what} must be a number of ${unit} (0 = no limit), got "${String(value)}".`);
  }
  return n;
}

/** "20 MB", "1.5 MB", "800 KB" for messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${trim(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${trim(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

function trim(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}
