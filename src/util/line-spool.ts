/*
 * A temporary file of JSON lines, written in order and read back in order or by place (issue 12, peak memory):
 * `kg extract --json` (extraction-spool.ts) and `kg import` into the graph file (sinks/document-spool.ts) keep
 * their documents here instead of in memory. The file lives in a fresh folder under os.tmpdir() (TMPDIR), which
 * close() removes; so do the end of the process and SIGINT/SIGTERM/SIGHUP. A failure to write there (a full disk,
 * a folder that is not one) becomes one clear line naming the folder and TMPDIR.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { OutputError } from "../errors.ts";

export interface LineSpoolOptions {
  /** The command that runs it, for messages ("kg import"). */
  command: string;
  /** Prefix of the temporary folder's name ("kg-import-"). */
  prefix: string;
  /** How much room it needs, for the message when it cannot write ("about the size of the JSON"). */
  room: string;
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
/** Bytes of lines written together (a document is one line; a statement's fields, a node's attributes are small ones). */
const WRITE_BUFFER = 256 * 1024;

/** JSON lines in a temporary file; close() it when done (idempotent). */
export class LineSpool {
  readonly dir: string;
  private readonly path: string;
  private fd: number | undefined;
  /** Byte offset of each line, and one past the last. */
  private readonly offsets: number[] = [0];
  /** Lines written but not yet in the file (written together once WRITE_BUFFER bytes wait, or before a read). */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes in the file. */
  private flushed = 0;
  private closed = false;
  private readonly onExit = () => this.close();
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.close();
    // Then end as the signal would have ended the process without this handler.
    process.kill(process.pid, signal);
  };

  constructor(private readonly options: LineSpoolOptions) {
    // The handlers come first: a signal that arrives once the folder exists then always finds them (Node runs them
    // after this constructor returns), where before a Ctrl-C between the two steps left the folder behind.
    process.once("exit", this.onExit);
    for (const signal of SIGNALS) process.once(signal, this.onSignal);
    let dir: string | undefined;
    try {
      dir = this.inTmp(() => mkdtempSync(join(tmpdir(), options.prefix)), tmpdir());
      this.dir = dir;
      this.path = join(dir, "documents.jsonl");
      this.fd = this.inTmp(() => openSync(this.path, "w+"), dir);
    } catch (error) {
      this.closed = true;
      process.removeListener("exit", this.onExit);
      for (const signal of SIGNALS) process.removeListener(signal, this.onSignal);
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Lines written. */
  get length(): number {
    return this.offsets.length - 1;
  }

  /** Write a value as one JSON line; returns its place. */
  write(value: unknown): number {
    return this.writeText(JSON.stringify(value));
  }

  /** Write a text as it is (no line break in it: JSON text, say); returns its place. read() gives it back. */
  writeText(text: string): number {
    const bytes = Buffer.from(text, "utf8");
    const position = this.offsets[this.offsets.length - 1]!;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    this.offsets.push(position + bytes.length);
    if (this.pendingBytes >= WRITE_BUFFER) this.flush();
    return this.offsets.length - 2;
  }

  /** Write the lines waiting into the file (one system call for many small lines). */
  private flush(): void {
    if (this.pendingBytes === 0 || this.fd === undefined) return;
    const bytes = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    const position = this.flushed;
    this.pending = [];
    this.pendingBytes = 0;
    let done = 0;
    while (done < bytes.length) done += this.inTmp(() => writeSync(this.fd!, bytes, done, bytes.length - done, position + done), this.dir);
    this.flushed = position + bytes.length;
  }

  /** The line at `place`, as written (JSON text). */
  read(place: number): string {
    if (this.fd === undefined) throw new Error(`${this.options.command}: the temporary file was closed before it was read back`);
    const start = this.offsets[place]!;
    const size = this.offsets[place + 1]! - start;
    if (start + size > this.flushed) this.flush();
    const buffer = Buffer.allocUnsafe(size);
    let done = 0;
    while (done < size) {
      const n = readSync(this.fd, buffer, done, size - done, start + done);
      if (n === 0) throw new Error(`${this.options.command}: the temporary file ${this.path} ended early`);
      done += n;
    }
    return buffer.toString("utf8");
  }

  /** The lines written, in order, each read when reached. */
  *lines(): Generator<string> {
    for (let place = 0; place < this.length; place++) yield this.read(place);
  }

  /** Remove the temporary file and its folder (idempotent). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    process.removeListener("exit", this.onExit);
    for (const signal of SIGNALS) process.removeListener(signal, this.onSignal);
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.pending = [];
    this.pendingBytes = 0;
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Run a file operation on the temporary folder; a failure becomes one clear line. */
  private inTmp<T>(operation: () => T, where: string): T {
    try {
      return operation();
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new OutputError(`${this.options.command}: cannot write its temporary file in "${where}" (${reason}); set TMPDIR to a folder with room for ${this.options.room}.`, { cause: error });
    }
  }
}
