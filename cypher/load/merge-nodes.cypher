// Batch upsert of nodes of one label. {{label}} is replaced by the loader with a label from the
// NODE_LABELS whitelist (labels cannot be parameters; never from data). One text per label keeps
// plans cached. $rows: [{ key: string, props: map }]; MERGE uses the uniqueness constraint on key.
UNWIND $rows AS row
MERGE (n:{{label}} { key: row.key })
SET n += row.props
RETURN count(n) AS merged
