// The documents already imported, with the extraction records that later imports recompute from
// (kg import unions them with the documents it reads, then syncs the database to the result).
MATCH (d:Document)
RETURN d.key AS key, d.path AS path, d.sha256 AS sha256, d.encoding AS encoding, d.record AS record, d.aliases AS aliases
ORDER BY d.key
