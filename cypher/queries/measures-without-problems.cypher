// name: measures-without-problems
// description: Measure themes proposed with no matching problem (no Problem is ADDRESSED_BY them)
// params: limit (integer, default 1000)
//
// Neo4j Browser: run the :params line first (null = the default above), then the query.
// :params {limit: null}
MATCH (measure:Measure)
WHERE NOT (:Problem)-[:ADDRESSED_BY]->(measure)
OPTIONAL MATCH (report:Report)-[:PROPOSES]->(measure)
WITH measure, count(DISTINCT report) AS reports, collect(DISTINCT report.name) AS proposedIn
RETURN measure.name AS measure,
       reports,
       COUNT { (:Statement)-[:INSTANCE_OF]->(measure) } AS statements,
       proposedIn,
       measure.themeId AS themeId
ORDER BY reports DESC, statements DESC, measure
LIMIT toInteger(coalesce($limit, 1000))
