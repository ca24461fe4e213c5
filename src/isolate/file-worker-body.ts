/*
 * A worker thread of file-runner.ts's pool: jobs { id, file, maxBytes, timed } in, in the order sent; it
 * works on one at a time, says { started: id } when it begins one (the pool's time limit for that file runs
 * from then) and answers { id, outcome, timings } when done. The pool keeps the next job queued here, so the
 * thread goes on to it at once. processFile never throws, so every job gets an answer unless the thread is
 * stopped (time budget) or dies (memory budget, a crash); the pool then replaces it and sends the jobs it
 * had not begun again.
 *
 * When started with `prepare` (workerData), it keeps what the preparation reads of each document it extracted
 * (report-prep.ts compactReport: statements as scored and their item bodies, not the documents) and,
 * once the pool says { drain: true } (every file delivered), prepares them all for the cross-report stages
 * (report-prep.ts) and answers { prepared: [{ id, prep }] }. All at once rather than file by file: scoring and
 * word segmentation run several times faster with their tables hot, and the main thread holds nothing extra
 * while files go on arriving.
 */
import { parentPort, workerData } from "node:worker_threads";

import type { FileAnswer, FileJob, PoolMessage, WorkerSetup } from "./file-runner.ts";
import { processFile, type StageTimings, warmUp } from "./process-file.ts";
import { type CompactReport, compactReport, prepareReports, preparingCodebook, type ReportPrep } from "./report-prep.ts";

const port = parentPort;
if (!port) throw new Error("file-worker-body.ts: must run in a worker thread (see file-runner.ts).");
const setup = (workerData ?? {}) as WorkerSetup;
const queue: FileJob[] = [];
/** What the preparation reads of each document extracted here (with `prepare`), by job id: not the documents themselves. */
const kept: { id: number; reports: CompactReport[] }[] = [];
let working = false;

async function work(): Promise<void> {
  working = true;
  for (let job = queue.shift(); job; job = queue.shift()) {
    port!.postMessage({ started: job.id } satisfies FileAnswer);
    const timings: StageTimings | undefined = job.timed ? {} : undefined;
    const outcome = await processFile(job.file, { seenReports: new Set(), maxBytes: job.maxBytes, lean: job.lean, timings });
    port!.postMessage({ id: job.id, outcome, ...(timings ? { timings } : {}) } satisfies FileAnswer);
    const doc = outcome.extraction;
    if (setup.prepare && doc) kept.push({ id: job.id, reports: doc.reports.map((r) => compactReport(doc.document.text, r, true)) });
  }
  working = false;
}

/** Prepare every document kept; one that fails is left out (the main thread then computes its part itself). */
function drain(): void {
  const codebook = setup.prepare ? preparingCodebook(setup.prepare.codebookPath) : null;
  const prepared: { id: number; prep: ReportPrep[] }[] = [];
  if (codebook) {
    for (const { id, reports } of kept) {
      try {
        prepared.push({ id, prep: prepareReports(reports, codebook) });
      } catch {
        // Not prepared: assemble computes it, and reports a failure as it always did.
      }
    }
  }
  kept.length = 0;
  port!.postMessage({ prepared } satisfies FileAnswer);
}

port.on("message", (message: PoolMessage) => {
  if ("drain" in message) return drain();
  queue.push(message);
  if (!working) void work();
});
// Build the stages' lazy tables now (within the start-up time), so that the first file's time budget
// counts its own work only.
warmUp();
port.postMessage({ ready: true } satisfies FileAnswer);
