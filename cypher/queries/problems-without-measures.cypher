// name: problems-without-measures
// description: Gaps: problem themes that no report pairs with a measure (no ADDRESSED_BY to any Measure)
// params: limit (integer, default 1000)
//
// Neo4j Browser: run the :params line first (null = the default above), then the query.
// :params {limit: null}
MATCH (problem:Problem)
WHERE NOT (problem)-[:ADDRESSED_BY]->(:Measure)
OPTIONAL MATCH (report:Report)-[:RAISES]->(problem)
WITH problem, count(DISTINCT report) AS reports, collect(DISTINCT report.name) AS raisedIn
RETURN problem.name AS problem,
       reports,
       COUNT { (:Statement)-[:INSTANCE_OF]->(problem) } AS statements,
       raisedIn,
       problem.themeId AS themeId
ORDER BY reports DESC, statements DESC, problem
LIMIT toInteger(coalesce($limit, 1000))
