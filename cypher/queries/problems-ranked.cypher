// name: problems-ranked
// description: Problem themes ranked by the number of distinct reports that raise them (how recurrent each problem is)
// params: limit (integer, default 20)
//
// Neo4j Browser: paste the line below first (or leave $limit out and use 20).
// :param limit => 20
MATCH (report:Report)-[:RAISES]->(problem:Problem)
WITH problem, count(DISTINCT report) AS reports, collect(DISTINCT report.setting) AS settings
RETURN problem.name AS problem,
       reports,
       COUNT { (:Statement)-[:INSTANCE_OF]->(problem) } AS statements,
       settings,
       problem.themeId AS themeId
ORDER BY reports DESC, statements DESC, problem ASC
LIMIT toInteger(coalesce($limit, 20))
