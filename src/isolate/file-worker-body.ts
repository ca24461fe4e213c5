/*
 * A worker thread of file-runner.ts's pool: jobs { id, file, maxBytes, timed } in, in the order sent; it
 * works on one at a time, says { started: id } when it begins one (the pool's time limit for that file runs
 * from then) and answers { id, outcome, timings } when done. The pool keeps the next job queued here, so the
 * thread goes on to it at once. processFile never throws, so every job gets an answer unless the thread is
 * stopped (time budget) or dies (memory budget, a crash); the pool then replaces it and sends the jobs it
 * had not begun again.
 */
import { parentPort, workerData } from "node:worker_threads";

import type { FileAnswer, FileJob, WorkerSetup } from "./file-runner.ts";
import { processFile, type StageTimings, warmUp } from "./process-file.ts";
import { preparingCodebook } from "./report-prep.ts";

const port = parentPort;
if (!port) throw new Error("file-worker-body.ts: must run in a worker thread (see file-runner.ts).");
const setup = (workerData ?? {}) as WorkerSetup;
// The codebook the reports are prepared with (report-prep.ts), loaded once; null if it cannot be (nothing prepared then).
const prepare = setup.prepare ? preparingCodebook(setup.prepare.codebookPath) : undefined;
const queue: FileJob[] = [];
let working = false;

async function work(): Promise<void> {
  working = true;
  for (let job = queue.shift(); job; job = queue.shift()) {
    port!.postMessage({ started: job.id } satisfies FileAnswer);
    const timings: StageTimings | undefined = job.timed ? {} : undefined;
    const outcome = await processFile(job.file, { seenReports: new Set(), maxBytes: job.maxBytes, lean: job.lean, timings, prepare });
    port!.postMessage({ id: job.id, outcome, ...(timings ? { timings } : {}) } satisfies FileAnswer);
  }
  working = false;
}

port.on("message", (job: FileJob) => {
  queue.push(job);
  if (!working) void work();
});
// Build the stages' lazy tables now (within the start-up time), so that the first file's time budget
// counts its own work only.
warmUp(prepare);
port.postMessage({ ready: true } satisfies FileAnswer);
