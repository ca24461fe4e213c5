/*
 * `kg serve --neo4j`: the graph read back from the real Neo4j has the graph file's shape and gives
 * the viewer the same view (themes, recurrence, gaps, evidence) as the graph built from the seed.
 */
import { spawn } from "node:child_process";

import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readGraph } from "../../../src/store/neo4j/read-graph.ts";
import { buildView, createLocalDetails, importKgGraph } from "../../../src/viewer/model/build-view.ts";
import { ensureViewerBuilt } from "../../viewer/e2e/harness.ts";
import { ROOT, SEED, dbConfig, neo4jArgs, openDriver, runKg, seedGraph, testNeo4j } from "./neo4j.fixtures.ts";

let driver: Driver;
beforeAll(async () => {
  driver = openDriver();
  const run = await runKg(["import", SEED, ...neo4jArgs(), "--wipe", "--yes"]);
  expect(run.code).toBe(0);
});
afterAll(async () => {
  await driver.close();
});

describe("reading the graph from Neo4j for the viewer", () => {
  it("should return every node and relationship of the seed graph with its attributes", async () => {
    const { graph } = await seedGraph();
    const data = await readGraph(driver, dbConfig());
    expect(data.nodes.map((n) => n.key).sort()).toEqual(graph.nodes().sort());
    expect(data.edges!.map((e) => e.key).sort()).toEqual(graph.edges().sort());
    const theme = graph.findNode((_k, a) => a.label === "Problem")!;
    const read = data.nodes.find((n) => n.key === theme)!;
    expect(read.attributes).toMatchObject({ label: "Problem", name: graph.getNodeAttribute(theme, "name"), reportCount: graph.getNodeAttribute(theme, "reportCount") });
  });

  it("should give the viewer the same themes, gaps and evidence as the graph file", async () => {
    const { graph } = await seedGraph();
    const kgFile = importKgGraph(graph.export());
    const kgNeo4j = importKgGraph(await readGraph(driver, dbConfig()));
    const fromFile = buildView(kgFile);
    const fromNeo4j = buildView(kgNeo4j);
    const quotes = new Map([
      [fromFile, createLocalDetails(kgFile, fromFile.reports)],
      [fromNeo4j, createLocalDetails(kgNeo4j, fromNeo4j.reports)],
    ]);
    const summary = (v: typeof fromFile) =>
      v.graph
        .filterNodes((_k, a) => a.kind === "Problem" || a.kind === "Measure")
        .sort()
        .map((k) => [k, v.graph.getNodeAttribute(k, "label"), v.graph.getNodeAttribute(k, "reportCount"), quotes.get(v)!.evidenceSync(k).map((e) => e.quote).sort()]);
    expect(summary(fromNeo4j)).toEqual(summary(fromFile));
    expect([...fromNeo4j.gaps].sort()).toEqual([...fromFile.gaps].sort());
  });

  it("should serve it with kg serve --neo4j and stop with exit 0 on SIGINT", async () => {
    ensureViewerBuilt();
    const conn = testNeo4j();
    const env: NodeJS.ProcessEnv = { ...process.env, NEO4J_USER: conn.user, NEO4J_PASSWORD: conn.password };
    delete env.NEO4J_URI;
    const child = spawn(process.execPath, ["bin/kg.js", "serve", "--port", "0", ...neo4jArgs()], { cwd: ROOT, env });
    let out = "";
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
          if (m) resolve(m[0]);
        });
        child.on("exit", (code) => reject(new Error(`kg serve exited ${code}`)));
      });
      const data = (await (await fetch(`${url}api/graph`)).json()) as { nodes: unknown[] };
      expect(data.nodes.length).toBe((await seedGraph()).graph.order);
    } catch (err) {
      child.kill("SIGKILL");
      throw err;
    }
    child.removeAllListeners("exit");
    const code = await new Promise<number | null>((resolve) => {
      child.once("exit", resolve);
      child.kill("SIGINT");
    });
    expect(code).toBe(0);
  });

  it("should exit 3 when Neo4j cannot be reached", async () => {
    const run = await runKg(["serve", "--port", "0", "--neo4j", "bolt://127.0.0.1:1"]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/cannot reach Neo4j/);
  });
});
