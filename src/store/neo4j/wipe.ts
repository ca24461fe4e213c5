/*
 * `kg import --wipe`: delete everything in a Neo4j database, at any size. Relationships go first,
 * then the nodes, each in inner transactions (CALL … IN TRANSACTIONS) small enough for the server's
 * transaction memory (dbms.memory.transaction.total.max): deleting a node with DETACH DELETE also
 * deletes all its relationships in the same transaction, which for hub nodes (a theme with
 * thousands of statements) outgrows the memory pool. When the server still refuses a batch for
 * lack of memory, the batch is made four times smaller and the wipe goes on (what is deleted
 * stays deleted). The queries are cypher/load/wipe-*.cypher.
 * Constraints and indexes stay.
 */
import { type Driver, int } from "neo4j-driver";

import { readCypher } from "./cypher.ts";
import { toStoreError } from "./errors.ts";

export interface WipeOptions {
  database?: string | undefined;
  /** For messages only. */
  uri?: string;
  /** Rows per inner transaction to start with (default 10,000). */
  batchSize?: number;
}

const FIRST_BATCH = 10_000;
const SMALLEST_BATCH = 50;


/** Delete every node and relationship of the database. Returns the nodes deleted. */
export async function wipeDatabase(driver: Driver, options: WipeOptions = {}): Promise<number> {
  let batch = options.batchSize ?? FIRST_BATCH;
  let nodesDeleted = 0;
  for (const query of [readCypher("load/wipe-relationships"), readCypher("load/wipe-nodes")]) {
    for (;;) {
      const session = driver.session(options.database ? { database: options.database } : {});
      try {
        // CALL … IN TRANSACTIONS needs an auto-commit transaction, hence session.run.
        const result = await session.run(query, { batch: int(batch) });
        nodesDeleted += result.summary.counters.updates().nodesDeleted;
        break;
      } catch (err) {
        if (isOutOfMemory(err) && batch > SMALLEST_BATCH) {
          batch = Math.max(SMALLEST_BATCH, Math.floor(batch / 4));
          continue;
        }
        throw toStoreError(err, { uri: options.uri ?? "the server", database: options.database });
      } finally {
        await session.close();
      }
    }
  }
  return nodesDeleted;
}

/**
 * The server refused a transaction for lack of memory: Neo.TransientError.General.MemoryPoolOutOfMemoryError
 * (dbms.memory.transaction.total.max), …TransactionMemoryLimit (db.memory.transaction.max), or an
 * inner transaction of CALL … IN TRANSACTIONS failing for either (reported in the message).
 */
export function isOutOfMemory(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | undefined;
  return /memory/i.test(`${String(e?.code ?? "")} ${String(e?.message ?? "")}`);
}
