/*
 * Vitest globalSetup of every project: the tests' temporary files go under one folder of their own, removed when
 * the run ends, so that `npm test` leaves nothing behind in the system's temporary folder (the tests' own folders,
 * the spool files of the `kg` processes they start, Chromium profiles). TMPDIR is set before the test workers and
 * their child processes start, and os.tmpdir() reads it on every call.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const root = mkdtempSync(join(tmpdir(), "kg-test-"));
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(root, { recursive: true, force: true });
  };
}
