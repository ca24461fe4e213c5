/*
 * A worker thread of file-runner.ts's pool: one job at a time, { id, file, maxBytes, timed } in,
 * { id, outcome, timings } out. processFile never throws, so every job gets an answer unless the
 * thread is stopped (time budget) or dies (memory budget, a crash); the pool then replaces it.
 */
import { parentPort } from "node:worker_threads";

import type { FileAnswer, FileJob } from "./file-runner.ts";
import { processFile, type StageTimings, warmUp } from "./process-file.ts";

const port = parentPort;
if (!port) throw new Error("file-worker-body.ts: must run in a worker thread (see file-runner.ts).");
port.on("message", (job: FileJob) => {
  const timings: StageTimings | undefined = job.timed ? {} : undefined;
  void processFile(job.file, { seenReports: new Set(), maxBytes: job.maxBytes, lean: job.lean, timings }).then((outcome) =>
    port.postMessage({ id: job.id, outcome, ...(timings ? { timings } : {}) } satisfies FileAnswer),
  );
});
// Build the stages' lazy tables now (within the start-up time), so that the first file's time budget
// counts its own work only.
warmUp();
port.postMessage({ ready: true } satisfies FileAnswer);
