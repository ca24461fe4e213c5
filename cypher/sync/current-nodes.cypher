// What the database holds, for kg import to compare with the recomputed graph: every node of the
// schema's labels with its properties (without the Documents' large records, read separately), in
// one streamed query (no paging: paging with ORDER BY … SKIP sorts everything once per page).
// $labels: the schema's node labels (NODE_LABELS).
MATCH (n)
WHERE n.key IS NOT NULL AND any(l IN labels(n) WHERE l IN $labels)
RETURN n.key AS key, elementId(n) AS id, [l IN labels(n) WHERE l IN $labels][0] AS label, n { .*, record: null } AS props
