/*
 * Expands the paths a user gives (files and folders) into the list of files to read: folders
 * recursively, entries sorted by code point so the order never depends on the file system or
 * locale, hidden entries and unsupported extensions skipped, each file listed once.
 */
import { readdir, realpath, stat } from "node:fs/promises";
import { extname, join } from "node:path";

import type { Diagnostic } from "../types.ts";

/** File extensions read from folders (lower case, with the dot). */
export const SUPPORTED_EXTENSIONS = [".txt", ".md", ".markdown", ".html", ".htm", ".docx"] as const;

/** One file to read: its path as given or as found under a given folder. */
export interface CollectedFile {
  path: string;
  /** True when the user named the file itself (then any extension is read as text). */
  explicit: boolean;
}

/** Expand files and folders into a deterministic list of files; missing or unreadable paths become diagnostics. */
export async function collectFiles(paths: readonly string[]): Promise<{ files: CollectedFile[]; diagnostics: Diagnostic[] }> {
  const files: CollectedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const given of paths) {
    const info = await stat(given).catch((error: unknown) => {
      diagnostics.push(ioDiagnostic(given, error, "ingest:missing"));
      return null;
    });
    if (!info) continue;
    if (info.isDirectory()) await walk(given, files, diagnostics, seen, new Set());
    else await addOnce({ path: given, explicit: true }, files, seen);
  }
  return { files, diagnostics };
}

/** True when a file found in a folder should be read. */
export function isSupportedFile(path: string): boolean {
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(extname(path).toLowerCase());
}

async function walk(dir: string, files: CollectedFile[], diagnostics: Diagnostic[], seen: Set<string>, visiting: Set<string>): Promise<void> {
  const real = await realpath(dir).catch(() => dir);
  if (visiting.has(real)) return; // a symlink loop
  visiting.add(real);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => !name.startsWith(".")).sort(compareCodePoints);
  } catch (error) {
    diagnostics.push(ioDiagnostic(dir, error, "ingest:read"));
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => null); // dangling symlinks are skipped silently
    if (info?.isDirectory()) await walk(path, files, diagnostics, seen, visiting);
    else if (info?.isFile() && isSupportedFile(path)) await addOnce({ path, explicit: false }, files, seen);
  }
  visiting.delete(real);
}

async function addOnce(file: CollectedFile, files: CollectedFile[], seen: Set<string>): Promise<void> {
  const key = await realpath(file.path).catch(() => file.path);
  if (seen.has(key)) return;
  seen.add(key);
  files.push(file);
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A one-line diagnostic for a failed file-system call, with a plain reason. */
export function ioDiagnostic(path: string, error: unknown, origin: string): Diagnostic {
  return { severity: "error", origin, path, message: ioReason(error) };
}

function ioReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file or folder";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a folder, not a file";
    case "ELOOP":
      return "too many symbolic links";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
