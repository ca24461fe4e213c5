// The graph's nodes for the viewer (`kg serve --neo4j`), one page at a time, in key order.
// $labels: the schema's node labels (NODE_LABELS); $skip, $limit: paging; $records: whether to send the
// Documents' extraction records (large; only imports need them).
MATCH (n)
WHERE n.key IS NOT NULL AND any(l IN labels(n) WHERE l IN $labels)
RETURN n.key AS key, [l IN labels(n) WHERE l IN $labels][0] AS label,
       CASE WHEN $records THEN properties(n) ELSE n { .*, record: null } END AS props
ORDER BY key
SKIP $skip LIMIT $limit
