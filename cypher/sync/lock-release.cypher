// Give the import lock back. $name, $owner: strings.
MATCH (l:KgLock { key: $name, owner: $owner })
DELETE l
