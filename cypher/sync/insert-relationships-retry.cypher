// The retry of a create-relationships batch (cypher/sync/create-relationships.cypher): when the
// driver runs a batch again after a transient error, its first attempt may have committed without the
// driver seeing it, so the retry MERGEs on the relationship's key and never duplicates one. Same
// parameters: {{type}} from the REL_TYPES whitelist; $rows: [{ key, source, target, sourceId, targetId, props }].
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.sourceId AND a.key = row.source
MATCH (b) WHERE elementId(b) = row.targetId AND b.key = row.target
MERGE (a)-[r:{{type}} { key: row.key }]->(b)
SET r = row.props
RETURN count(r) AS merged
