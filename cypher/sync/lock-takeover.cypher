// Take over the import lock from a holder known to be dead (same host, process gone).
// $name, $dead, $owner: strings. Returns taken (1 when the lock is now ours).
MATCH (l:KgLock { key: $name, owner: $dead })
SET l.owner = $owner, l.since = timestamp()
RETURN count(l) AS taken
