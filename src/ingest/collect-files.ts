/*
 * Expands the paths a user gives (files and folders) into the list of files to read: folders
 * recursively, entries sorted by code point so the order never depends on the file system or
 * locale, hidden entries and unsupported extensions skipped, each file listed once. Broken symbolic
 * links, symlink loops and FIFOs/devices/sockets with a report's extension get a diagnostic.
 */
import type { Stats } from "node:fs";
import { lstat, readdir, readlink, realpath, stat } from "node:fs/promises";
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
    const info = await stat(given).catch(async (error: unknown) => {
      diagnostics.push(await linkDiagnostic(given, error, "ingest:missing"));
      return null;
    });
    if (!info) continue;
    if (info.isDirectory()) await walk(given, files, diagnostics, seen);
    else await addOnce({ path: given, explicit: true }, files, seen);
  }
  return { files, diagnostics };
}

/** True when a file found in a folder should be read. */
export function isSupportedFile(path: string): boolean {
  return (SUPPORTED_EXTENSIONS as readonly string[]).includes(extname(path).toLowerCase());
}

/** One folder being read: its entries and how far the walk has got. */
interface Frame {
  dir: string;
  real: string;
  names: string[];
  next: number;
}

/**
 * Depth-first walk with an explicit stack (no recursion, so folder depth cannot exhaust the call
 * stack). A folder that is already open further up (a symlink loop) is reported and skipped.
 */
async function walk(root: string, files: CollectedFile[], diagnostics: Diagnostic[], seen: Set<string>): Promise<void> {
  const open = new Set<string>(); // real paths of the folders on the stack
  const stack: Frame[] = [];
  const enter = async (dir: string): Promise<void> => {
    const real = await realpath(dir).catch(() => dir);
    if (open.has(real)) {
      diagnostics.push({ severity: "warning", origin: "ingest:symlink-loop", path: dir, message: "symbolic link loop (leads back to a folder being read), skipped" });
      return;
    }
    try {
      const names = (await readdir(dir)).filter((name) => !name.startsWith(".")).sort(compareCodePoints);
      open.add(real);
      stack.push({ dir, real, names, next: 0 });
    } catch (error) {
      diagnostics.push(ioDiagnostic(dir, error, "ingest:read"));
    }
  };
  await enter(root);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const name = frame.names[frame.next++];
    if (name === undefined) {
      open.delete(frame.real);
      stack.pop();
      continue;
    }
    const path = join(frame.dir, name);
    let info: Stats;
    try {
      info = await stat(path);
    } catch (error) {
      // Only name what the user would have expected to be read (a report file, or any symlink).
      const link = await lstat(path).catch(() => null);
      if (link?.isSymbolicLink() || isSupportedFile(path)) diagnostics.push(await linkDiagnostic(path, error, "ingest:read"));
      continue;
    }
    if (info.isDirectory()) await enter(path);
    else if (!isSupportedFile(path)) continue;
    else if (info.isFile()) await addOnce({ path, explicit: false }, files, seen);
    else diagnostics.push({ severity: "error", origin: "ingest:not-regular", path, message: `${fileKind(info)}, not a regular file; skipped` });
  }
}

/** What a non-regular file is, for messages. */
export function fileKind(info: Stats): string {
  if (info.isFIFO()) return "a named pipe (FIFO)";
  if (info.isCharacterDevice()) return "a character device";
  if (info.isBlockDevice()) return "a block device";
  if (info.isSocket()) return "a socket";
  if (info.isDirectory()) return "a folder";
  return "not a regular file";
}

/** A diagnostic for a path stat() failed on, naming broken symbolic links and loops as such. */
async function linkDiagnostic(path: string, error: unknown, origin: string): Promise<Diagnostic> {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const link = await lstat(path).catch(() => null);
  if (link?.isSymbolicLink()) {
    if (code === "ELOOP") return { severity: "error", origin: "ingest:symlink-loop", path, message: "symbolic link loop (the link leads back to itself), skipped" };
    if (code === "ENOENT") {
      const target = await readlink(path).catch(() => "?");
      return { severity: "error", origin: "ingest:broken-symlink", path, message: `broken symbolic link (its target ${JSON.stringify(target)} does not exist), skipped` };
    }
  }
  return ioDiagnostic(path, error, origin);
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
