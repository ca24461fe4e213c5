// Recurrence of Problem / Measure themes over everything loaded so far (so a second batch of
// reports adds to the counts instead of overwriting them): reportCount = distinct reports raising
// or proposing the theme, statementCount = statements that are instances of it.
MATCH (t)
WHERE t:Problem OR t:Measure
CALL (t) {
  OPTIONAL MATCH (r:Report)-[:RAISES|PROPOSES]->(t)
  RETURN count(DISTINCT r) AS reports
}
CALL (t) {
  OPTIONAL MATCH (s:Statement)-[:INSTANCE_OF]->(t)
  RETURN count(DISTINCT s) AS statements
}
SET t.reportCount = reports, t.statementCount = statements
