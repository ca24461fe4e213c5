/*
 * `kg query` as a user runs it, without a database: --list and --describe work offline, and the
 * exit codes of usage errors (2) and an unreachable server (3) come before any work.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { loadQueryLibrary } from "../../src/store/neo4j/queries.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** A Bolt address where nothing listens. */
const NOWHERE = "bolt://127.0.0.1:1";

function kg(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, NEO4J_URI: NOWHERE };
  const r = spawnSync(process.execPath, [join(ROOT, "bin/kg.js"), ...args], { cwd: ROOT, encoding: "utf8", env, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("kg query (binary, no database)", { timeout: 90_000 }, () => {
  it("should list every query with its description and exit 0 (--list needs no database)", () => {
    const r = kg("query", "--list");
    expect(r.status).toBe(0);
    for (const q of loadQueryLibrary()) expect(r.stdout).toMatch(new RegExp(`^${q.name} +\\S`, "m"));
  });

  it("should print the list as JSON with --list --json", () => {
    const r = kg("query", "--list", "--json");
    expect(r.status).toBe(0);
    const list = JSON.parse(r.stdout) as { name: string; params: { name: string; type: string }[] }[];
    expect(list.map((q) => q.name)).toEqual(loadQueryLibrary().map((q) => q.name));
    expect(list.find((q) => q.name === "search")?.params.map((p) => p.name)).toEqual(["term", "limit"]);
  });

  it("should describe one query's parameters and Browser :param lines", () => {
    const r = kg("query", "theme-evidence", "--describe");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("theme (string, default");
    expect(r.stdout).toContain(":param theme =>");
  });

  it("should exit 2 naming close queries for an unknown name", () => {
    const r = kg("query", "problems-rank");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("problems-ranked");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stdout).toBe("");
  });

  it("should exit 2 for an unknown parameter or a non-number limit, before contacting Neo4j", () => {
    expect(kg("query", "search", "--param", "colour=red").status).toBe(2);
    expect(kg("query", "search", "--param", "limit=lots").status).toBe(2);
  });

  it("should exit 2 when no query is named", () => {
    expect(kg("query").status).toBe(2);
  });

  it("should exit 3 with a one-line message when Neo4j cannot be reached", () => {
    const r = kg("query", "problems-ranked");
    expect(r.status).toBe(3);
    expect(r.stderr).toContain("127.0.0.1:1");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});
