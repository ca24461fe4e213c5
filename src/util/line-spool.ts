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
  /**
   * Runs of lines read one after the other that are followed at once (default STREAMS; each holds up to READ_AHEAD
   * bytes): more where lines written in several sorted runs are read back merged (CompactGraph's spill by batches).
   */
  streams?: number;
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
/** Bytes of lines written together (a document is one line; a statement's fields, a node's attributes are small ones). */
const WRITE_BUFFER = 256 * 1024;
/**
 * Bytes read at once when lines are read one after the other (the graph's spilled relationships, a report's
 * statements): one system call for many small lines, where one per line took 2.4 of the 18 CPU-s of kg import's
 * main thread at 10 MB of reports.
 */
const READ_AHEAD = 256 * 1024;
/** Bytes read ahead when a run begins, doubled each time the run reaches their end (up to READ_AHEAD). */
const FIRST_READ_AHEAD = 16 * 1024;
/** Runs of lines read one after the other followed at once (the graph file's writer reads a relationship, then its ends). */
const STREAMS = 4;

/** Bytes of the file read ahead for one run of lines read in order. */
interface ReadWindow {
  bytes: Buffer;
  /** The bytes' place in the file: from `start` to `end`. */
  start: number;
  end: number;
  /** Where the last line taken from them ended: the next line of the run starts there. */
  next: number;
  /** When it was last used (to replace the one least recently used). */
  used: number;
  /** Bytes to read ahead next. */
  ahead: number;
}

/** JSON lines in a temporary file; close() it when done (idempotent). */
export class LineSpool {
  readonly dir: string;
  private readonly path: string;
  private fd: number | undefined;
  /** Byte offset of each line, and one past the last. */
  private readonly offsets: number[] = [0];
  /** Lines written but not yet in the file, as UTF-8 (written together once WRITE_BUFFER bytes wait, or before a read). */
  private pending: Buffer | null = Buffer.allocUnsafe(WRITE_BUFFER);
  private pendingBytes = 0;
  /** Bytes in the file. */
  private flushed = 0;
  /** Bytes read ahead, one window per run of lines read in order (at most `streams`). */
  private windows: ReadWindow[] = [];
  /** Where the last lines read alone ended (a line starting at one of them starts a run), and a clock for `used`. */
  private readonly alone: number[] = [0];
  private readonly streams: number;
  private reads = 0;
  private closed = false;
  private readonly onExit = () => this.close();
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.close();
    // Then end as the signal would have ended the process without this handler.
    process.kill(process.pid, signal);
  };

  constructor(private readonly options: LineSpoolOptions) {
    this.streams = Math.max(1, options.streams ?? STREAMS);
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
    const position = this.offsets[this.offsets.length - 1]!;
    // Encoded straight into the buffer of lines waiting (a UTF-16 unit is at most 3 bytes of UTF-8); a text
    // longer than that buffer is written alone.
    if (text.length * 3 > WRITE_BUFFER - this.pendingBytes) this.flush();
    let bytes: number;
    if (text.length * 3 <= WRITE_BUFFER && this.pending !== null) {
      bytes = this.pending.write(text, this.pendingBytes, "utf8");
      this.pendingBytes += bytes;
    } else {
      const alone = Buffer.from(text, "utf8");
      bytes = alone.length;
      this.writeAll(alone, bytes);
    }
    this.offsets.push(position + bytes);
    return this.offsets.length - 2;
  }

  /** Write the lines waiting into the file (one system call for many small lines). */
  private flush(): void {
    if (this.pendingBytes === 0 || this.pending === null) return;
    const size = this.pendingBytes;
    this.pendingBytes = 0;
    this.writeAll(this.pending, size);
  }

  /** Write the first `size` bytes of `bytes` at the end of the file. */
  private writeAll(bytes: Buffer, size: number): void {
    if (this.fd === undefined) throw new Error(`${this.options.command}: the temporary file was closed before it was written`);
    const position = this.flushed;
    let done = 0;
    while (done < size) done += this.inTmp(() => writeSync(this.fd!, bytes, done, size - done, position + done), this.dir);
    this.flushed = position + size;
  }

  /**
   * The line at `place`, as written (JSON text). A line that starts where an earlier one ended is read with the
   * bytes after it (FIRST_READ_AHEAD, more as the run goes on; a line longer than READ_AHEAD is read alone), and
   * the lines after it are then taken from those; several such runs may be followed at once (`streams`). Any other
   * line is read alone. The file is only ever appended to, so bytes read ahead stay true.
   */
  read(place: number): string {
    if (this.fd === undefined) throw new Error(`${this.options.command}: the temporary file was closed before it was read back`);
    const start = this.offsets[place]!;
    const end = this.offsets[place + 1]!;
    const used = ++this.reads;
    let run: ReadWindow | undefined;
    for (const w of this.windows) {
      if (start >= w.start && end <= w.end) {
        w.next = end;
        w.used = used;
        return w.bytes.toString("utf8", start - w.start, end - w.start);
      }
      if (w.next === start) run = w;
    }
    if (end > this.flushed) this.flush();
    if (end - start > READ_AHEAD || (run === undefined && !this.alone.includes(start))) {
      const buffer = Buffer.allocUnsafe(end - start);
      this.readAt(buffer, end - start, start);
      this.alone.push(end);
      if (this.alone.length > this.streams) this.alone.shift();
      return buffer.toString("utf8");
    }
    if (run === undefined) {
      if (this.windows.length < this.streams) this.windows.push((run = { bytes: Buffer.allocUnsafe(READ_AHEAD), start: 0, end: 0, next: -1, used, ahead: 0 }));
      else run = this.windows.reduce((a, b) => (b.used < a.used ? b : a));
      run.ahead = FIRST_READ_AHEAD;
    } else run.ahead = Math.min(READ_AHEAD, run.ahead * 2);
    const size = Math.min(Math.max(run.ahead, end - start), this.flushed - start);
    run.start = run.end = start;
    run.next = end;
    run.used = used;
    this.readAt(run.bytes, size, start);
    run.end = start + size;
    return run.bytes.toString("utf8", 0, end - start);
  }

  /** Read `size` bytes of the file from `position` into the start of `buffer`. */
  private readAt(buffer: Buffer, size: number, position: number): void {
    let done = 0;
    while (done < size) {
      const n = readSync(this.fd!, buffer, done, size - done, position + done);
      if (n === 0) throw new Error(`${this.options.command}: the temporary file ${this.path} ended early`);
      done += n;
    }
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
    this.pending = null;
    this.pendingBytes = 0;
    this.windows = [];
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
