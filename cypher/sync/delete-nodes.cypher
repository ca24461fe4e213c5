// Delete nodes of one label (and their relationships) that the recomputed graph no longer has:
// themes no statement supports, replaced documents and their reports, entities no report mentions.
// {{label}} from the NODE_LABELS whitelist; $keys: [string].
UNWIND $keys AS k
MATCH (n:{{label}} { key: k })
DETACH DELETE n
RETURN count(*) AS deleted
