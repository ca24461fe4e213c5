import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { DEFAULT_NEO4J_URI, describeConfig, requireNeo4j, resolveConfig } from "../src/config.ts";

let cwd: string;
beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), "kg-config-"));
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe("resolveConfig", () => {
  it("should configure no Neo4j (graph file) when nothing names one", () => {
    const config = resolveConfig({}, { env: {}, cwd });
    expect(config.uri).toBeUndefined();
    expect(config.batchSize).toBe(2000);
  });

  it("should read .env, and let the real environment win over it", async () => {
    await writeFile(join(cwd, ".env"), "NEO4J_URI=bolt://db.example:7687\nNEO4J_USER=alice\nNEO4J_PASSWORD=from-dotenv\nNEO4J_DATABASE=kg\n");
    const fromFile = resolveConfig({}, { env: {}, cwd });
    expect(fromFile).toMatchObject({ uri: "bolt://db.example:7687", user: "alice", password: "from-dotenv", database: "kg" });
    const fromEnv = resolveConfig({}, { env: { NEO4J_PASSWORD: "from-env", NEO4J_URI: "neo4j://other:7687" }, cwd });
    expect(fromEnv).toMatchObject({ uri: "neo4j://other:7687", user: "alice", password: "from-env" });
  });

  it("should let flags win over environment and .env", async () => {
    await writeFile(join(cwd, ".env"), "NEO4J_URI=bolt://db.example:7687\nNEO4J_DATABASE=kg\n");
    const config = resolveConfig({ neo4j: "bolt://127.0.0.1:7777", database: "other", batchSize: "20" }, { env: { NEO4J_URI: "bolt://env:1" }, cwd });
    expect(config).toMatchObject({ uri: "bolt://127.0.0.1:7777", database: "other", batchSize: 20 });
  });

  it("should take credentials, but not the URI, from .env.example when there is no .env", async () => {
    await writeFile(join(cwd, ".env.example"), "NEO4J_URI=bolt://example:7687\nNEO4J_USER=neo4j\nNEO4J_PASSWORD=local-default\n");
    const config = resolveConfig({}, { env: {}, cwd });
    expect(config).toMatchObject({ uri: undefined, user: "neo4j", password: "local-default" });
    expect(requireNeo4j(config).uri).toBe(DEFAULT_NEO4J_URI);
  });

  it.each(["0", "-5", "1.5", "abc", "100001", ""])("should refuse batch size %j with a usage error", (value) => {
    expect(() => resolveConfig({ batchSize: value === "" ? " " : value }, { env: {}, cwd })).toThrow(expect.objectContaining({ code: "KG_USAGE", exitCode: 2 }));
  });

  it("should refuse a URI that is not a Neo4j URI", () => {
    expect(() => resolveConfig({ neo4j: "http://127.0.0.1:7474" }, { env: {}, cwd })).toThrow(expect.objectContaining({ code: "KG_USAGE" }));
  });

  it("should never show the password when described", () => {
    const config = resolveConfig({ neo4j: "bolt://127.0.0.1:7687" }, { env: { NEO4J_PASSWORD: "s3cret-value" }, cwd });
    expect(describeConfig(config)).not.toContain("s3cret-value");
    expect(() => requireNeo4j({ ...config, password: "" })).toThrow(/NEO4J_PASSWORD is not set/);
  });
});
