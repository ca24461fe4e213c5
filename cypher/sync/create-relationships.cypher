// Batch insert of relationships of one type that the database does not hold yet (known absent: kg
// import read what it holds under the import lock), between nodes already written, found by the
// element ids kg import just read or created (no index lookup), their keys checked. MERGE on the
// relationship's key rather than CREATE: a batch retried after a commit the driver did not see
// (a lost connection, a cluster's leader changing) does not duplicate it, and on nodes with few
// relationships between them the check costs little. {{type}} from the REL_TYPES whitelist.
// $rows: [{ key, source, target, sourceId, targetId, props }].
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.sourceId AND a.key = row.source
MATCH (b) WHERE elementId(b) = row.targetId AND b.key = row.target
MERGE (a)-[r:{{type}} { key: row.key }]->(b)
SET r = row.props
RETURN count(r) AS merged
