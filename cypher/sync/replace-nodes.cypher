// Batch upsert of nodes of one label that replaces all their properties (a property the new graph no
// longer has is removed). {{label}} comes from the NODE_LABELS whitelist. $rows: [{ key, props }],
// props include key.
UNWIND $rows AS row
MERGE (n:{{label}} { key: row.key })
SET n = row.props
RETURN count(n) AS merged, collect([row.key, elementId(n)]) AS ids
