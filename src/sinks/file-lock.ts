/*
 * An exclusive lock for a file that several kg processes may read, merge and rewrite (the graph
 * file): `<file>.lock`, created with O_EXCL and holding the owner's PID, host, start time and a
 * random token. A second writer waits (polling, bounded by `waitMs`, saying once that it waits) and
 * then fails with a LockError; it never writes over the first one's work.
 *
 * Stale locks: a lock whose owner PID is dead on this host is removed (under a second, short-lived
 * `<file>.lock.break` lock, so two waiters cannot both break it and delete a fresh one). A lock from
 * another host, or held by a live PID, is respected; a lock file that cannot be read (its writer died
 * before writing it) counts as stale once it is older than UNREADABLE_STALE_MS.
 * Also removes temp files `<file>.<pid>.tmp` left by writers that died (their PID is dead).
 */
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { lstat, open, readdir, readFile, stat, unlink } from "node:fs/promises";

import { ensureFolder } from "../util/ensure-folder.ts";
import { LockError, OutputError } from "../errors.ts";

/** Default longest wait for another writer, in milliseconds (KG_LOCK_WAIT overrides, in seconds). */
export const DEFAULT_LOCK_WAIT_MS = 120_000;
/** An unreadable or half-written lock file older than this is stale. */
const UNREADABLE_STALE_MS = 10_000;
/** A break lock older than this belongs to a breaker that died. */
const BREAK_STALE_MS = 10_000;

/** What the lock file holds. */
export interface LockOwner {
  pid: number;
  host: string;
  /** ISO time the lock was taken. */
  time: string;
  token: string;
}

export interface LockOptions {
  /** Longest wait for another writer in ms (default DEFAULT_LOCK_WAIT_MS); 0 = fail at once. */
  waitMs?: number;
  /** Called once when the lock is held by someone else and we start waiting. */
  onWait?: (owner: LockOwner | null, lockPath: string, waitMs: number) => void;
  /** What the locked file is, for messages (default "graph file"). */
  subject?: string;
}

/**
 * Refuse to replace anything but a regular file (or nothing): renaming over /dev/null or a FIFO would
 * replace the device itself. Throws OutputError with one line.
 */
export async function assertReplaceableFile(path: string): Promise<void> {
  const info = await lstat(path).catch(() => null);
  if (!info || info.isFile()) return;
  if (info.isSymbolicLink()) {
    const target = await stat(path).catch(() => null);
    if (!target || target.isFile()) return;
  }
  const what = info.isDirectory() ? "a folder" : info.isFIFO() ? "a named pipe" : info.isCharacterDevice() || info.isBlockDevice() ? "a device" : info.isSymbolicLink() ? "a link to something that is not a file" : "not a regular file";
  throw new OutputError(`graph file: "${path}" is ${what}, not a graph file; give --out a file path.`);
}

/** The lock file of `path`. */
export function lockPathOf(path: string): string {
  return `${path}.lock`;
}

/**
 * Run `work` while holding the exclusive lock of `path`; the lock is released afterwards, also on error.
 * @example await withFileLock("out/graph.json", async () => { …read, merge, write… });
 */
export async function withFileLock<T>(path: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const release = await acquireLock(path, options);
  try {
    return await work();
  } finally {
    await release();
  }
}

/** Take the lock of `path` (waiting if needed); resolves to the function that releases it. */
export async function acquireLock(path: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const lockPath = lockPathOf(path);
  const waitMs = options.waitMs ?? DEFAULT_LOCK_WAIT_MS;
  const deadline = Date.now() + waitMs;
  const me: LockOwner = { pid: process.pid, host: hostname(), time: new Date().toISOString(), token: randomBytes(8).toString("hex") };
  await ensureFolder(dirname(lockPath)).catch((error: unknown) => {
    throw new OutputError(`${options.subject ?? "graph file"}: cannot create the folder of "${path}" (${reason(error)}).`, { cause: error });
  });
  let told = false;
  let pause = 25;
  for (;;) {
    if (await tryCreate(lockPath, me)) return () => releaseLock(lockPath, me.token);
    const owner = await readOwner(lockPath);
    if (await isStale(lockPath, owner)) {
      await breakStaleLock(lockPath, owner);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new LockError(
        `${options.subject ?? "graph file"}: "${path}" is being written by ${describeOwner(owner)} (lock file ${lockPath}); ` +
          `waited ${Math.round(waitMs / 1000)} s. Run again when it has finished, or raise KG_LOCK_WAIT; if no kg is running, delete the lock file.`,
      );
    }
    if (!told) {
      told = true;
      options.onWait?.(owner, lockPath, waitMs);
    }
    await sleep(Math.min(pause, Math.max(1, deadline - Date.now())));
    pause = Math.min(pause * 2, 500);
  }
}

/** Remove `<file>.<pid>.tmp` files next to `path` whose writer is no longer alive. Returns the names removed. */
export async function removeStaleTempFiles(path: string): Promise<string[]> {
  const dir = dirname(path);
  const prefix = `${basename(path)}.`;
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(".tmp")) continue;
    const pid = Number(name.slice(prefix.length, -".tmp".length));
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || isAlive(pid)) continue;
    if (await unlink(join(dir, name)).then(() => true, () => false)) removed.push(name);
  }
  return removed;
}

/** "PID 1234 on host h since 2026-11-29T21:00:00Z", or what is known. */
export function describeOwner(owner: LockOwner | null): string {
  if (!owner) return "another kg process";
  const host = owner.host === hostname() ? "" : ` on host ${owner.host}`;
  return `another kg process (PID ${owner.pid}${host}, since ${owner.time})`;
}

async function tryCreate(lockPath: string, me: LockOwner): Promise<boolean> {
  let handle;
  try {
    handle = await open(lockPath, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw new OutputError(`graph file: cannot create the lock file "${lockPath}" (${reason(error)}).`, { cause: error });
  }
  try {
    await handle.writeFile(`${JSON.stringify(me)}\n`, "utf8");
  } finally {
    await handle.close();
  }
  return true;
}

async function readOwner(lockPath: string): Promise<LockOwner | null> {
  try {
    const data = JSON.parse(await readFile(lockPath, "utf8")) as Partial<LockOwner>;
    if (typeof data.pid === "number" && typeof data.host === "string" && typeof data.token === "string") {
      return { pid: data.pid, host: data.host, time: String(data.time ?? "?"), token: data.token };
    }
  } catch {
    // missing (released meanwhile), empty or half written
  }
  return null;
}

async function isStale(lockPath: string, owner: LockOwner | null): Promise<boolean> {
  if (owner) return owner.host === hostname() && !isAlive(owner.pid);
  const info = await stat(lockPath).catch(() => null);
  if (!info) return false; // released meanwhile: just try again
  return Date.now() - info.mtimeMs > UNREADABLE_STALE_MS;
}

/** Delete a stale lock, but only if it is still the same stale lock (checked under the break lock). */
async function breakStaleLock(lockPath: string, seen: LockOwner | null): Promise<void> {
  const breakPath = `${lockPath}.break`;
  let handle;
  try {
    handle = await open(breakPath, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw new OutputError(`graph file: cannot create "${breakPath}" (${reason(error)}).`, { cause: error });
    const info = await stat(breakPath).catch(() => null);
    if (info && Date.now() - info.mtimeMs > BREAK_STALE_MS) await unlink(breakPath).catch(() => undefined);
    await sleep(20);
    return;
  }
  try {
    const now = await readOwner(lockPath);
    const same = seen ? now?.token === seen.token : now === null;
    if (same && (await isStale(lockPath, now))) await unlink(lockPath).catch(() => undefined);
  } finally {
    await handle.close();
    await unlink(breakPath).catch(() => undefined);
  }
}

async function releaseLock(lockPath: string, token: string): Promise<void> {
  const owner = await readOwner(lockPath);
  if (owner?.token === token) await unlink(lockPath).catch(() => undefined);
}

/** True when a process with this PID exists (EPERM: it exists but belongs to another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e?.code ? `${e.code}: ${String(e.message).split("\n")[0]!.replace(/^\w+: /, "")}` : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
