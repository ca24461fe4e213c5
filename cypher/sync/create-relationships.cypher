// Batch insert of relationships of one type that the database does not hold yet (known absent: kg
// import read what it holds under the import lock), between nodes already written, found by the
// element ids kg import just read or created (no index lookup), their keys checked. Only a batch's
// first attempt CREATEs: a retry after a transient error runs cypher/sync/insert-relationships-retry.cypher
// (MERGE), since the first attempt may have committed unseen. {{type}} from the REL_TYPES whitelist.
// $rows: [{ key, source, target, sourceId, targetId, props }].
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.sourceId AND a.key = row.source
MATCH (b) WHERE elementId(b) = row.targetId AND b.key = row.target
CREATE (a)-[r:{{type}}]->(b)
SET r = row.props
RETURN count(r) AS merged
