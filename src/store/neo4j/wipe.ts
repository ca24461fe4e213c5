/*
 * `kg import --wipe`: delete everything in a Neo4j database, at any size. Relationships go first,
 * then the nodes, each in inner transactions (CALL … IN TRANSACTIONS) small enough for the server's
 * transaction memory (dbms.memory.transaction.total.max): deleting a node with DETACH DELETE also
 * deletes all its relationships in the same transaction, which for hub nodes (a theme with
 * thousands of statements) outgrows the memory pool. When the server still refuses a batch for
 * lack of memory, the batch is made four times smaller and the wipe goes on (what is deleted
 * stays deleted). The first size is read from the server's setting (wipeBatchFor). The queries are
 * cypher/load/wipe-*.cypher.
 * Constraints and indexes stay.
 */
import { type Driver, int, isRetryableError } from "neo4j-driver";

import { readCypher } from "./cypher.ts";
import { toStoreError } from "./errors.ts";

export interface WipeOptions {
  database?: string | undefined;
  /** For messages only. */
  uri?: string;
  /** Rows per inner transaction to start with (default: sized to the server's transaction memory, wipeBatchFor). */
  batchSize?: number;
  /** Told when the server refused a batch for lack of memory and the wipe goes on with smaller ones. */
  onSmaller?: (refused: number, next: number) => void;
}

const FIRST_BATCH = 10_000;
const SMALLEST_BATCH = 50;
/** Deletions per inner transaction for each MiB of the server's transaction memory (measured: see wipeBatchFor). */
const ROWS_PER_MIB = 10;
/** Attempts for a wipe step that fails with a transient error other than memory (a leader change, a deadlock). */
const TRANSIENT_ATTEMPTS = 5;

/**
 * Rows per inner transaction for a server whose transactions may use `limitBytes` in all
 * (dbms.memory.transaction.total.max; 0 or undefined = no limit): ROWS_PER_MIB per MiB, between
 * SMALLEST_BATCH and FIRST_BATCH. On the 1 GB-heap server of the README (limit 716.8 MiB) that is
 * 7,168, whereas 5,000 DETACH DELETEs of nodes failed once a theme held thousands of relationships:
 * the wipe deletes relationships first, so one row is one small deletion.
 */
export function wipeBatchFor(limitBytes: number | undefined): number {
  if (!limitBytes || !Number.isFinite(limitBytes) || limitBytes <= 0) return FIRST_BATCH;
  return Math.max(SMALLEST_BATCH, Math.min(FIRST_BATCH, Math.floor((limitBytes / 2 ** 20) * ROWS_PER_MIB)));
}

/** The server's dbms.memory.transaction.total.max in bytes, or undefined when it cannot be read (no rights, older server). */
export async function transactionMemoryLimit(driver: Driver, database?: string): Promise<number | undefined> {
  try {
    const { records } = await driver.executeQuery(
      "SHOW SETTINGS YIELD name, value WHERE name = $name RETURN value",
      { name: "dbms.memory.transaction.total.max" },
      database ? { database } : {},
    );
    return parseBytes(String(records[0]?.get("value") ?? ""));
  } catch {
    return undefined;
  }
}

/** "716.8MiB", "1g", "734003200", "0B" → bytes; undefined when not a size. */
export function parseBytes(text: string): number | undefined {
  const m = /^\s*([\d.]+)\s*([kmgt]?)(i?b)?\s*$/i.exec(text);
  if (!m) return undefined;
  const unit = { "": 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 }[m[2]!.toLowerCase() as "" | "k" | "m" | "g" | "t"];
  const n = Number(m[1]) * unit;
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Delete every node and relationship of the database. Returns the nodes deleted. The first inner
 * transaction size comes from the server's transaction memory (or options.batchSize).
 */
export async function wipeDatabase(driver: Driver, options: WipeOptions = {}): Promise<number> {
  let batch = options.batchSize ?? wipeBatchFor(await transactionMemoryLimit(driver, options.database));
  let nodesDeleted = 0;
  for (const query of [readCypher("load/wipe-relationships"), readCypher("load/wipe-nodes")]) {
    for (let attempt = 1; ; attempt++) {
      const session = driver.session(options.database ? { database: options.database } : {});
      try {
        // CALL … IN TRANSACTIONS needs an auto-commit transaction, hence session.run (what is
        // deleted stays deleted, so a retry just goes on).
        const result = await session.run(query, { batch: int(batch) });
        nodesDeleted += result.summary.counters.updates().nodesDeleted;
        break;
      } catch (err) {
        if (isOutOfMemory(err) && batch > SMALLEST_BATCH) {
          const refused = batch;
          batch = Math.max(SMALLEST_BATCH, Math.floor(batch / 4));
          options.onSmaller?.(refused, batch);
          continue;
        }
        if (isRetryableError(err) && attempt < TRANSIENT_ATTEMPTS) {
          await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
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
