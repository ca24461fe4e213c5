/*
 * The ingest stage: reads files and folders into SourceDocuments (text as written, line breaks
 * normalised to "\n", encoding recorded, sha256 of the raw bytes). Every unreadable file becomes
 * one error diagnostic and the others go on; the caller decides what is fatal.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { extname } from "node:path";

import type { Diagnostic, SourceDocument } from "../types.ts";
import { collectFiles, ioDiagnostic, type CollectedFile } from "./collect-files.ts";
import { decodeText, type DecodedText } from "./decode-text.ts";
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
export async function readDocuments(paths: string[]): Promise<ReadResult> {
  const { files, diagnostics } = await collectFiles(paths);
  const documents: SourceDocument[] = [];
  for (const file of files) {
    const document = await readDocument(file, diagnostics);
    if (document) documents.push(document);
  }
  return { documents, diagnostics };
}

/**
 * Read and decode one file; null (with a diagnostic) when it cannot be used. The pipeline reads
 * files one at a time with it, so that only one raw file is in memory at once.
 */
export async function readDocument(file: CollectedFile, diagnostics: Diagnostic[]): Promise<SourceDocument | null> {
  let bytes: Buffer;
  try {
    // Synchronous: one small file at a time, and no round trips through the event loop (2–3× faster here).
    bytes = readFileSync(file.path);
  } catch (error) {
    diagnostics.push(ioDiagnostic(file.path, error, "ingest:read"));
    return null;
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const decoded = await extractText(file.path, bytes, diagnostics);
  if (!decoded) return null;
  const text = decoded.text.replace(/\r\n?/g, "\n");
  if (text.trim() === "") {
    diagnostics.push({ severity: "warning", origin: "ingest:empty", path: file.path, message: "empty file, skipped" });
    return null;
  }
  return { path: file.path, sha256, encoding: decoded.encoding, text };
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
