/*
 * The ingest stage: reads files and folders into SourceDocuments (text as written, line breaks
 * normalised to "\n", encoding recorded, sha256 of the raw bytes). Every unreadable file becomes
 * one error diagnostic and the others go on; the caller decides what is fatal. Only regular files
 * are read, each up to the per-file size budget.
 */
import { createHash } from "node:crypto";
import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from "node:fs";
import { extname } from "node:path";

import { formatBytes, IN_THREAD_BUDGET } from "../budget.ts";
import type { Diagnostic, SourceDocument } from "../types.ts";
import { collectFiles, fileKind, ioDiagnostic, type CollectedFile } from "./collect-files.ts";
import { decodeText, type DecodedText } from "./decode-text.ts";
import { stripPinyinAnnotations } from "./strip-annotations.ts";
import { htmlToText } from "./html-to-text.ts";
import { readDocxText } from "./read-docx.ts";

/** What readDocuments returns: the documents read, in input order, and what went wrong. */
export interface ReadResult {
  documents: SourceDocument[];
  diagnostics: Diagnostic[];
}

/**
 * Read files and folders (recursively, in a deterministic order) as source documents.
 * @example const { documents, diagnostics } = await readDocuments(["seeds/"]);
 */
export async function readDocuments(paths: string[], options: ReadOptions = {}): Promise<ReadResult> {
  const { files, diagnostics } = await collectFiles(paths);
  const documents: SourceDocument[] = [];
  for (const file of files) {
    const document = await readDocument(file, diagnostics, options);
    if (document) documents.push(document);
  }
  return { documents, diagnostics };
}

/** Limits of reading one file. */
export interface ReadOptions {
  /** Largest file read, in bytes (default DEFAULT_MAX_FILE_MB); 0 = no limit. */
  maxBytes?: number;
}

/**
 * Read and decode one file; null (with a diagnostic) when it cannot be used. Only regular files are
 * read: a FIFO, device or socket would block or never end (/dev/zero), so it gets a diagnostic instead.
 */
export async function readDocument(file: CollectedFile, diagnostics: Diagnostic[], options: ReadOptions = {}): Promise<SourceDocument | null> {
  const bytes = readRegularFile(file.path, options.maxBytes ?? IN_THREAD_BUDGET.maxBytes, diagnostics);
  if (!bytes) return null;
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const decoded = await extractText(file.path, bytes, diagnostics);
  if (!decoded) return null;
  const { text, removed, at } = stripPinyinAnnotations(decoded.text.replace(/\r\n?/g, "\n"));
  if (text.trim() === "") {
    diagnostics.push({ severity: "warning", origin: "ingest:empty", path: file.path, message: "empty file, skipped" });
    return null;
  }
  if (removed > 0) {
    diagnostics.push({
      severity: "info",
      origin: "ingest:pinyin-annotations",
      path: file.path,
      message: `${removed} pinyin annotations inserted after characters (問(wèn)題) were set aside for reading; quotes keep them, lines are unchanged, offsets refer to the text without them`,
    });
    return { path: file.path, sha256, encoding: decoded.encoding, text, removedAnnotations: at };
  }
  return { path: file.path, sha256, encoding: decoded.encoding, text };
}

const CHUNK = 1024 * 1024;

/**
 * The bytes of a regular file of at most `maxBytes` (0 = any size). The type is checked on the path
 * first (opening a FIFO would wait for a writer) and again on the open descriptor (the path may have
 * changed in between); the read stops one byte past the limit, so a file that grows cannot grow memory.
 */
function readRegularFile(path: string, maxBytes: number, diagnostics: Diagnostic[]): Buffer | null {
  const notRegular = (info: Stats) =>
    diagnostics.push({ severity: "error", origin: "ingest:not-regular", path, message: `${fileKind(info)}, not a regular file; skipped` });
  const tooLarge = (size: number) =>
    diagnostics.push({
      severity: "error",
      origin: "ingest:budget",
      path,
      message: `the file is ${formatBytes(size)}, over the per-file size budget of ${formatBytes(maxBytes)} (--max-file-size or KG_MAX_FILE_MB); skipped`,
    });
  // Synchronous: one file at a time (in a pool worker or the main thread), and no round trips through
  // the event loop, which cost 2–3× the reading time on a loaded machine.
  let fd: number | undefined;
  try {
    const info = statSync(path);
    if (!info.isFile()) return (notRegular(info), null);
    if (maxBytes > 0 && info.size > maxBytes) return (tooLarge(info.size), null);
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const opened = fstatSync(fd);
    if (!opened.isFile()) return (notRegular(opened), null);
    const limit = maxBytes > 0 ? maxBytes + 1 : Number.MAX_SAFE_INTEGER;
    const chunks: Buffer[] = [];
    let total = 0;
    let short = false;
    for (;;) {
      // The first read asks for the size just seen plus one byte (a small file is read in one call, and
      // a file that grew is noticed); later ones read by the chunk, except after a short read, when the
      // file is most likely at its end: a small probe then finds the end without a chunk-sized buffer.
      const want = Math.min(total === 0 ? Math.max(opened.size + 1, 4096) : short ? 4096 : CHUNK, CHUNK, limit - total);
      if (want <= 0) break;
      // Not zero-filled: only the bytes read are kept.
      const buffer = Buffer.allocUnsafe(want);
      const bytesRead = readSync(fd, buffer, 0, want, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === want ? buffer : buffer.subarray(0, bytesRead));
      total += bytesRead;
      short = bytesRead < want;
    }
    if (maxBytes > 0 && total > maxBytes) return (tooLarge(total), null);
    return Buffer.concat(chunks, total);
  } catch (error) {
    diagnostics.push(ioDiagnostic(path, error, "ingest:read"));
    return null;
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // Nothing to do: the descriptor is gone either way.
      }
    }
  }
}

/** Text and encoding by file type: Word XML, HTML, or plain text. */
async function extractText(path: string, bytes: Buffer, diagnostics: Diagnostic[]): Promise<{ text: string; encoding: string } | null> {
  const ext = extname(path).toLowerCase();
  if (ext === ".docx") return extractDocx(path, bytes, diagnostics);
  const decoded = decodeText(bytes, ext === ".html" || ext === ".htm" ? sniffHtmlCharset(bytes) : undefined);
  // A Word file saved under another name is still a Word file.
  if (decoded.format?.startsWith("ZIP")) return extractDocx(path, bytes, diagnostics);
  if (decoded.binary) {
    diagnostics.push({ severity: "error", origin: "ingest:decode", path, message: binaryMessage(ext, decoded.format) });
    return null;
  }
  reportDecoding(path, decoded, diagnostics);
  if (ext === ".html" || ext === ".htm") return { text: htmlToText(decoded.text), encoding: decoded.encoding };
  return { text: decoded.text, encoding: decoded.encoding };
}

async function extractDocx(path: string, bytes: Buffer, diagnostics: Diagnostic[]): Promise<{ text: string; encoding: string } | null> {
  try {
    return { text: await readDocxText(bytes), encoding: "docx" };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    diagnostics.push({ severity: "error", origin: "ingest:docx", path, message: `not a readable Word .docx file (${reason})` });
    return null;
  }
}

function binaryMessage(ext: string, format: string | undefined): string {
  const what = format ? `a ${format} file` : ext ? `a binary ${ext} file` : "a binary file";
  return `${what}, not text; readable formats are .txt .md .html .htm .docx`;
}

/** Say which legacy encoding was chosen, and warn when bytes had to be replaced. */
function reportDecoding(path: string, decoded: DecodedText, diagnostics: Diagnostic[]): void {
  if (decoded.encoding !== "utf-8") {
    diagnostics.push({ severity: "info", origin: "ingest:decode", path, message: `decoded as ${decoded.encoding}` });
  }
  if (decoded.replaced > 0) {
    diagnostics.push({
      severity: "warning",
      origin: "ingest:decode",
      path,
      message: `${decoded.replaced} character(s) could not be decoded as ${decoded.encoding} and were replaced by U+FFFD`,
    });
  }
}

/** The charset an HTML page declares in its first bytes (<meta charset> or http-equiv), if any. */
function sniffHtmlCharset(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 2048).toString("latin1");
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1];
}
