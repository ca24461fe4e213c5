// name: measures-ranked
// description: Measure themes ranked by the number of distinct reports that propose them
// params: limit (integer, default 20)
//
// Neo4j Browser: run the :params line first (null = the default above), then the query;
// set one parameter with :param (the example below), and run the query again.
// :params {limit: null}
// :param limit => 5
MATCH (report:Report)-[:PROPOSES]->(measure:Measure)
WITH measure, count(DISTINCT report) AS reports, collect(DISTINCT report.setting) AS settings
RETURN measure.name AS measure,
       reports,
       COUNT { (:Statement)-[:INSTANCE_OF]->(measure) } AS statements,
       COUNT { (measure)<-[:ADDRESSED_BY]-(:Problem) } AS problemsAddressed,
       settings,
       measure.themeId AS themeId
ORDER BY reports DESC, statements DESC, measure ASC
LIMIT toInteger(coalesce($limit, 20))
