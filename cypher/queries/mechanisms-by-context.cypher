// name: mechanisms-by-context
// description: Mechanisms (三会一课, 主题党日 …) ranked by mentions, with the reports mentioning them in practice, problem and measure passages
// params: context (string, default all contexts), limit (integer, default 30)
//
// The practice / problem / measure columns count the reports that mention the mechanism in that kind
// of passage (做法经验 / 存在问题 / 对策建议); `context` (practice, problem, measure, cause, other) keeps only
// mechanisms mentioned in that kind of passage, ranked by it.
//
// Neo4j Browser: run the :params line first (null = the default above), then the query;
// set one parameter with :param (the example below), and run the query again.
// :params {context: null, limit: null}
// :param context => 'problem'
MATCH (report:Report)-[m:MENTIONS]->(mechanism:Mechanism)
WITH mechanism, collect(m) AS edges
WITH mechanism,
     size(edges) AS reports,
     reduce(n = 0, e IN edges | n + coalesce(e.mentionCount, size(coalesce(e.lines, [])))) AS mentions,
     size([e IN edges WHERE 'practice' IN coalesce(e.contexts, [])]) AS practice,
     size([e IN edges WHERE 'problem' IN coalesce(e.contexts, [])]) AS problem,
     size([e IN edges WHERE 'measure' IN coalesce(e.contexts, [])]) AS measure,
     size([e IN edges WHERE 'cause' IN coalesce(e.contexts, [])]) AS cause,
     size([e IN edges WHERE any(c IN coalesce(e.contexts, []) WHERE c IN ['situation', 'other'])]) AS elsewhere
WITH *, CASE coalesce(toLower(trim($context)), '')
          WHEN '' THEN reports
          WHEN 'practice' THEN practice WHEN 'problem' THEN problem WHEN 'measure' THEN measure
          WHEN 'cause' THEN cause WHEN 'situation' THEN elsewhere WHEN 'other' THEN elsewhere
          ELSE 0 END AS inContext
WHERE inContext > 0
RETURN mechanism.name AS mechanism, mentions, reports, practice, problem, measure, cause, elsewhere
ORDER BY CASE WHEN coalesce(trim($context), '') = '' THEN mentions ELSE inContext END DESC, mentions DESC, reports DESC, mechanism
LIMIT toInteger(coalesce($limit, 30))
