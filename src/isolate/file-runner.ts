/*
 * Runs the per-file stages (process-file.ts) of every input file, on a pool of `jobs` worker threads,
 * each file under the budgets of src/budget.ts, and delivers the outcomes in input order whatever order
 * the workers finish in, so the output does not depend on the number of jobs.
 *
 * - jobs = 1 and no time limit: everything in this thread (fast, nothing to start).
 * - otherwise: up to `jobs` workers (never more than one per MIN_FILES_PER_WORKER files, at least one
 *   when there is a time limit). Each worker holds FILES_IN_FLIGHT files: the one it works on and the
 *   next, queued in the worker, so that it goes on without waiting for this thread. A worker says when
 *   it begins a file; with a time limit, a timer runs from then until its answer. JavaScript cannot
 *   interrupt a stuck regular expression or loop from inside its own thread, but it can stop another
 *   thread: when a file overruns its time, or its worker dies (the worker's heap limit, a crash), that
 *   worker is terminated and replaced by a fresh one, the file it was working on gets one error
 *   diagnostic, the file it had not begun is sent again, and the other files go on. The run never fails for it.
 * - a worker that cannot start at all (a broken install): its share of the files is processed in this
 *   thread, without a time limit, each with a warning.
 * - with `prepare` and two workers or more, once every file is delivered, each worker prepares the documents it extracted for the
 *   cross-report stages (report-prep.ts) and the run ends when all have answered; a worker lost then only
 *   leaves its documents unprepared (assemble computes their part), no file is skipped for it.
 */
import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";

import type { FileBudget } from "../budget.ts";
import type { CollectedFile } from "../ingest/collect-files.ts";
import type { Diagnostic, DocumentExtraction } from "../types.ts";
import { type FileOutcome, processFile, type ProcessFileOptions, type StageTimings } from "./process-file.ts";
import { attachPrep, type ReportPrep } from "./report-prep.ts";

/** The default number of jobs: the machine's cores. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** A job sent to a worker (file-worker-body.ts). */
export interface FileJob {
  id: number;
  file: CollectedFile;
  maxBytes: number;
  /** Leave out the outline and the line table (process-file.ts leanDocument), before the copy to the main thread. */
  lean: boolean;
  /** Whether to time the stages (for the benchmark). */
  timed: boolean;
}

/**
 * A worker's messages: ready once it has loaded the pipeline, then for each job, in the order sent, `started`
 * when it begins it and its answer when done.
 */
export type FileAnswer =
  | { ready: true }
  | { started: number }
  | { id: number; outcome: FileOutcome; timings?: StageTimings }
  | { prepared: { id: number; prep: ReportPrep[] }[] };

/** What the pool sends a worker: jobs, and once every file is delivered (with `prepare`), `drain`. */
export type PoolMessage = FileJob | { drain: true };

export interface RunFilesOptions {
  /** Per-file budgets (size, time, worker memory). */
  budget: FileBudget;
  /** Threads to use (1 = this thread only, unless there is a time limit: then one worker). */
  jobs: number;
  /** Called once per file, in input order. */
  onFile: (index: number, outcome: FileOutcome) => void;
  /** Leave out what only the per-document stages read (PipelineOptions.lean). */
  lean?: boolean | undefined;
  /** Stage timings are added here (from every thread). */
  timings?: StageTimings | undefined;
  /**
   * Prepare each document's reports for the cross-report stages (report-prep.ts) with the codebook at this path
   * (undefined: the shipped one), in the worker thread that extracted it, once every file is delivered: runFiles
   * then resolves after the preparations are attached to the delivered reports (attachPrep). Only with two workers
   * or more (one would prepare while this thread waits), not in this thread,
   * nor for a file whose worker was stopped: assemble computes what is not prepared. Absent: nothing is prepared.
   */
  prepare?: { codebookPath: string | undefined } | undefined;
  /** Told when the workers begin preparing (every file delivered), with how many prepare: for progress, as it can take a while. */
  onPrepare?: ((workers: number) => void) | undefined;
}

/** What a worker is started with (workerData). */
export interface WorkerSetup {
  /** Prepare reports with the codebook at this path (undefined: the shipped one); absent: nothing is prepared. */
  prepare?: { codebookPath: string | undefined } | undefined;
}

/** Files per worker below which starting another worker costs more than it saves. */
export const MIN_FILES_PER_WORKER = 4;
/** Time a worker may take to start (load the pipeline's modules), not counted in any file's budget. */
const STARTUP_MS = 60_000;

/**
 * Run the per-file stages over files, delivering outcomes in input order; never rejects because of a file.
 * Returns the number of worker threads the pool had (0: all in this thread).
 * @example await runFiles(files, { budget: resolveBudget(), jobs: 2, onFile: (i, outcome) => … });
 */
export async function runFiles(files: readonly CollectedFile[], options: RunFilesOptions): Promise<{ workers: number }> {
  const { budget } = options;
  const byFiles = Math.ceil(files.length / MIN_FILES_PER_WORKER);
  const size = Math.min(Math.max(1, Math.floor(options.jobs)), byFiles);
  if (files.length === 0 || (size <= 1 && budget.timeLimitMs <= 0)) {
    for (let i = 0; i < files.length; i++) options.onFile(i, await processFile(files[i]!, inThread(options)));
    return { workers: 0 };
  }
  await new Pool(files, size, options).run();
  return { workers: size };
}

const NO_REPORTS: ReadonlySet<string> = new Set();

/** processFile's options for a file processed in this thread. */
function inThread(options: RunFilesOptions): ProcessFileOptions {
  return { seenReports: NO_REPORTS, maxBytes: options.budget.maxBytes, lean: options.lean, timings: options.timings };
}

/** Files a worker holds at once: the one it works on and the next, so that it never waits for this thread between files. */
export const FILES_IN_FLIGHT = 2;

/** A file handed to a slot: its place in the input, the id of its job, and its time-limit timer once its worker began it. */
interface Held {
  index: number;
  id: number;
  timer: NodeJS.Timeout | undefined;
  /** Set when the worker said it began this file (its time limit runs from then). */
  started: boolean;
}

/** One place in the pool: its current worker (replaced when it is stopped) and the files it holds, in the order sent. */
interface Slot {
  worker: Worker | undefined;
  ready: boolean;
  /** The files this slot holds: the first is the one its worker works on (once started), the rest wait in its queue. */
  held: Held[];
  /** Set when a worker could not start: this slot then works in this thread. */
  unavailable: string | undefined;
  /** Set while its worker prepares the documents it extracted (after every file is delivered). */
  draining: boolean;
}

class Pool {
  private readonly outcomes = new Map<number, FileOutcome>();
  private readonly slots: Slot[] = [];
  /** Files handed to a worker that was stopped before it began them: sent again, before any new file. */
  private readonly resend: number[] = [];
  /** Documents delivered from a worker, by job id, while their preparation may still come (options.prepare). */
  private readonly delivered = new Map<number, DocumentExtraction>();
  private drainStarted = 0;
  private nextToSend = 0;
  private nextToDeliver = 0;
  private nextId = 1;
  private settled = false;
  private resolve!: () => void;
  private reject!: (error: Error) => void;
  /** At most this many outcomes wait for an earlier one, which bounds memory when one file is slow. */
  private readonly window: number;
  /** options.prepare, with two workers or more. */
  private readonly prepare: RunFilesOptions["prepare"];

  constructor(
    private readonly files: readonly CollectedFile[],
    private readonly size: number,
    private readonly options: RunFilesOptions,
  ) {
    this.window = size * 8;
    // One worker would prepare while this thread waits: no faster than assemble doing it, and the results must be copied.
    this.prepare = size >= 2 ? options.prepare : undefined;
  }

  run(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
      for (let i = 0; i < this.size; i++) {
        const slot: Slot = { worker: undefined, ready: false, held: [], unavailable: undefined, draining: false };
        this.slots.push(slot);
        this.start(slot);
      }
    });
  }

  /** Start a fresh worker in the slot; it is fed once it has loaded the pipeline. */
  private start(slot: Slot): void {
    const { budget } = this.options;
    const worker = spawnWorker(budget.workerMemoryMb, { prepare: this.prepare });
    slot.worker = worker;
    slot.ready = false;
    const startup = setTimeout(() => this.unavailable(slot, worker, `it did not start within ${STARTUP_MS / 1000} s`), STARTUP_MS);
    worker.on("message", (answer: FileAnswer) => {
      if (slot.worker !== worker) return;
      if ("ready" in answer) {
        clearTimeout(startup);
        slot.ready = true;
        this.feed(slot);
        return;
      }
      if ("started" in answer) return this.began(slot, answer.started);
      if ("prepared" in answer) return this.prepared(slot, answer.prepared);
      if (slot.held[0]?.id !== answer.id) return;
      this.addTimings(answer.timings);
      this.settle(slot, shareText(answer.outcome));
    });
    worker.on("error", (error: Error & { code?: string }) => {
      clearTimeout(startup);
      if (slot.worker !== worker) return;
      if (!slot.ready) return this.unavailable(slot, worker, error.message.split("\n")[0] ?? String(error));
      const reason =
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? `processing needed more than the worker's memory limit of ${budget.workerMemoryMb} MB (KG_WORKER_MEMORY_MB)`
          : `the worker thread failed (${error.name}: ${error.message.split("\n")[0]})`;
      this.lost(slot, "worker", `${reason}; this file was skipped, the others go on`);
    });
    // A worker that dies without an error event (killed, out of memory) must not leave the pool waiting.
    worker.on("exit", (code) => {
      clearTimeout(startup);
      if (slot.worker !== worker) return;
      if (!slot.ready) return this.unavailable(slot, worker, `it exited with code ${code}`);
      this.lost(slot, "worker", `the worker thread exited unexpectedly (code ${code}); this file was skipped, the others go on`);
    });
  }

  /** The slot's worker began the file of job `id`: its time limit runs from now. */
  private began(slot: Slot, id: number): void {
    const held = slot.held[0];
    if (!held || held.id !== id || held.started) return;
    held.started = true;
    const { budget } = this.options;
    if (budget.timeLimitMs <= 0) return;
    held.timer = setTimeout(
      () =>
        this.lost(
          slot,
          "budget",
          `processing took longer than the per-file time budget of ${budget.timeLimitMs / 1000} s (--time-limit or KG_TIME_LIMIT); skipped`,
        ),
      budget.timeLimitMs,
    );
  }

  /** The index of the next file to hand out (a file to send again first), if the window allows one. */
  private takeNext(): number | undefined {
    if (this.resend.length > 0) return this.resend.shift();
    if (this.nextToSend >= this.files.length || this.nextToSend - this.nextToDeliver >= this.window) return undefined;
    return this.nextToSend++;
  }

  /** Hand the slot files until it holds FILES_IN_FLIGHT (one, when it works in this thread), if any are left. */
  private feed(slot: Slot): void {
    const { budget } = this.options;
    if (slot.unavailable !== undefined) {
      if (this.settled || slot.held.length > 0) return;
      const index = this.takeNext();
      if (index === undefined) return;
      const file = this.files[index]!;
      slot.held.push({ index, id: this.nextId++, timer: undefined, started: true });
      void processFile(file, inThread(this.options)).then((outcome) => {
        outcome.diagnostics.unshift(workerUnavailable(file.path, slot.unavailable!));
        this.settle(slot, outcome);
      });
      return;
    }
    while (!this.settled && slot.ready && slot.worker && slot.held.length < FILES_IN_FLIGHT) {
      const index = this.takeNext();
      if (index === undefined) return;
      const id = this.nextId++;
      slot.held.push({ index, id, timer: undefined, started: false });
      const job: FileJob = { id, file: this.files[index]!, maxBytes: budget.maxBytes, lean: this.options.lean === true, timed: this.options.timings !== undefined };
      slot.worker.postMessage(job);
    }
  }

  /** The slot's current file is done: store its outcome, deliver what is in order, feed every slot. */
  private settle(slot: Slot, outcome: FileOutcome): void {
    const held = slot.held.shift();
    if (!held || this.settled) return;
    if (held.timer) clearTimeout(held.timer);
    this.outcomes.set(held.index, outcome);
    if (this.prepare && slot.unavailable === undefined && outcome.extraction) this.delivered.set(held.id, outcome.extraction);
    while (this.outcomes.has(this.nextToDeliver)) {
      const next = this.outcomes.get(this.nextToDeliver)!;
      this.outcomes.delete(this.nextToDeliver);
      try {
        this.options.onFile(this.nextToDeliver, next);
      } catch (error) {
        return this.finish(error);
      }
      this.nextToDeliver++;
    }
    if (this.nextToDeliver === this.files.length) return this.drain();
    // This slot first (its worker may have nothing queued now), then the others (the window may have moved).
    this.feed(slot);
    for (const s of this.slots) if (s !== slot) this.feed(s);
  }

  /**
   * The slot's worker overran or died: the file it was working on is skipped with one diagnostic, the files
   * waiting in its queue are sent again (to whichever worker is free first), and the worker is replaced.
   */
  private lost(slot: Slot, what: string, message: string): void {
    const worker = slot.worker;
    slot.worker = undefined;
    slot.ready = false;
    if (worker) void worker.terminate();
    if (this.settled) return;
    // A worker lost while preparing: its documents are left unprepared (assemble computes their part), nothing is skipped.
    if (slot.draining) return this.prepared(slot, []);
    const current = slot.held[0]?.started ? slot.held[0] : undefined;
    const waiting = slot.held.splice(current ? 1 : 0);
    for (const held of waiting) if (held.timer) clearTimeout(held.timer);
    // In input order, ahead of new files: they were due first.
    for (const held of waiting) this.resend.push(held.index);
    this.resend.sort((a, b) => a - b);
    if (current) {
      const path = this.files[current.index]!.path;
      this.settle(slot, { extraction: null, diagnostics: [{ severity: "error", origin: `pipeline:${what}`, path, message }] });
    } else {
      for (const s of this.slots) if (s !== slot) this.feed(s);
    }
    if (!this.settled) this.start(slot);
  }

  /** The slot's worker could not start: the slot works in this thread from now on. */
  private unavailable(slot: Slot, worker: Worker, why: string): void {
    if (slot.worker !== worker) return;
    slot.worker = undefined;
    void worker.terminate();
    slot.unavailable = why;
    this.feed(slot);
  }

  /**
   * Every file is delivered: with options.prepare, each worker prepares the documents it extracted (report-prep.ts),
   * and the run ends once all have answered (or are lost); otherwise it ends now.
   */
  private drain(): void {
    const draining = this.prepare ? this.slots.filter((s) => s.worker && s.ready && s.held.length === 0) : [];
    if (draining.length === 0) return this.finish();
    this.drainStarted = performance.now();
    this.options.onPrepare?.(draining.length);
    for (const slot of draining) {
      slot.draining = true;
      slot.worker!.postMessage({ drain: true } satisfies PoolMessage);
    }
  }

  /** A worker's preparations: attached beside the delivered reports; the run ends when no worker is still preparing. */
  private prepared(slot: Slot, prepared: { id: number; prep: ReportPrep[] }[]): void {
    if (!slot.draining) return;
    slot.draining = false;
    for (const { id, prep } of prepared) {
      const doc = this.delivered.get(id);
      if (doc && prep.length === doc.reports.length) doc.reports.forEach((r, i) => attachPrep(r, prep[i]!));
    }
    if (this.slots.some((s) => s.draining)) return;
    // The benchmark's figure: the wall time of the preparation, all workers together.
    const into = this.options.timings;
    if (into) into.prepare = (into.prepare ?? 0) + performance.now() - this.drainStarted;
    this.finish();
  }

  private addTimings(timings: StageTimings | undefined): void {
    const into = this.options.timings;
    if (!into || !timings) return;
    for (const [stage, ms] of Object.entries(timings)) into[stage] = (into[stage] ?? 0) + ms;
  }

  private finish(error?: unknown): void {
    if (this.settled) return;
    this.settled = true;
    for (const slot of this.slots) {
      for (const held of slot.held) if (held.timer) clearTimeout(held.timer);
      const worker = slot.worker;
      slot.worker = undefined;
      if (worker) void worker.terminate();
    }
    if (error === undefined) this.resolve();
    else this.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/**
 * A document copied from a worker holds its source and analysis text as two strings even when they
 * are equal (normaliseDocument shares one): share one again, so the corpus is held once.
 */
function shareText(outcome: FileOutcome): FileOutcome {
  const d = outcome.extraction?.document;
  // Strings compare by value: when equal, keep the one reference.
  if (d && d.text === d.source.text) d.text = d.source.text;
  return outcome;
}

/**
 * A worker running file-worker-body.ts: from the TypeScript sources through file-worker.mjs (which
 * registers tsx's loader), from the compiled CLI (lib/) directly as file-worker-body.js.
 */
function spawnWorker(memoryMb: number, setup: WorkerSetup): Worker {
  const fromSource = import.meta.url.endsWith(".ts");
  const script = new URL(fromSource ? "./file-worker.mjs" : "./file-worker-body.js", import.meta.url);
  return new Worker(script, {
    execArgv: [],
    workerData: setup,
    ...(memoryMb > 0 ? { resourceLimits: { maxOldGenerationSizeMb: memoryMb } } : {}),
    stdout: false,
    stderr: false,
  });
}

function workerUnavailable(path: string, why: string): Diagnostic {
  return {
    severity: "warning",
    origin: "pipeline:worker",
    path,
    message: `the worker thread that enforces the time budget could not start (${why}); this file was processed without a time limit`,
  };
}
