// Delete relationships that the recomputed graph no longer has (stale INSTANCE_OF, RAISES, links …),
// found from their source node; the target's key is checked too, so that a relationship whose key
// now joins other nodes is not confused with its new self. {{sourceLabel}} from the NODE_LABELS
// whitelist; $rows: [{ source: node key, target: node key, key: relationship key }].
UNWIND $rows AS row
MATCH (a:{{sourceLabel}} { key: row.source })-[r]->(b)
WHERE r.key = row.key AND b.key = row.target
DELETE r
RETURN count(*) AS deleted
