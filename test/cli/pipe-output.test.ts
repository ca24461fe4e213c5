import { spawnSync } from "node:child_process";

import { describe, expect, it } from "vitest";

describe("kg extract --json through a pipe", () => {
  it("should write the whole document before exiting, however large", () => {
    // spawnSync reads stdout through a pipe, as `kg extract --json | jq` would.
    const run = spawnSync(process.execPath, ["bin/kg.js", "extract", "seeds/", "--json"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    expect(run.status).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(131072);
    expect(JSON.parse(run.stdout).schemaVersion).toBe(1);
  });
});
