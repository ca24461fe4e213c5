// name: theme-evidence
// description: The evidence for one problem or measure theme: every quote, with its report, file and line
// params: theme (string, default the most recurrent problem), limit (integer, default 50)
//
// `theme` is a Problem or Measure name, themeId or key, or a part of a name (e.g. '经费').
//
// Neo4j Browser: run the :params line first (null = the default above), then the query;
// set one parameter with :param (the example below), and run the query again.
// :params {theme: null, limit: null}
// :param theme => '党建经费缺乏保障'
CALL () {
  MATCH (t:Problem|Measure)
  WHERE $theme IS NULL OR t.name = $theme OR t.themeId = $theme OR t.key = $theme OR t.name CONTAINS $theme
  RETURN t AS theme
  ORDER BY CASE WHEN t.name = $theme OR t.themeId = $theme OR t.key = $theme THEN 0 ELSE 1 END,
           CASE WHEN t:Problem THEN 0 ELSE 1 END,
           COUNT { (:Report)-[:RAISES|PROPOSES]->(t) } DESC, t.name
  LIMIT 1
}
MATCH (theme)<-[:INSTANCE_OF]-(s:Statement)
RETURN theme.name AS theme,
       s.quote AS quote,
       coalesce(s.reportTitle, s.reportKey) AS report,
       s.path AS path,
       s.line AS line,
       s.kind AS kind
ORDER BY report, path, line
LIMIT toInteger(coalesce($limit, 50))
