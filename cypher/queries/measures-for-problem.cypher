// name: measures-for-problem
// description: The measures reports propose for one problem theme, with how many reports pair them and the quotes
// params: theme (string, default the most recurrent problem that has measures), limit (integer, default 20)
//
// `theme` is a problem theme's name, themeId or key; a part of a name also works (e.g. '党员发展').
// Columns: reports = reports pairing this problem with the measure; reportsOverall = reports proposing the measure at all.
//
// Neo4j Browser: run the :params line first (null = the default above), then the query;
// set one parameter with :param (the example below), and run the query again.
// :params {theme: null, limit: null}
// :param theme => '党员发展缓慢、队伍结构老化'
CALL () {
  MATCH (p:Problem)
  WHERE $theme IS NULL OR p.name = $theme OR p.themeId = $theme OR p.key = $theme OR p.name CONTAINS $theme
  RETURN p AS problem
  ORDER BY CASE WHEN p.name = $theme OR p.themeId = $theme OR p.key = $theme THEN 0 ELSE 1 END,
           EXISTS { (p)<-[:INSTANCE_OF]-(:Statement)-[:ADDRESSED_BY]->(:Statement) } DESC,
           COUNT { (:Report)-[:RAISES]->(p) } DESC, p.name
  LIMIT 1
}
MATCH (problem)<-[:INSTANCE_OF]-(ps:Statement)-[link:ADDRESSED_BY]->(ms:Statement)
OPTIONAL MATCH (ms)-[:INSTANCE_OF]->(measure:Measure)
WITH problem, measure, ms, link
ORDER BY ms.reportTitle, ms.line
WITH problem, measure,
     count(DISTINCT ms.reportKey) AS reports,
     count(DISTINCT ms) AS statements,
     max(link.score) AS bestScore,
     collect(DISTINCT ms.quote) AS quotes,
     collect(DISTINCT ms.reportTitle) AS inReports
RETURN problem.name AS problem,
       coalesce(measure.name, '(measure without a theme)') AS measure,
       reports,
       COUNT { (:Report)-[:PROPOSES]->(measure) } AS reportsOverall,
       statements,
       round(bestScore, 2) AS bestScore,
       quotes,
       inReports
ORDER BY reports DESC, statements DESC, bestScore DESC, measure
LIMIT toInteger(coalesce($limit, 20))
