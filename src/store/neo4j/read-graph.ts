/* Placeholder: reading the graph live from Neo4j for `kg serve --neo4j` (next commit). */
import { UsageError } from "../../errors.ts";

/** Not built yet. */
export async function createNeo4jGraphSource(_opts: { uri: string; database?: string }): Promise<never> {
  throw new UsageError("kg serve --neo4j: not built yet; use --graph.");
}
