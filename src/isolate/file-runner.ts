/*
 * Runs the per-file stages of each input file under the file budgets (src/budget.ts). Without a time
 * limit, in this thread (fast, nothing to start). With one, in a worker thread: JavaScript cannot
 * interrupt a stuck regular expression or loop from inside its own thread, but it can stop another
 * thread. When a file overruns its time (or the worker's heap limit), the worker is terminated, the
 * file gets one error diagnostic, and a fresh worker takes the next file.
 */
import { Worker } from "node:worker_threads";

import type { FileBudget } from "../budget.ts";
import type { CollectedFile } from "../ingest/collect-files.ts";
import type { Diagnostic } from "../types.ts";
import type { FileJob } from "./file-worker-body.ts";
import { type FileOutcome, processFile } from "./process-file.ts";

/** Processes files one at a time; close() when done. */
export interface FileRunner {
  run(file: CollectedFile, seenReports: ReadonlySet<string>): Promise<FileOutcome>;
  close(): Promise<void>;
}

/**
 * A runner for the budget: in-thread without a time limit, else a worker thread with a timeout per file.
 * @example const runner = createFileRunner(resolveBudget()); try { … await runner.run(file, seen) … } finally { await runner.close(); }
 */
export function createFileRunner(budget: FileBudget): FileRunner {
  if (budget.timeLimitMs <= 0) {
    return {
      run: (file, seenReports) => processFile(file, { seenReports, maxBytes: budget.maxBytes }),
      close: async () => undefined,
    };
  }
  return new WorkerRunner(budget);
}

const WORKER_URL = new URL("./file-worker.mjs", import.meta.url);

/** Time the worker may take to start (load the pipeline's modules), on top of the first file's budget. */
const STARTUP_MS = 60_000;

type Answer = { id: number; outcome: FileOutcome } | { ready: true };

class WorkerRunner implements FileRunner {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private nextId = 1;
  private pending: { id: number; resolve: (o: FileOutcome) => void; fail: (reason: string) => void } | undefined;

  constructor(private readonly budget: FileBudget) {}

  async run(file: CollectedFile, seenReports: ReadonlySet<string>): Promise<FileOutcome> {
    try {
      await this.start();
    } catch (error) {
      // The worker could not start at all (a broken install): fall back to this thread, without a time limit.
      this.stop();
      const outcome = await processFile(file, { seenReports, maxBytes: this.budget.maxBytes });
      outcome.diagnostics.unshift(workerUnavailable(file.path, error));
      return outcome;
    }
    const worker = this.worker!;
    const id = this.nextId++;
    const job: FileJob = { id, file, seenReports: [...seenReports], maxBytes: this.budget.maxBytes };
    return new Promise<FileOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        this.stop();
        resolve(skipped(file.path, "budget", `processing took longer than the per-file time budget of ${this.budget.timeLimitMs / 1000} s (--time-limit or KG_TIME_LIMIT); skipped`));
      }, this.budget.timeLimitMs);
      this.pending = {
        id,
        resolve: (outcome) => {
          clearTimeout(timer);
          resolve(outcome);
        },
        fail: (reason) => {
          clearTimeout(timer);
          this.stop();
          resolve(skipped(file.path, "worker", `${reason}; this file was skipped, the others go on`));
        },
      };
      worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    await worker?.terminate();
  }

  /** Start the worker if none runs, and wait until it has loaded the pipeline. */
  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const worker = new Worker(WORKER_URL, {
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: this.budget.workerMemoryMb },
      stdout: false,
      stderr: false,
    });
    worker.unref();
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`it did not start within ${STARTUP_MS / 1000} s`)), STARTUP_MS);
      worker.on("message", (answer: Answer) => {
        if ("ready" in answer) {
          clearTimeout(timer);
          resolve();
          return;
        }
        if (this.pending?.id === answer.id) {
          const pending = this.pending;
          this.pending = undefined;
          pending.resolve(answer.outcome);
        }
      });
      worker.on("error", (error: Error & { code?: string }) => {
        clearTimeout(timer);
        reject(error);
        const reason =
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? `processing needed more than the worker's memory limit of ${this.budget.workerMemoryMb} MB (KG_WORKER_MEMORY_MB)`
            : `the worker thread failed (${error.name}: ${error.message.split("\n")[0]})`;
        this.failPending(reason);
      });
      worker.on("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`it exited with code ${code}`));
        if (this.worker === worker) this.failPending(`the worker thread exited unexpectedly (code ${code})`);
      });
    });
    return this.ready;
  }

  private failPending(reason: string): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.fail(reason);
  }

  /** Stop the current worker (a stuck one included); the next run starts a fresh one. */
  private stop(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    if (worker) void worker.terminate();
  }
}

function skipped(path: string, what: string, message: string): FileOutcome {
  return { extraction: null, diagnostics: [{ severity: "error", origin: `pipeline:${what}`, path, message }] };
}

function workerUnavailable(path: string, error: unknown): Diagnostic {
  const why = error instanceof Error ? error.message.split("\n")[0] : String(error);
  return {
    severity: "warning",
    origin: "pipeline:worker",
    path,
    message: `the worker thread that enforces the time budget could not start (${why}); this file was processed without a time limit`,
  };
}
