// name: problems-by-setting
// description: Problem themes by the setting of the reports raising them (school, university, rural, community, government, enterprise)
// params: setting (string, default all settings), limit (integer, default 30)
//
// `setting` is one of school, university, rural (village, 农村), community (社区), government (organ, 机关),
// enterprise (企业), other, unknown; with it, only reports of that setting count.
//
// Neo4j Browser: run the :params line first (null = the default above), then the query;
// set one parameter with :param (the example below), and run the query again.
// :params {setting: null, limit: null}
// :param setting => 'rural'
WITH {
  village: 'rural', organ: 'government', organs: 'government', agency: 'government', company: 'enterprise',
  `学校`: 'school', `中小学`: 'school', `高校`: 'university', `大学`: 'university', `农村`: 'rural', `村`: 'rural',
  `社区`: 'community', `机关`: 'government', `政府`: 'government', `企业`: 'enterprise', `国企`: 'enterprise'
} AS aliases
WITH coalesce(aliases[toLower(trim($setting))], toLower(trim($setting))) AS setting
MATCH (report:Report)-[:RAISES]->(problem:Problem)
WHERE setting IS NULL OR report.setting = setting
WITH problem, collect(DISTINCT report) AS rs
RETURN problem.name AS problem,
       size(rs) AS reports,
       size([r IN rs WHERE r.setting = 'school']) AS school,
       size([r IN rs WHERE r.setting = 'university']) AS university,
       size([r IN rs WHERE r.setting = 'rural']) AS rural,
       size([r IN rs WHERE r.setting = 'community']) AS community,
       size([r IN rs WHERE r.setting = 'government']) AS government,
       size([r IN rs WHERE r.setting = 'enterprise']) AS enterprise,
       size([r IN rs WHERE NOT r.setting IN ['school', 'university', 'rural', 'community', 'government', 'enterprise']]) AS otherOrUnknown
ORDER BY reports DESC, problem
LIMIT toInteger(coalesce($limit, 30))
