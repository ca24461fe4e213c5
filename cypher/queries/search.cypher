// name: search
// description: Full-text search (cjk analyzer) over statement quotes and the names of themes, mechanisms, organisations and reports
// params: term (string, default '党员'), limit (integer, default 20)
//
// The term is searched as a phrase (the index cuts Chinese into character pairs, so give at least two
// characters); Lucene's syntax characters in it are escaped, so it is always plain text.
//
// Neo4j Browser: run the :params line first (null = the default above), then the query;
// set one parameter with :param (the example below), and run the query again.
// :params {term: null, limit: null}
// :param term => '三会一课'
WITH coalesce(nullif(trim(coalesce($term, '')), ''), '党员') AS term
WITH reduce(s = toLower(term), c IN ['\\', '+', '-', '!', '(', ')', '{', '}', '[', ']', '^', '"', '~', '*', '?', ':', '/', '&', '|']
            | replace(s, c, '\\' + c)) AS escaped
CALL db.index.fulltext.queryNodes('kg_text', '"' + escaped + '"', {limit: toInteger(coalesce($limit, 20))})
YIELD node, score
OPTIONAL MATCH (report:Report {key: node.reportKey})
RETURN labels(node)[0] AS label,
       coalesce(node.quote, node.name, node.title, node.text) AS match,
       CASE WHEN node:Statement THEN node.kind ELSE null END AS kind,
       coalesce(report.name, node.reportTitle) AS report,
       node.line AS line,
       round(score, 3) AS score
ORDER BY score DESC, report, line
