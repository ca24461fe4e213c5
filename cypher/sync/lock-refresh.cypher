// Keep the import lock alive while an import runs. $name, $owner: strings.
MATCH (l:KgLock { key: $name, owner: $owner })
SET l.since = timestamp()
RETURN count(l) AS held
