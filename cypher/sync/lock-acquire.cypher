// Take the import lock of this database, or learn who holds it. One lock node per name; the SET takes
// the node's write lock before its owner is read, so two imports cannot both take it. A lock whose
// holder has not refreshed it for $staleMs milliseconds (a crashed run) is taken over.
// $name, $owner: strings; $staleMs: integer. Returns mine (boolean), owner, since.
MERGE (l:KgLock { key: $name })
ON CREATE SET l.owner = $owner, l.since = timestamp()
SET l.claimed = true
WITH l, (l.owner = $owner OR l.since < timestamp() - $staleMs) AS free
FOREACH (_ IN CASE WHEN free THEN [1] ELSE [] END | SET l.owner = $owner, l.since = timestamp())
RETURN free AS mine, l.owner AS owner, l.since AS since
