import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { request } from "node:http";
import { gunzipSync, brotliDecompressSync } from "node:zlib";

import { serve, withoutCredentials } from "../../../src/cli/commands/serve.ts";
import { negotiateEncoding } from "../../../src/viewer/server/graph-cache.ts";
import { currentBrowserGuide } from "../../../src/viewer/server/browser-guide.ts";
import { InputError, UsageError } from "../../../src/errors.ts";
import { ServeError, resolveStatic } from "../../../src/viewer/server/serve-viewer.ts";
import { ensureViewerBuilt } from "../e2e/harness.ts";
import { fixtureGraphJson } from "../fixtures/graph.fixtures.ts";
import { type CliRun, spawnKg } from "../../helpers/cli.fixtures.ts";

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

  it("should send the summary without quotes, and the quotes on demand", async () => {
    const s = await startServe({ graph: graphFile(), viewerDir: fakeViewer() });
    stops.push(s.stop);
    const summaryText = await (await fetch(`${s.url}api/summary`)).text();
    const summary = JSON.parse(summaryText) as { nodes: { key: string }[]; reports: { title: string }[] };
    expect(summary.nodes.map((n) => n.key)).toContain("problem:p1");
    expect(summary.nodes.map((n) => n.key)).not.toContain("stmt:s1");
    expect(summaryText).not.toContain("青年教师入党积极性不高");
    const evidence = (await (await fetch(`${s.url}api/evidence?node=${encodeURIComponent("problem:p1")}`)).json()) as { quote: string; reportTitle: string }[];
    expect(evidence.map((e) => e.quote)).toContain("发展党员工作滞后，青年教师入党积极性不高。");
    const pairs = (await (await fetch(`${s.url}api/pair?problem=problem%3Ap1&measure=measure%3Am1`)).json()) as { measure: { quote: string } }[];
    expect(pairs.map((p) => p.measure.quote)).toEqual(["加强对入党积极分子的培养。"]);
    expect((await fetch(`${s.url}api/evidence`)).status).toBe(400);
  });

  it("should send a node's report links on demand, every link for the Report layer, and never a Document's record", async () => {
    const json = fixtureGraphJson();
    json.nodes.push({ key: "doc:x", attributes: { label: "Document", path: "x.txt", record: '{"version":1,"text":"INTERNAL-RECORD-TEXT"}' } } as never);
    const s = await startServe({ graph: graphFile(JSON.stringify(json)), viewerDir: fakeViewer() });
    stops.push(s.stop);
    const summary = (await (await fetch(`${s.url}api/summary`)).json()) as { reports: { key: string }[]; nodes: { key: string }[] };
    expect(summary.nodes.map((n) => n.key)).not.toContain("report:a");
    const links = (await (await fetch(`${s.url}api/report-links?node=problem%3Ap1`)).json()) as [number, string, string, number][];
    expect(links.map(([i, node, rel]) => [summary.reports[i]!.key, node, rel]).sort()).toEqual([
      ["report:a", "problem:p1", "RAISES"],
      ["report:b", "problem:p1", "RAISES"],
    ]);
    const all = (await (await fetch(`${s.url}api/report-links`, { headers: { "accept-encoding": "br" } })).json()) as unknown[];
    expect(all.length).toBeGreaterThan(links.length);
    expect((await fetch(`${s.url}api/report-links?node=`)).status).toBe(400);
    for (const path of ["api/graph", "api/summary", "api/report-links", "api/evidence?node=doc%3Ax"]) {
      expect(await (await fetch(`${s.url}${path}`)).text()).not.toContain("INTERNAL-RECORD-TEXT");
    }
    const graph = (await (await fetch(`${s.url}api/graph`)).json()) as { nodes: { key: string; attributes: Record<string, unknown> }[] };
    expect(graph.nodes.find((n) => n.key === "doc:x")!.attributes).toEqual({ label: "Document", path: "x.txt" });
  });

  it("should serve the Neo4j Browser guide of the query library to another origin (CORS, preflight)", async () => {
    const s = await startServe({ graph: graphFile(), viewerDir: fakeViewer() });
    stops.push(s.stop);
    const url = `${s.url}guide/kg-queries.html`.replace("127.0.0.1", "localhost");
    const pre = await fetch(url, { method: "OPTIONS", headers: { origin: "http://localhost:7474", "access-control-request-method": "GET", "access-control-request-headers": "pragma,cache-control" } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("*");
    expect(pre.headers.get("access-control-allow-headers")).toContain("pragma");
    const res = await fetch(url, { headers: { origin: "http://localhost:7474", pragma: "no-cache", "cache-control": "no-cache" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toBe(await currentBrowserGuide());
    // the rest of the server stays closed to other origins
    expect((await fetch(`${s.url}api/summary`, { headers: { origin: "http://localhost:7474" } })).headers.get("access-control-allow-origin")).toBeNull();
  });

  it("should compress by Accept-Encoding (brotli, else gzip) and decompress to the same JSON", async () => {
    const s = await startServe({ graph: graphFile(), viewerDir: fakeViewer() });
    stops.push(s.stop);
    const plain = await raw(s.url, "/api/graph", { "accept-encoding": "identity" });
    const gz = await raw(s.url, "/api/graph", { "accept-encoding": "gzip" });
    const br = await raw(s.url, "/api/graph", { "accept-encoding": "gzip, deflate, br" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(br.headers["content-encoding"]).toBe("br");
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    expect(negotiateEncoding("gzip;q=1, br;q=0")).toBe("gzip");
    expect(negotiateEncoding(undefined)).toBe("identity");
  });

  it("should serve many concurrent clients from one read of the graph file, and see a new import", async () => {
    const file = graphFile();
    const s = await startServe({ graph: file, viewerDir: fakeViewer() });
    stops.push(s.stop);
    const bodies = await Promise.all(Array.from({ length: 20 }, () => fetch(`${s.url}api/graph`).then((r) => r.text())));
    expect(new Set(bodies).size).toBe(1);
    const etag = (await fetch(`${s.url}api/summary`)).headers.get("etag")!;
    expect((await fetch(`${s.url}api/summary`, { headers: { "if-none-match": etag } })).status).toBe(304);
    const json = fixtureGraphJson();
    json.nodes = json.nodes.filter((n) => n.key !== "problem:p4");
    json.edges = json.edges.filter((e) => e.source !== "problem:p4" && e.target !== "problem:p4");
    writeFileSync(file, JSON.stringify(json));
    const after = (await (await fetch(`${s.url}api/summary`)).json()) as { nodes: { key: string }[] };
    expect(after.nodes.map((n) => n.key)).not.toContain("problem:p4");
  });

  it("should refuse a foreign Host (DNS rebinding) and answer 400 to a malformed URL", async () => {
    const s = await startServe({ graph: graphFile(), viewerDir: fakeViewer() });
    stops.push(s.stop);
    const port = new URL(s.url).port;
    expect((await raw(s.url, "/", { host: `localhost:${port}` })).status).toBe(200);
    expect((await raw(s.url, "/", { host: `evil.example:${port}` })).status).toBe(403);
    expect((await raw(s.url, "/api/graph", { host: "127.0.0.1:1" })).status).toBe(403);
    expect((await raw(s.url, "/%E0%A4%A", {})).status).toBe(400);
    expect((await raw(s.url, "/api/evidence?node=%ZZ", {})).status).toBe(400);
  });

  it("should never print a password in the banner", () => {
    expect(withoutCredentials("Neo4j at bolt://neo4j:s3cret@127.0.0.1:7687 (database neo4j)")).toBe("Neo4j at bolt://127.0.0.1:7687 (database neo4j)");
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

/** A raw GET (node:http, so Host and Accept-Encoding are ours and nothing is decoded for us). */
function raw(base: string, path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const url = new URL(base);
  return new Promise((resolvePromise, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: "GET", headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

function runCli(args: string[]): Promise<CliRun> {
  return spawnKg(args, process.env);
}
