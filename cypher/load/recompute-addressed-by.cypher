// Aggregated Problem -[:ADDRESSED_BY]-> Measure links over everything loaded so far: reportCount =
// distinct reports in which a statement of the problem theme is addressed by a statement of the
// measure theme; score = the best statement-level score.
MATCH (p:Problem)-[a:ADDRESSED_BY]->(m:Measure)
CALL (p, m) {
  OPTIONAL MATCH (r:Report)-[:CONTAINS]->(ps:Statement)-[:INSTANCE_OF]->(p),
                 (ps)-[l:ADDRESSED_BY]->(ms:Statement)-[:INSTANCE_OF]->(m)
  RETURN count(DISTINCT r) AS reports, max(l.score) AS best
}
SET a.reportCount = reports,
    a.score = coalesce(best, a.score),
    a.reason = 'linked within ' + toString(reports) + ' report(s)'
