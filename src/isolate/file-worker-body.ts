/*
 * The worker thread's side of file-runner.ts: one job at a time, { id, file, seenReports, maxBytes }
 * in, { id, outcome } out. processFile never throws, so every job gets an answer unless the thread
 * is stopped (time budget) or dies (memory budget).
 */
import { parentPort } from "node:worker_threads";

import type { CollectedFile } from "../ingest/collect-files.ts";
import { processFile } from "./process-file.ts";

/** A job sent to the worker. */
export interface FileJob {
  id: number;
  file: CollectedFile;
  seenReports: string[];
  maxBytes: number;
}

const port = parentPort;
if (!port) throw new Error("file-worker-body.ts: must run in a worker thread (see file-runner.ts).");
port.on("message", (job: FileJob) => {
  void processFile(job.file, { seenReports: new Set(job.seenReports), maxBytes: job.maxBytes }).then((outcome) => port.postMessage({ id: job.id, outcome }));
});
port.postMessage({ ready: true });
