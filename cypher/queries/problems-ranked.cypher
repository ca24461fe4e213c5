// name: problems-ranked
// description: Problem themes ranked by the number of distinct reports that raise them (how recurrent each problem is)
// params: limit (integer, default 20)
//
// Neo4j Browser: run the :params line first (null = the default above), then the query;
// set one parameter with :param (the example below), and run the query again.
// :params {limit: null}
// :param limit => 5
MATCH (report:Report)-[:RAISES]->(problem:Problem)
WITH problem, count(DISTINCT report) AS reports, collect(DISTINCT report.setting) AS settings
RETURN problem.name AS problem,
       reports,
       COUNT { (:Statement)-[:INSTANCE_OF]->(problem) } AS statements,
       settings,
       problem.themeId AS themeId
ORDER BY reports DESC, statements DESC, problem ASC
LIMIT toInteger(coalesce($limit, 20))
