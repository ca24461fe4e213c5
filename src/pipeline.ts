/*
 * The extraction pipeline composed from its stages:
 * ingest → normalise → segment → outline → classify → extract → themes → links.
 * (Graph building and the sinks come after, in graph/ and the commands.)
 */
import type { Extraction } from "./types.ts";

export interface PipelineOptions {
  /** Path of a user codebook (JSON) replacing the shipped one. */
  codebookPath?: string;
  /** Called as files are read and reports extracted, for progress bars. */
  onProgress?: (done: number, total: number, what: string) => void;
}

/**
 * Run the whole extraction over files and folders (recursive).
 * @example const extraction = await runPipeline(["seeds/"]);
 */
export async function runPipeline(_paths: string[], _options: PipelineOptions = {}): Promise<Extraction> {
  throw new Error("runPipeline: not built yet.");
}
