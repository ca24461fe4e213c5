/*
 * Neo4j → the serialized graph (`graph.export()` shape) the viewer reads, for `kg serve --neo4j`:
 * parameterised, paged reads of cypher/read/*.cypher, labels and types from the schema whitelists.
 */
import neo4j, { type Driver } from "neo4j-driver";
import type { SerializedGraph } from "graphology-types";

import { requireNeo4j, resolveConfig } from "../../config.ts";
import { NODE_LABELS, REL_TYPES } from "../../graph/schema.ts";
import { connectNeo4j } from "./client.ts";
import { readCypher } from "./cypher.ts";
import { toStoreError } from "./errors.ts";

/** Rows fetched per query. */
const PAGE_SIZE = 5000;

type Props = Record<string, unknown>;

/**
 * Read the whole knowledge graph from Neo4j in the graph file's shape. Documents' extraction records
 * (large, only for imports) are left out unless `records` is true.
 * @example const data = await readGraph(driver, { database: "neo4j" });
 */
export async function readGraph(driver: Driver, options: { database?: string | undefined; records?: boolean } = {}): Promise<SerializedGraph> {
  const db = options.database ? { database: options.database } : {};
  const nodes = await readPaged(driver, "read/graph-nodes", { labels: [...NODE_LABELS], records: options.records === true }, db, (r) => {
    const props = withoutKey(r.props as Props);
    if (!options.records) delete props.record;
    return { key: String(r.key), attributes: { ...props, label: r.label } };
  });
  const edges = await readPaged(driver, "read/graph-relationships", { types: [...REL_TYPES] }, db, (r) => ({
    key: String(r.key),
    source: String(r.source),
    target: String(r.target),
    attributes: { ...withoutKey(r.props as Props), type: r.type },
  }));
  return {
    options: { type: "directed", multi: true, allowSelfLoops: false },
    attributes: { schemaVersion: 1, generator: "kg (neo4j)" },
    nodes,
    edges,
  };
}

async function readPaged<T>(
  driver: Driver,
  name: string,
  params: Props,
  db: { database?: string },
  map: (row: Props) => T,
): Promise<T[]> {
  const query = readCypher(name);
  const out: T[] = [];
  for (let skip = 0; ; skip += PAGE_SIZE) {
    const { records } = await driver.executeQuery(query, { ...params, skip: neo4j.int(skip), limit: neo4j.int(PAGE_SIZE) }, { ...db, routing: "READ" });
    for (const record of records) out.push(map(record.toObject() as Props));
    if (records.length < PAGE_SIZE) return out;
  }
}

function withoutKey(props: Props): Props {
  const { key: _key, ...rest } = props;
  return rest;
}

/** A graph source for `kg serve`: connects once (exit 3 when unreachable), reads live on each request. */
export async function createNeo4jGraphSource(opts: { uri: string; database?: string }) {
  const conn = requireNeo4j(resolveConfig({ neo4j: opts.uri, database: opts.database }));
  const handle = await connectNeo4j(conn);
  return {
    description: `Neo4j at ${handle.uri}${handle.database ? ` (database ${handle.database})` : ""}`,
    graph: async () => {
      try {
        return JSON.stringify(await readGraph(handle.driver, { database: handle.database }));
      } catch (err) {
        throw toStoreError(err, { uri: handle.uri, user: handle.user, database: handle.database });
      }
    },
    close: () => handle.driver.close(),
  };
}
