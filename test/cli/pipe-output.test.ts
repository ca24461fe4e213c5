import { spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync } from "node:fs";

import { describe, expect, it } from "vitest";

describe("kg extract --json through a pipe", () => {
  it("should write the whole document before exiting, even to a slow reader", { timeout: 120_000 }, () => {
    // The reader waits before reading, so the pipe fills up while kg is ready to exit.
    const direct = spawnSync(process.execPath, ["bin/kg.js", "extract", "seeds/", "--json"], { encoding: "utf8", maxBuffer: 64 << 20 });
    const piped = spawnSync("bash", ["-c", `"${process.execPath}" bin/kg.js extract seeds/ --json 2>/dev/null | (sleep 1; wc -c)`], { encoding: "utf8" });
    expect(direct.status).toBe(0);
    expect(JSON.parse(direct.stdout).schemaVersion).toBe(1);
    expect(Number(piped.stdout.trim())).toBe(Buffer.byteLength(direct.stdout));
  });

  it.skipIf(!existsSync("/dev/full"))("should say in one line that it cannot write when the disk is full, and fail", { timeout: 120_000 }, () => {
    const full = openSync("/dev/full", "w");
    try {
      const run = spawnSync(process.execPath, ["bin/kg.js", "extract", "seeds/", "--json"], { encoding: "utf8", stdio: ["ignore", full, "pipe"] });
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split("\n").at(-1)).toBe("kg: cannot write to standard output (ENOSPC).");
    } finally {
      closeSync(full);
    }
  });
});
