// Batch upsert of relationships of one type between two labels. {{type}}, {{sourceLabel}} and
// {{targetLabel}} come from the REL_TYPES / NODE_LABELS whitelists, never from data.
// $rows: [{ key, source, target, props }]; both ends are found through their key constraint.
UNWIND $rows AS row
MATCH (a:{{sourceLabel}} { key: row.source })
MATCH (b:{{targetLabel}} { key: row.target })
MERGE (a)-[r:{{type}} { key: row.key }]->(b)
SET r += row.props
RETURN count(r) AS merged
