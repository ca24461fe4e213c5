// Delete relationships that the recomputed graph no longer has (stale INSTANCE_OF, RAISES, links …),
// found from their source node. {{sourceLabel}} from the NODE_LABELS whitelist;
// $rows: [{ source: node key, key: relationship key }].
UNWIND $rows AS row
MATCH (a:{{sourceLabel}} { key: row.source })-[r]->()
WHERE r.key = row.key
DELETE r
RETURN count(*) AS deleted
