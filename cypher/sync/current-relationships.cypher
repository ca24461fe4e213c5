// What the database holds, for kg import to compare with the recomputed graph: every relationship of
// the schema's types between keyed nodes, with its properties, in one streamed query.
// $types: the schema's relationship types (REL_TYPES).
MATCH (a)-[r]->(b)
WHERE r.key IS NOT NULL AND a.key IS NOT NULL AND b.key IS NOT NULL AND type(r) IN $types
RETURN r.key AS key, type(r) AS type, a.key AS source, b.key AS target, properties(r) AS props
