import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { KgError } from "../../src/errors.ts";
import { buildGraph } from "../../src/graph/build-graph.ts";
import { runPipeline } from "../../src/pipeline.ts";
import { assignAggregates, importIntoGraphFile, readGraphFile, serializeGraph } from "../../src/sinks/graph-file.ts";
import { KEYS, makeGraph } from "../store/graph.fixtures.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "kg-graph-file-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("graph file", () => {
  it("should create the folder and write a graph that reads back with the same nodes and edges", async () => {
    const path = join(dir, "nested", "out", "graph.json");
    const summary = await importIntoGraphFile(makeGraph(), path);
    const back = await readGraphFile(path);
    expect(summary).toMatchObject({ nodes: 14, edges: 25, nodesAdded: 14, edgesAdded: 25, merged: false });
    expect(back.order).toBe(14);
    expect(back.size).toBe(25);
    expect(back.getNodeAttribute(KEYS.problem, "name")).toBe("党员发展");
    expect(back.getAttribute("schemaVersion")).toBe(1);
  });

  it("should leave a byte-identical file when the same graph is imported twice", async () => {
    const path = join(dir, "graph.json");
    await importIntoGraphFile(makeGraph(), path);
    const first = await readFile(path);
    const again = await importIntoGraphFile(makeGraph(), path);
    expect(again).toMatchObject({ nodesAdded: 0, edgesAdded: 0, merged: true });
    expect((await readFile(path)).equals(first)).toBe(true);
  });

  it("should write the same bytes whatever order nodes and edges were added in", async () => {
    const forward = makeGraph(["a", "b"]);
    const backward = makeGraph(["b", "a"]);
    expect(serializeGraph(backward)).toBe(serializeGraph(forward));
  });

  it("should add a second batch of reports and recount recurrence instead of overwriting it", async () => {
    const path = join(dir, "graph.json");
    await importIntoGraphFile(makeGraph(["a"]), path);
    const afterA = await readGraphFile(path);
    expect(afterA.getNodeAttribute(KEYS.problem, "reportCount")).toBe(1);

    const summary = await importIntoGraphFile(makeGraph(["b"]), path);
    const merged = await readGraphFile(path);
    expect(summary.merged).toBe(true);
    expect(merged.order).toBe(14);
    expect(merged.getNodeAttribute(KEYS.problem, "reportCount")).toBe(2);
    expect(merged.getNodeAttribute(KEYS.problem, "statementCount")).toBe(2);
    expect(merged.getNodeAttribute(KEYS.measure, "reportCount")).toBe(2);
    expect(merged.getNodeAttribute(KEYS.mech, "reportCount")).toBe(2);
    expect(merged.getNodeAttribute(KEYS.mech, "mentionCount")).toBe(5); // 2 in A + 3 in B
    expect(merged.getNodeAttribute(KEYS.org, "reportCount")).toBe(1);
    const agg = merged.edges(KEYS.problem, KEYS.measure).map((e) => merged.getEdgeAttributes(e));
    expect(agg).toHaveLength(1);
    expect(agg[0]).toMatchObject({ type: "ADDRESSED_BY", reportCount: 2, score: 0.9 });
    // Same content as importing both at once.
    expect(serializeGraph(merged)).toBe(serializeGraph(makeGraph(["a", "b"])));
  });

  it("should start from nothing with wipe", async () => {
    const path = join(dir, "graph.json");
    await importIntoGraphFile(makeGraph(["a", "b"]), path);
    const summary = await importIntoGraphFile(makeGraph(["b"]), path, { wipe: true });
    expect(summary.merged).toBe(false);
    const graph = await readGraphFile(path);
    expect(graph.hasNode(KEYS.reportA)).toBe(false);
    expect(graph.getNodeAttribute(KEYS.problem, "reportCount")).toBe(1);
  });

  it("should refuse a file that is not a graph with an InputError", async () => {
    const path = join(dir, "graph.json");
    await writeFile(path, "{ not json");
    await expect(readGraphFile(path)).rejects.toMatchObject({ code: "KG_INPUT" });
    await expect(importIntoGraphFile(makeGraph(), path)).rejects.toBeInstanceOf(KgError);
    await expect(readGraphFile(join(dir, "missing.json"))).rejects.toMatchObject({ code: "KG_INPUT" });
  });

  it("should agree with buildGraph's own counts on the seed, and be idempotent there", async () => {
    const graph = buildGraph(await runPipeline(["seeds/"]));
    const before = serializeGraph(graph);
    assignAggregates(graph);
    expect(serializeGraph(graph)).toBe(before);

    const path = join(dir, "graph.json");
    await importIntoGraphFile(buildGraph(await runPipeline(["seeds/"])), path);
    const first = await readFile(path);
    await importIntoGraphFile(buildGraph(await runPipeline(["seeds/"])), path);
    expect((await readFile(path)).equals(first)).toBe(true);
  });
});
