/*
 * Configuration of the store: Neo4j URI, credentials, database and batch size, resolved from CLI
 * flags, then the real environment, then a .env file (dotenv rules: the environment always wins).
 * Credentials alone fall back to .env.example, the committed defaults of the local Neo4j.
 * The password is never printed: use describeConfig() for anything shown to a person.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { parse } from "dotenv";

import { UsageError } from "./errors.ts";
import { redactUri } from "./util/terminal.ts";

export const DEFAULT_BATCH_SIZE = 2000;
export const MAX_BATCH_SIZE = 100_000;
/** Where the local Neo4j of `npm run neo4j:start` (and docker-compose.yml) listens. */
export const DEFAULT_NEO4J_URI = "bolt://127.0.0.1:7687";
const URI_SCHEMES = ["bolt:", "bolt+s:", "bolt+ssc:", "neo4j:", "neo4j+s:", "neo4j+ssc:"];

/** Flags a command may pass; undefined means "not given on the command line". */
export interface ConfigFlags {
  neo4j?: string | undefined;
  database?: string | undefined;
  batchSize?: string | number | undefined;
}

/** Where to find the environment; tests pass their own. */
export interface ConfigSources {
  env?: NodeJS.ProcessEnv;
  /** Folder holding .env and .env.example (default: the working directory). */
  cwd?: string;
}

export interface KgConfig {
  /** Bolt URI when one is configured (flag, NEO4J_URI or .env); undefined means "write the graph file". */
  uri: string | undefined;
  user: string;
  /** Never log this; describeConfig() leaves it out. */
  password: string;
  /** Database name; undefined means the server's default database. */
  database: string | undefined;
  batchSize: number;
}

/**
 * Resolve the configuration from flags, the environment and .env.
 * @example const config = resolveConfig({ neo4j: opts.neo4j, batchSize: opts.batchSize });
 */
export function resolveConfig(flags: ConfigFlags = {}, sources: ConfigSources = {}): KgConfig {
  const cwd = sources.cwd ?? process.cwd();
  const env = sources.env ?? process.env;
  const dotenv = readEnvFile(join(cwd, ".env"));
  const example = readEnvFile(join(cwd, ".env.example"));
  const pick = (key: string, fallback?: Record<string, string>) => nonEmpty(env[key]) ?? nonEmpty(dotenv[key]) ?? nonEmpty(fallback?.[key]);

  const uri = nonEmpty(flags.neo4j) ?? pick("NEO4J_URI");
  return {
    uri: uri === undefined ? undefined : validateUri(uri),
    user: pick("NEO4J_USER", example) ?? "neo4j",
    password: pick("NEO4J_PASSWORD", example) ?? "",
    database: nonEmpty(flags.database) ?? pick("NEO4J_DATABASE"),
    batchSize: parseBatchSize(flags.batchSize ?? pick("KG_BATCH_SIZE") ?? DEFAULT_BATCH_SIZE),
  };
}

/** The config with a URI, for commands that always talk to Neo4j (default: the local server). */
export function requireNeo4j(config: KgConfig): KgConfig & { uri: string } {
  if (!config.password) {
    throw new UsageError("config: NEO4J_PASSWORD is not set. Put it in .env (see .env.example) or the environment.");
  }
  return { ...config, uri: config.uri ?? DEFAULT_NEO4J_URI };
}

/** A one-line description safe to print (no password). */
export function describeConfig(config: KgConfig): string {
  const db = config.database ? ` database ${config.database}` : "";
  return `${config.uri ? redactUri(config.uri) : "(no Neo4j: graph file)"} as ${config.user}${db}, batches of ${config.batchSize}`;
}

/** Parse and check a batch size: a whole number from 1 to MAX_BATCH_SIZE. */
export function parseBatchSize(value: string | number): number {
  const n = typeof value === "number" ? value : /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_BATCH_SIZE) {
    throw new UsageError(`config: batch size must be a whole number from 1 to ${MAX_BATCH_SIZE}, got "${value}".`);
  }
  return n;
}

function validateUri(uri: string): string {
  let scheme: string;
  try {
    scheme = new URL(uri).protocol;
  } catch {
    scheme = "";
  }
  if (!URI_SCHEMES.includes(scheme)) {
    throw new UsageError(`config: "${redactUri(uri)}" is not a Neo4j URI. Use e.g. ${DEFAULT_NEO4J_URI} (schemes: bolt, neo4j, +s, +ssc).`);
  }
  return uri;
}

function readEnvFile(path: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return {};
  }
  return parse(text);
}

function nonEmpty(value: string | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  const s = String(value).trim();
  return s === "" ? undefined : s;
}
