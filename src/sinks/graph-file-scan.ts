/*
 * A graph file's JSON read without its whole text or its whole parsed tree (kg import into an existing file:
 * graph-file.ts readStoredDocuments). The top-level object's members are found by scanning the bytes (strings and
 * brackets only: UTF-8 never puts a byte below 0x80 inside a character); the small ones are parsed, and the
 * `nodes` and `edges` lists are read a chunk of items at a time (about 1 MB of text each, parsed by JSON.parse), as
 * decodeV3 asks for them. What the scan cannot make out (not JSON, cut short …) is left to JSON.parse over the
 * whole text, whose message is then the one given.
 */

/** The items of a list, one after another (graph-codec-v3.ts decode reads its rows from it). */
export interface Items {
  /** Whether there is an item after those given. */
  more(): boolean;
  /** The next item; undefined past the end (then `overrun` is true). */
  next(): unknown;
  readonly overrun: boolean;
  /** Let the items given go (the list is not read again). */
  release(): void;
}

/** An array's items; released, those given are let go as they are given. */
export class ArrayItems implements Items {
  private at = 0;
  private forget = false;
  constructor(private readonly list: unknown[]) {}
  more(): boolean {
    return this.at < this.list.length;
  }
  next(): unknown {
    const at = this.at++;
    const v = this.list[at];
    if (this.forget && at < this.list.length) this.list[at] = null;
    return v;
  }
  get overrun(): boolean {
    return this.at > this.list.length;
  }
  release(): void {
    this.forget = true;
    this.list.fill(null, 0, Math.min(this.at, this.list.length));
  }
}

const CHUNK_BYTES = 1 << 20;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** The end of the string starting at `at` (its opening quote), or -1. */
function stringEnd(buf: Buffer, at: number): number {
  for (let i = at + 1; i < buf.length; i++) {
    const c = buf[i]!;
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i + 1;
  }
  return -1;
}

/** The end of the JSON value starting at `at` (no space before it), or -1 when it is not one the scan makes out. */
function valueEnd(buf: Buffer, at: number): number {
  const c = buf[at];
  if (c === undefined) return -1;
  if (c === QUOTE) return stringEnd(buf, at);
  if (c === 0x5b || c === 0x7b) {
    let depth = 0;
    for (let i = at; i < buf.length; i++) {
      const d = buf[i]!;
      if (d === QUOTE) {
        i = stringEnd(buf, i) - 1;
        if (i < 0) return -1;
      } else if (d === 0x5b || d === 0x7b) depth++;
      else if (d === 0x5d || d === 0x7d) {
        if (--depth === 0) return i + 1;
      }
    }
    return -1;
  }
  // A number or a literal: up to what ends it.
  let i = at;
  while (i < buf.length) {
    const d = buf[i]!;
    if (d === 0x2c || d === 0x5d || d === 0x7d || isSpace(d)) break;
    i++;
  }
  return i > at ? i : -1;
}

function skipSpace(buf: Buffer, at: number): number {
  while (at < buf.length && isSpace(buf[at]!)) at++;
  return at;
}

/** A list's items read from its text in `buf` (from its `[` to past its `]`), a chunk at a time. */
class ScannedItems implements Items {
  private chunk: unknown[] = [];
  private inChunk = 0;
  private pos: number;
  private started = false;
  private ended = false;
  private past = false;
  constructor(private readonly buf: Buffer, start: number, private readonly end: number, private readonly chunkBytes: number) {
    this.pos = start + 1;
  }
  private load(): void {
    this.chunk = [];
    this.inChunk = 0;
    const from = skipSpace(this.buf, this.pos);
    if (!this.started && this.buf[from] === 0x5d) {
      this.ended = true;
      return;
    }
    this.started = true;
    let at = from;
    let last = from;
    while (!this.ended && last - from < this.chunkBytes) {
      at = skipSpace(this.buf, at);
      const e = valueEnd(this.buf, at);
      if (e < 0 || e > this.end) throw new Error("a list with an item the scan cannot make out");
      last = e;
      at = skipSpace(this.buf, e);
      if (this.buf[at] === 0x2c) at++;
      else if (this.buf[at] === 0x5d && at === this.end - 1) this.ended = true;
      else throw new Error(`unexpected ${JSON.stringify(String.fromCharCode(this.buf[at] ?? 0))} in a list`);
    }
    this.pos = at;
    this.chunk = JSON.parse(`[${this.buf.toString("utf8", from, last)}]`) as unknown[];
  }
  more(): boolean {
    if (this.inChunk < this.chunk.length) return true;
    if (this.ended) return false;
    this.load();
    return this.inChunk < this.chunk.length;
  }
  next(): unknown {
    if (!this.more()) {
      this.past = true;
      return undefined;
    }
    const v = this.chunk[this.inChunk];
    this.chunk[this.inChunk++] = null;
    return v;
  }
  get overrun(): boolean {
    return this.past;
  }
  release(): void {
    this.chunk = [];
  }
}

/**
 * The top-level object of a graph file's bytes with its `nodes` and `edges` lists as Items read from the bytes
 * (`lists`; about `chunkBytes` of text parsed at a time), the other members parsed; null when the scan cannot make the object out (the caller parses the whole
 * text, whose error is then said).
 */
export function scanGraphObject(buf: Buffer, lists: readonly string[], chunkBytes = CHUNK_BYTES): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  let at = skipSpace(buf, 0);
  if (buf[at] !== 0x7b) return null;
  at = skipSpace(buf, at + 1);
  if (buf[at] === 0x7d) return skipSpace(buf, at + 1) === buf.length ? out : null;
  for (;;) {
    if (buf[at] !== QUOTE) return null;
    const keyEnd = stringEnd(buf, at);
    if (keyEnd < 0) return null;
    let key: string;
    try {
      key = JSON.parse(buf.toString("utf8", at, keyEnd)) as string;
    } catch {
      return null;
    }
    at = skipSpace(buf, keyEnd);
    if (buf[at] !== 0x3a) return null;
    at = skipSpace(buf, at + 1);
    const end = valueEnd(buf, at);
    if (end < 0 || Object.hasOwn(out, key)) return null;
    if (lists.includes(key) && buf[at] === 0x5b) out[key] = new ScannedItems(buf, at, end, chunkBytes);
    else {
      try {
        out[key] = JSON.parse(buf.toString("utf8", at, end));
      } catch {
        return null;
      }
    }
    at = skipSpace(buf, end);
    if (buf[at] === 0x2c) {
      at = skipSpace(buf, at + 1);
      continue;
    }
    if (buf[at] === 0x7d && skipSpace(buf, at + 1) === buf.length) return out;
    return null;
  }
}
