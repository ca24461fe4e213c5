// name: problems-co-occurring
// description: Pairs of problem themes raised together in the same reports, most frequent pairs first
// params: theme (string, default all problems), minReports (integer, default 1), limit (integer, default 30)
//
// With `theme` (a problem's name, themeId, key or part of a name), the problems raised together with that one.
//
// Neo4j Browser: run the :params line first (null = the default above), then the query;
// set one parameter with :param (the example below), and run the query again.
// :params {theme: null, minReports: null, limit: null}
// :param minReports => 2
CALL () {
  OPTIONAL MATCH (t:Problem)
  WHERE t.name = $theme OR t.themeId = $theme OR t.key = $theme OR t.name CONTAINS $theme
  RETURN t AS focus
  ORDER BY CASE WHEN t.name = $theme OR t.themeId = $theme OR t.key = $theme THEN 0 ELSE 1 END,
           COUNT { (:Report)-[:RAISES]->(t) } DESC, t.name
  LIMIT 1
}
MATCH (a:Problem)<-[:RAISES]-(report:Report)-[:RAISES]->(b:Problem)
WHERE ($theme IS NULL AND a.name < b.name) OR (focus IS NOT NULL AND a = focus AND b <> focus)
WITH a, b, collect(DISTINCT report.name) AS together
WHERE size(together) >= toInteger(coalesce($minReports, 1))
RETURN a.name AS problem,
       b.name AS coOccursWith,
       size(together) AS reports,
       COUNT { (:Report)-[:RAISES]->(a) } AS problemReports,
       COUNT { (:Report)-[:RAISES]->(b) } AS otherReports,
       together
ORDER BY reports DESC, problem, coOccursWith
LIMIT toInteger(coalesce($limit, 30))
