import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { Neo4jError } from "neo4j-driver";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { formatDiagnostic } from "../../src/diagnostics.ts";
import { toStoreError } from "../../src/store/neo4j/errors.ts";
import { redactUri, safeLines, safeText } from "../../src/util/terminal.ts";
import { type CliRun, spawnKg } from "../helpers/cli.fixtures.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const GOOD = join(ROOT, "test/fixtures/reports/village-single.txt");

function runKg(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return spawnKg(args, { ...process.env, NEO4J_URI: "", ...env });
}

// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "kg-hygiene-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("safeText / redactUri (issue 10, fault 7)", () => {
  it("should escape control characters, newlines and bidi overrides as visible text", () => {
    expect(safeText("a\u001b[2Jb\nc\td\u202ee\u0085")).toBe("a\\x1b[2Jb\\nc\\td\\u202ee\\x85");
    expect(safeText("党员 32 名")).toBe("党员 32 名");
    expect(safeLines("one\u001b]0;x\u0007\ntwo")).toBe("one\\x1b]0;x\\x07\ntwo");
  });

  it("should remove user information from URIs, alone and inside messages", () => {
    expect(redactUri("bolt://neo4j:s3cret@db.example:7687")).toBe("bolt://***@db.example:7687");
    expect(redactUri("neo4j+s://only-user@db:7687/x")).toBe("neo4j+s://***@db:7687/x");
    expect(safeText("failed: could not reach bolt://a:p%40ss@h:1 now")).toBe("failed: could not reach bolt://***@h:1 now");
    expect(redactUri("bolt://127.0.0.1:7687")).toBe("bolt://127.0.0.1:7687");
  });

  it("should print a diagnostic on one line whatever its path and message hold", () => {
    const line = formatDiagnostic({ severity: "error", origin: "ingest:read", path: "evil\u001b[31m\nname.txt", message: "bad\rthing" });
    expect(line).not.toMatch(RAW_CONTROL);
    expect(line).not.toContain("\n");
    expect(line).toContain("evil\\x1b[31m\\nname.txt");
  });
});

describe("kg on a terminal: one line per message, nothing raw (issue 10, fault 7)", () => {
  it("should escape a file name and report text holding escape sequences, and still read the good file", async () => {
    const evil = join(dir, "evil\u001b[2J\u001b]0;pwned\u0007\nname.txt");
    await writeFile(evil, "一、存在的问题\n1.标题\u001b[31m红色\u0007。\n");
    const run = await runKg(["extract", evil, GOOD, join(dir, "missing\u001b[5m.txt")]);
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toMatch(RAW_CONTROL);
    expect(run.stderr).toContain("missing\\x1b[5m.txt");
    expect(run.stdout).toContain("village-single.txt");
    expect(run.stdout).toContain("name.txt");
  });

  it("should exit 2 on a negative limit, before connecting anywhere", async () => {
    const run = await runKg(["query", "problems-ranked", "-p", "limit=-1", "--neo4j", "bolt://127.0.0.1:1"]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/limit.*0 or more/);
  });

  it("should exit 2 on a bad budget value", async () => {
    const run = await runKg(["extract", GOOD, "--time-limit", "soon"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--time-limit/);
  });

  it("should say in one line, with the path, that --out cannot be written (exit 1, no stack)", async () => {
    const out = join(dir, "taken");
    await mkdir(join(out, "graph.json"), { recursive: true });
    const run = await runKg(["import", GOOD, "--out", join(out, "graph.json")]);
    expect(run.code).toBe(1);
    const last = run.stderr.trim().split("\n").at(-1)!;
    expect(last).toMatch(/^kg: graph file: .*taken\/graph\.json/);
    expect(run.stderr).not.toMatch(/internal error|    at /);
  });
});

describe("Neo4j errors (issue 10, fault 7)", () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    // Something that answers, but not in Bolt: an HTTP server's first bytes.
    server = createServer((socket) => {
      socket.on("error", () => undefined);
      socket.on("data", () => socket.end("HTTP/1.1 400 Bad Request\r\n\r\n"));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("should exit 3 on a port that does not speak Bolt, and never print the password of the URI", { timeout: 60_000 }, async () => {
    const run = await runKg(["import", GOOD, "--neo4j", `bolt://kg:s3cret-pw@127.0.0.1:${port}`], { NEO4J_PASSWORD: "another-secret" });
    expect(run.code).toBe(3);
    expect(run.stderr).not.toContain("s3cret-pw");
    expect(run.stderr).not.toContain("another-secret");
    expect(run.stderr).toMatch(/^kg: the server at bolt:\/\/\*\*\*@127\.0\.0\.1:\d+ does not answer as Neo4j/m);
  });

  it("should map protocol errors of the driver to 'unavailable' (exit 3)", () => {
    for (const message of ["Server responded HTTP. Make sure…", "Unknown Bolt protocol version: 45.72", "Connection acquisition timed out in 20000 ms."]) {
      const err = toStoreError(new Neo4jError(message, "N/A", "", ""), { uri: "bolt://u:pw@h:7474" });
      expect(err.exitCode).toBe(3);
      expect(err.message).not.toContain("pw@");
    }
  });
});
