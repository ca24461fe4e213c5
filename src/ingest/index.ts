/*
 * Public API of the ingest stage: files and folders in, SourceDocuments and diagnostics out.
 */
export { readDocument, readDocuments, type ReadOptions, type ReadResult } from "./read-documents.ts";
export { collectFiles, isSupportedFile, SUPPORTED_EXTENSIONS, type CollectedFile } from "./collect-files.ts";
export { decodeText, type DecodedText } from "./decode-text.ts";
export { htmlToText, decodeEntities } from "./html-to-text.ts";
export { readDocxText } from "./read-docx.ts";
