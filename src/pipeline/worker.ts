/*
 * A pool worker (pool.ts): runs the per-document stages on each file it is sent and replies with
 * the result and the time spent per stage.
 */
import { parentPort } from "node:worker_threads";

import { processFile, type StageTimings } from "./document.ts";
import type { WorkReply, WorkRequest } from "./pool.ts";

const port = parentPort;
if (!port) throw new Error("pipeline/worker.ts runs as a worker thread of pipeline/pool.ts");

port.on("message", (request: WorkRequest) => {
  const timings: StageTimings = {};
  processFile(request.file, timings).then(
    (result) => port.postMessage({ index: request.index, result, timings } satisfies WorkReply),
    (error: unknown) => port.postMessage({ index: request.index, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkReply),
  );
});
