// Batch insert of nodes of one label that the database does not hold yet (kg import read what it
// holds under the import lock, so these keys are known to be absent; the uniqueness constraint on
// `key` would refuse a duplicate). CREATE skips MERGE's lookup and lock; a retry after a transient
// error runs cypher/sync/replace-nodes.cypher (MERGE) instead, as the first attempt may have committed. Returns each node's element
// id, with which the relationships are then written without an index lookup. {{label}} from the
// NODE_LABELS whitelist. $rows: [{ key, props }], props include key.
UNWIND $rows AS row
CREATE (n:{{label}})
SET n = row.props
RETURN count(n) AS merged, collect([row.key, elementId(n)]) AS ids
