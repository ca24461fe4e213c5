/*
 * kg import's documents in a temporary file while the graph file is made (issue 12, peak memory). Each document
 * is written as it arrives, as one JSON line holding what the graph and its extraction record read of it (its
 * source without the annotations, its reports without outline and links, its metadata), and read back one at a
 * time, by its place, when the graph is built and when the graph file writes its record. The file is in
 * os.tmpdir(), removed by close(), at exit and on SIGINT/SIGTERM/SIGHUP.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { OutputError } from "../errors.ts";
import type { DocumentExtraction, ReportExtraction } from "../types.ts";

/** A document as read back: what the graph (graph/build-graph.ts) and its record (graph/records.ts) read. */
export interface SpooledDocument {
  document: { source: { path: string; sha256: string; encoding: string; text: string } };
  reports: Omit<ReportExtraction, "outline" | "links">[];
  metadata?: DocumentExtraction["metadata"];
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** Documents in a temporary file, written in order and read back by place. */
export class DocumentSpool {
  readonly dir: string;
  private readonly path: string;
  private fd: number | undefined;
  /** Byte offset of each line, and one past the last. */
  private readonly offsets: number[] = [0];
  private closed = false;
  private readonly onExit = () => this.close();
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.close();
    // Then end as the signal would have ended the process without this handler.
    process.kill(process.pid, signal);
  };

  constructor() {
    this.dir = inTmp(() => mkdtempSync(join(tmpdir(), "kg-import-")), tmpdir());
    this.path = join(this.dir, "documents.jsonl");
    this.fd = inTmp(() => openSync(this.path, "w+"), this.dir);
    process.once("exit", this.onExit);
    for (const signal of SIGNALS) process.once(signal, this.onSignal);
  }

  /** Documents written. */
  get length(): number {
    return this.offsets.length - 1;
  }

  /** Write a document; returns its place. */
  write(doc: SpooledDocument | DocumentExtraction): number {
    const { path, sha256, encoding, text } = doc.document.source;
    const line: SpooledDocument = {
      document: { source: { path, sha256, encoding, text } },
      reports: doc.reports.map((r) => {
        const { outline: _o, links: _l, ...rest } = r as ReportExtraction;
        return rest;
      }),
      ...(doc.metadata ? { metadata: doc.metadata } : {}),
    };
    const bytes = Buffer.from(JSON.stringify(line), "utf8");
    const position = this.offsets[this.offsets.length - 1]!;
    let done = 0;
    while (done < bytes.length) done += inTmp(() => writeSync(this.fd!, bytes, done, bytes.length - done, position + done), this.dir);
    this.offsets.push(position + bytes.length);
    return this.offsets.length - 2;
  }

  /** The document at `place`, read back. */
  read(place: number): SpooledDocument {
    if (this.fd === undefined) throw new Error("kg import: the temporary file was closed before the graph file was written");
    const start = this.offsets[place]!;
    const size = this.offsets[place + 1]! - start;
    const buffer = Buffer.allocUnsafe(size);
    let done = 0;
    while (done < size) {
      const n = readSync(this.fd, buffer, done, size - done, start + done);
      if (n === 0) throw new Error(`kg import: the temporary file ${this.path} ended early`);
      done += n;
    }
    return JSON.parse(buffer.toString("utf8")) as SpooledDocument;
  }

  /** Remove the temporary file (idempotent). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    process.removeListener("exit", this.onExit);
    for (const signal of SIGNALS) process.removeListener(signal, this.onSignal);
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Run a file operation on the temporary folder; a failure (a full disk, a folder not writable) becomes one clear line. */
function inTmp<T>(operation: () => T, where: string): T {
  try {
    return operation();
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new OutputError(`kg import: cannot write its temporary file in "${where}" (${reason}); set TMPDIR to a folder with room for about five times the size of the reports.`, { cause: error });
  }
}
