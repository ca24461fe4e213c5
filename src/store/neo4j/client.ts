/*
 * The one place that creates neo4j-driver instances: createDriver() from a resolved config and
 * connectNeo4j() = createDriver + verifyConnectivity, so an unreachable server or a bad password
 * fails at once with a StoreError (exit 3) before any work. Integers come back as JS numbers.
 */
import neo4j, { type Driver } from "neo4j-driver";

import type { KgConfig } from "../../config.ts";
import { toStoreError } from "./errors.ts";

/** Connection settings for the driver (a KgConfig with a URI). */
export type Neo4jConnection = Pick<KgConfig, "user" | "password" | "database"> & { uri: string };

/** A driver plus the settings it was made from (without exposing the password in messages). */
export interface Neo4jHandle {
  driver: Driver;
  uri: string;
  user: string;
  database: string | undefined;
}

/** Create a driver; it does not connect until used. Close it with `await driver.close()`. */
export function createDriver(conn: Neo4jConnection): Driver {
  try {
    return neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, conn.password), {
      disableLosslessIntegers: true,
      userAgent: "kg/0.1.0",
      connectionTimeout: 15_000,
      // A port where something listens but never answers the Bolt handshake fails after this, not 60 s.
      connectionAcquisitionTimeout: 20_000,
      maxTransactionRetryTime: 30_000,
    });
  } catch (err) {
    throw toStoreError(err, conn);
  }
}

/** Check that the server answers and accepts the credentials; throws StoreError otherwise. */
export async function verifyConnectivity(driver: Driver, conn: Omit<Neo4jConnection, "password">): Promise<void> {
  try {
    await driver.verifyConnectivity(conn.database ? { database: conn.database } : {});
    // verifyConnectivity does not always authenticate; a tiny query does.
    await driver.executeQuery("RETURN 1", {}, conn.database ? { database: conn.database } : {});
  } catch (err) {
    throw toStoreError(err, conn);
  }
}

/**
 * Create a driver and verify it; closes the driver again when the check fails.
 * @example const neo = await connectNeo4j(requireNeo4j(resolveConfig(flags))); try { … } finally { await neo.driver.close(); }
 */
export async function connectNeo4j(conn: Neo4jConnection): Promise<Neo4jHandle> {
  const driver = createDriver(conn);
  try {
    await verifyConnectivity(driver, conn);
  } catch (err) {
    await driver.close();
    throw err;
  }
  return { driver, uri: conn.uri, user: conn.user, database: conn.database };
}
