// name: report-summary
// description: One report at a glance: its organisations, mechanisms, figures, problems, causes and measures, in source order
// params: report (string, default the report with the most statements)
//
// `report` is a report's name, title, key, or a part of its name or title (e.g. '调研报告').
//
// Neo4j Browser: run the :params line first (null = the default above), then the query;
// set one parameter with :param (the example below), and run the query again.
// :params {report: null}
// :param report => '调研报告'
CALL () {
  MATCH (r:Report)
  WHERE $report IS NULL OR r.name = $report OR r.title = $report OR r.key = $report
     OR r.name CONTAINS $report OR r.title CONTAINS $report
  RETURN r
  ORDER BY CASE WHEN r.name = $report OR r.title = $report OR r.key = $report THEN 0 ELSE 1 END,
           COUNT { (r)-[:CONTAINS]->(:Statement) } DESC, r.startLine, r.key
  LIMIT 1
}
CALL (r) {
  RETURN 0 AS rank, 'report' AS part, r.name AS item,
         r.setting + ', lines ' + toString(r.startLine) + '-' + toString(r.endLine) + ' of ' + r.path AS detail,
         r.startLine AS line
  UNION ALL
  MATCH (r)-[m:MENTIONS]->(o:Organisation)
  RETURN 1 AS rank, 'organisation' AS part, o.name AS item, o.type AS detail, head(coalesce(m.lines, [])) AS line
  UNION ALL
  MATCH (r)-[m:MENTIONS]->(x:Mechanism)
  RETURN 2 AS rank, 'mechanism' AS part, x.name AS item,
         toString(coalesce(m.mentionCount, size(coalesce(m.lines, [])))) + ' mention(s) in ' +
         reduce(s = '', c IN coalesce(m.contexts, []) | s + CASE s WHEN '' THEN '' ELSE '/' END + c) AS detail,
         head(coalesce(m.lines, [])) AS line
  UNION ALL
  MATCH (r)-[:CONTAINS]->(f:Figure)
  RETURN 3 AS rank, 'figure' AS part, f.what AS item, toString(f.value) + coalesce(f.unit, '') + ': ' + f.quote AS detail, f.line AS line
  UNION ALL
  MATCH (r)-[:CONTAINS]->(s:Statement)
  OPTIONAL MATCH (s)-[:INSTANCE_OF]->(t)
  RETURN CASE s.kind WHEN 'problem' THEN 4 WHEN 'cause' THEN 5 ELSE 6 END AS rank,
         s.kind AS part, coalesce(t.name, '(no theme)') AS item, s.text AS detail, s.line AS line
}
RETURN part, item, detail, line
ORDER BY rank, line, item
