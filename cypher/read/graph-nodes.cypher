// The graph's nodes for the viewer (`kg serve --neo4j`), one page at a time, in key order.
// $labels: the schema's node labels (NODE_LABELS); $skip, $limit: paging.
MATCH (n)
WHERE n.key IS NOT NULL AND any(l IN labels(n) WHERE l IN $labels)
RETURN n.key AS key, [l IN labels(n) WHERE l IN $labels][0] AS label, properties(n) AS props
ORDER BY key
SKIP $skip LIMIT $limit
