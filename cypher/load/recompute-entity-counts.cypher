// Recurrence of organisations and mechanisms over everything loaded so far: reportCount = distinct
// reports that mention them; for mechanisms also mentionCount = all mentions in those reports.
MATCH (e)
WHERE e:Organisation OR e:Mechanism
CALL (e) {
  OPTIONAL MATCH (r:Report)-[m:MENTIONS]->(e)
  RETURN count(DISTINCT r) AS reports, sum(coalesce(m.mentionCount, 0)) AS mentions
}
SET e.reportCount = reports
SET (CASE WHEN e:Mechanism THEN e END).mentionCount = mentions
