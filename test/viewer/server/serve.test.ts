import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { serve } from "../../../src/cli/commands/serve.ts";
import { InputError, UsageError } from "../../../src/errors.ts";
import { ServeError, resolveStatic } from "../../../src/viewer/server/serve-viewer.ts";
import { ensureViewerBuilt } from "../e2e/harness.ts";
import { fixtureGraphJson } from "../fixtures/graph.fixtures.ts";

const ROOT = resolve(import.meta.dirname, "../../..");

function fakeViewer(): string {
  const dir = mkdtempSync(join(tmpdir(), "kg-viewer-"));
  mkdirSync(join(dir, "assets"));
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>kg</title>");
  writeFileSync(join(dir, "assets", "app.js"), "console.log(1)");
  return dir;
}

function graphFile(content = JSON.stringify(fixtureGraphJson())): string {
  const file = join(mkdtempSync(join(tmpdir(), "kg-graph-")), "graph.json");
  writeFileSync(file, content);
  return file;
}

/** Start serve() on a free port; returns its URL and a stop function. */
async function startServe(opts: { graph: string; viewerDir: string }) {
  let release!: () => void;
  const until = new Promise<void>((r) => (release = r));
  let resolveUrl!: (url: string) => void;
  const announced = new Promise<string>((r) => (resolveUrl = r));
  const done = serve({ host: "127.0.0.1", port: 0, ...opts, until, log: (line) => resolveUrl(/http:\S+\//.exec(line)![0]) });
  const url = await Promise.race([announced, done.then(() => Promise.reject(new Error("serve ended early")))]);
  return {
    url,
    stop: async () => {
      release();
      await done;
    },
  };
}

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

describe("kg serve", () => {
  it("should serve the viewer and the graph with a content security policy", async () => {
    const s = await startServe({ graph: graphFile(), viewerDir: fakeViewer() });
    stops.push(s.stop);
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(s.url);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    const graph = (await (await fetch(`${s.url}api/graph`)).json()) as { nodes: unknown[] };
    expect(graph.nodes).toHaveLength(fixtureGraphJson().nodes.length);
    expect((await fetch(`${s.url}assets/app.js`)).headers.get("content-type")).toContain("text/javascript");
    expect((await fetch(`${s.url}nothing.js`)).status).toBe(404);
  });

  it("should never serve files outside the viewer directory", () => {
    const dir = fakeViewer();
    expect(resolveStatic(dir, "/../package.json")).toBeNull();
    expect(resolveStatic(dir, "/assets/../../etc/passwd")).toBeNull();
    expect(resolveStatic(dir, "/")).toBe(join(dir, "index.html"));
  });

  it("should say to run kg import when the graph file is missing", async () => {
    const err = await serve({ host: "127.0.0.1", port: 0, graph: "/nonexistent/graph.json", viewerDir: fakeViewer(), until: Promise.resolve() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).exitCode).toBe(1);
    expect((err as Error).message).toContain("kg import");
  });

  it("should reject a graph file that is not a graph export", async () => {
    const err = await serve({ host: "127.0.0.1", port: 0, graph: graphFile("{oops"), viewerDir: fakeViewer(), until: Promise.resolve() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
  });

  it("should say to run npm run build when the viewer is not built", async () => {
    const empty = mkdtempSync(join(tmpdir(), "kg-noviewer-"));
    const err = await serve({ host: "127.0.0.1", port: 0, graph: graphFile(), viewerDir: empty, until: Promise.resolve() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServeError);
    expect((err as ServeError).code).toBe("KG_SERVE");
    expect((err as Error).message).toContain("npm run build");
  });

  it("should refuse --graph together with --neo4j", async () => {
    const err = await serve({ host: "127.0.0.1", port: 0, graph: graphFile(), neo4j: "bolt://127.0.0.1:1", until: Promise.resolve() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
  });

  it("should fail with ServeError when the port is in use", async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const err = await serve({ host: "127.0.0.1", port, graph: graphFile(), viewerDir: fakeViewer(), until: Promise.resolve() }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ServeError);
      expect((err as Error).message).toContain(String(port));
    } finally {
      blocker.close();
    }
  });

  it("should print the URL and exit 0 on SIGINT, exit 1 with a message when the graph is missing (CLI)", async () => {
    ensureViewerBuilt();
    const child = spawn(process.execPath, ["bin/kg.js", "serve", "--port", "0", "--graph", graphFile()], { cwd: ROOT });
    let stdout = "";
    try {
      const url = await new Promise<string>((r, reject) => {
        child.stdout.on("data", (d: Buffer) => {
          stdout += d.toString();
          const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout);
          if (m) r(m[0]);
        });
        child.on("exit", (code) => reject(new Error(`exited ${code}`)));
      });
      expect((await fetch(`${url}api/graph`)).status).toBe(200);
    } catch (err) {
      child.kill("SIGKILL");
      throw err;
    }
    child.removeAllListeners("exit");
    const code = await new Promise<number | null>((r) => {
      child.once("exit", (c) => r(c));
      child.kill("SIGINT");
    });
    expect(code).toBe(0);
    const missing = await runCli(["serve", "--graph", "/nonexistent/graph.json"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("kg import");
    const bad = await runCli(["serve", "--port", "70000"]);
    expect(bad.code).toBe(2);
  });
});

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((r) => {
    const child = spawn(process.execPath, ["bin/kg.js", ...args], { cwd: ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("exit", (code) => r({ code, stdout, stderr }));
  });
}
