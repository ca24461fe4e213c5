// The graph's relationships for the viewer (`kg serve --neo4j`), one page at a time, in key order.
// $types: the schema's relationship types (REL_TYPES); $skip, $limit: paging.
MATCH (a)-[r]->(b)
WHERE r.key IS NOT NULL AND a.key IS NOT NULL AND b.key IS NOT NULL AND type(r) IN $types
RETURN r.key AS key, type(r) AS type, a.key AS source, b.key AS target, properties(r) AS props
ORDER BY key
SKIP $skip LIMIT $limit
