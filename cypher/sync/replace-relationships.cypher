// Batch upsert of relationships of one type between two labels, replacing all their properties.
// {{type}}, {{sourceLabel}}, {{targetLabel}} come from the whitelists. $rows: [{ key, source, target, props }].
UNWIND $rows AS row
MATCH (a:{{sourceLabel}} { key: row.source })
MATCH (b:{{targetLabel}} { key: row.target })
MERGE (a)-[r:{{type}} { key: row.key }]->(b)
SET r = row.props
RETURN count(r) AS merged
