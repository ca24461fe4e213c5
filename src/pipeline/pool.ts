/*
 * The per-document stages on every core: a pool of worker_threads, each running processFile
 * (document.ts) on the files it is handed. Results are delivered in input order whatever order the
 * workers finish in, so the output is the same as with one thread. One job, or very few files,
 * runs on the calling thread without workers.
 */
import { availableParallelism } from "node:os";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

import type { CollectedFile } from "../ingest/index.ts";
import { processFile, type ProcessedFile, type StageTimings } from "./document.ts";

/** The default number of jobs: the machine's cores. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** Messages of the protocol between the pool and a worker (worker.ts). */
export interface WorkRequest {
  index: number;
  file: CollectedFile;
}
export type WorkReply = { index: number; result: ProcessedFile; timings: StageTimings } | { index: number; error: string };

export interface ProcessFilesOptions {
  /** Threads to use (1 = this thread only). */
  jobs: number;
  /** Stage timings are added here (from every thread). */
  timings?: StageTimings | undefined;
  /** Called once per file, in input order. */
  onFile: (index: number, result: ProcessedFile) => void;
}

/** Files per worker below which starting workers costs more than it saves. */
const MIN_FILES_PER_WORKER = 4;

/**
 * Run the per-document stages over files, on `jobs` threads, delivering results in input order.
 * Returns the number of worker threads used (0: all on this thread).
 */
export async function processFiles(files: readonly CollectedFile[], options: ProcessFilesOptions): Promise<{ workers: number }> {
  const workers = Math.min(options.jobs, Math.floor(files.length / MIN_FILES_PER_WORKER));
  if (workers <= 1) {
    for (let i = 0; i < files.length; i++) options.onFile(i, await processFile(files[i]!, options.timings));
    return { workers: 0 };
  }
  await runPool(files, workers, options);
  return { workers };
}

function runPool(files: readonly CollectedFile[], size: number, options: ProcessFilesOptions): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const pending = new Map<number, ProcessedFile>();
    const pool: Worker[] = [];
    let nextToSend = 0;
    let nextToDeliver = 0;
    let settled = false;
    // At most this many results wait for an earlier one, which bounds memory when one file is slow.
    const window = size * 8;

    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      for (const w of pool) void w.terminate();
      if (error !== undefined) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve();
    };
    const feed = (worker: Worker) => {
      if (nextToSend < files.length && nextToSend - nextToDeliver < window) {
        const request: WorkRequest = { index: nextToSend, file: files[nextToSend]! };
        nextToSend++;
        worker.postMessage(request);
        return true;
      }
      return false;
    };
    const idle: Worker[] = [];
    for (let i = 0; i < size; i++) {
      const worker = spawnWorker();
      pool.push(worker);
      worker.on("error", (err) => finish(err));
      // A worker that dies without an error event (killed, out of memory) must not leave the pool waiting.
      worker.on("exit", (code) => finish(new Error(`a pipeline worker thread stopped (exit code ${code}) before the files were processed`)));
      worker.on("message", (reply: WorkReply) => {
        if (settled) return;
        if ("error" in reply) return finish(new Error(`while processing ${files[reply.index]!.path}: ${reply.error}`));
        if (options.timings) for (const [k, v] of Object.entries(reply.timings)) options.timings[k] = (options.timings[k] ?? 0) + v;
        pending.set(reply.index, shareText(reply.result));
        while (pending.has(nextToDeliver)) {
          const result = pending.get(nextToDeliver)!;
          pending.delete(nextToDeliver);
          try {
            options.onFile(nextToDeliver, result);
          } catch (err) {
            return finish(err);
          }
          nextToDeliver++;
        }
        if (nextToDeliver === files.length) return finish();
        idle.push(worker);
        while (idle.length && feed(idle[0]!)) idle.shift();
      });
      if (!feed(worker)) idle.push(worker);
    }
  });
}

/**
 * A document copied from a worker holds its source and analysis text as two strings even when they
 * are equal (normaliseDocument shares one): share one again, so the corpus is held once.
 */
function shareText(result: ProcessedFile): ProcessedFile {
  const d = result.document;
  // Strings compare by value: when equal, keep the one reference.
  if (d && d.text === d.source.text) d.text = d.source.text;
  return result;
}

/**
 * A worker running worker.ts (or worker.js in the compiled CLI). From TypeScript sources the worker
 * registers tsx's loader itself, whatever loaded the parent (tsx CLI, tsx API, vitest).
 */
function spawnWorker(): Worker {
  const fromSource = import.meta.url.endsWith(".ts");
  const script = new URL(fromSource ? "./worker.ts" : "./worker.js", import.meta.url);
  const common = { execArgv: [] as string[] };
  if (!fromSource) return new Worker(script, common);
  // The ESM build of tsx's API (require.resolve finds its CommonJS twin next to it).
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs")).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}); });`;
  return new Worker(bootstrap, { ...common, eval: true });
}
