/*
 * Runs one query of the library against Neo4j, read-only: every declared parameter is sent (null when
 * the user gave none, so the query falls back to its own default), integers as Neo4j integers, and the
 * records come back as plain JSON-ready rows.
 */
import neo4j, { isNode, isPath, isRelationship, routing } from "neo4j-driver";

import { StoreError } from "../../errors.ts";
import type { Neo4jHandle } from "./client.ts";
import { toStoreError } from "./errors.ts";
import type { NamedQuery, ParamValue } from "./queries.ts";

/** Rows of a query, with the column order of its RETURN clause. */
export interface QueryResult {
  columns: string[];
  rows: Record<string, unknown>[];
  /** Columns holding nodes, relationships or paths (for Neo4j Browser to draw), as plain property maps in `rows`. */
  graphColumns: string[];
}

/** The parameter map sent to Neo4j: each declared parameter, null when not given. */
export function buildParameters(query: NamedQuery, given: Readonly<Record<string, ParamValue>>): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const p of query.params) {
    const value = Object.hasOwn(given, p.name) ? given[p.name] : undefined;
    if (value === undefined) params[p.name] = null;
    else if (p.type === "integer" && typeof value === "number") params[p.name] = neo4j.int(value);
    else params[p.name] = value;
  }
  return params;
}

/**
 * Run a library query in a read transaction and return its rows.
 * @example const { columns, rows } = await runNamedQuery(handle, findQuery(loadQueryLibrary(), "problems-ranked"), { limit: 5 });
 */
export async function runNamedQuery(
  handle: Neo4jHandle,
  query: NamedQuery,
  given: Readonly<Record<string, ParamValue>> = {},
): Promise<QueryResult> {
  try {
    const result = await handle.driver.executeQuery(query.cypher, buildParameters(query, given), {
      routing: routing.READ,
      ...(handle.database ? { database: handle.database } : {}),
    });
    const columns = [...result.keys].map(String);
    const graphColumns = columns.filter((c) => result.records.some((r) => isGraphValue(r.get(c))));
    return {
      columns,
      graphColumns,
      rows: result.records.map((record) => {
        const row: Record<string, unknown> = {};
        for (const key of record.keys) row[String(key)] = toPlain(record.get(key));
        return row;
      }),
    };
  } catch (err) {
    if (err instanceof Error && /no such fulltext schema index/i.test(err.message)) {
      throw new StoreError(
        `query ${query.name}: Neo4j at ${handle.uri} has no full-text index for it yet: run \`kg import <paths> --neo4j ${handle.uri}\` once (it applies cypher/schema.cypher).`,
        { unavailable: false, cause: err },
      );
    }
    throw toStoreError(err, handle);
  }
}

function isGraphValue(value: unknown): boolean {
  return isNode(value) || isRelationship(value) || isPath(value);
}

/** A value from a record as plain JSON data: numbers, strings, arrays, objects; nodes as their properties. */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) return neo4j.integer.inSafeRange(value) ? neo4j.integer.toNumber(value) : value.toString();
  if (isNode(value)) return { labels: value.labels, ...plainProps(value.properties) };
  if (isRelationship(value)) return { type: value.type, ...plainProps(value.properties) };
  if (isPath(value)) return [toPlain(value.start), ...value.segments.map((s) => toPlain(s.end))];
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value === "object") {
    if (value.constructor === Object) return plainProps(value as Record<string, unknown>);
    return String(value); // temporal and spatial values print as ISO text
  }
  return value;
}

function plainProps(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, toPlain(v)]));
}
