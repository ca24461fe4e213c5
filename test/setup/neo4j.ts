/*
 * Vitest globalSetup of the integration project: provides the Neo4j the integration tests use.
 * NEO4J_URI in the environment (not .env) names a server to use as is; otherwise this starts the
 * project's local Neo4j (scripts/neo4j/start.sh; harmless when it already runs) and uses it.
 * The integration tests own that server's default database while they run: they wipe it.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { parse } from "dotenv";
import type { TestProject } from "vitest/node";

import { resolveConfig } from "../../src/config.ts";

export interface TestNeo4j {
  uri: string;
  user: string;
  password: string;
  database: string | undefined;
}

declare module "vitest" {
  export interface ProvidedContext {
    neo4j: TestNeo4j;
  }
}

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Start (or find) the server and hand its connection to the tests. */
export default function setup(project: TestProject): void {
  const config = resolveConfig({}, { env: process.env, cwd: ROOT });
  const given = process.env.NEO4J_URI?.trim();
  if (!given) startLocalNeo4j();
  project.provide("neo4j", {
    uri: given || `bolt://127.0.0.1:${boltPort()}`,
    user: config.user,
    password: config.password,
    database: process.env.NEO4J_DATABASE?.trim() || undefined,
  });
}

function startLocalNeo4j(): void {
  const result = spawnSync("bash", ["scripts/neo4j/start.sh"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"], timeout: 600_000 });
  if (result.status !== 0) {
    throw new Error(`test/setup/neo4j: scripts/neo4j/start.sh failed (status ${result.status ?? result.signal}); see .neo4j/logs/console.log`);
  }
}

/** NEO4J_BOLT_PORT as start.sh reads it: environment, then .env, then .env.example, then 7687. */
function boltPort(): string {
  const fromFile = (name: string) => {
    try {
      return parse(readFileSync(`${ROOT}${name}`, "utf8")).NEO4J_BOLT_PORT;
    } catch {
      return undefined;
    }
  };
  return process.env.NEO4J_BOLT_PORT || fromFile(".env") || fromFile(".env.example") || "7687";
}
